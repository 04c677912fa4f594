const fileMarker = Symbol.for('tasklens.FlyteFile');
const directoryMarker = Symbol.for('tasklens.FlyteDirectory');

/**
 * A file passed between tasks (flytekit's `FlyteFile`). As an input, `path` is a local copy
 * already downloaded and `remoteSource` the blob URI; as an output, `path` is a local file the
 * entrypoint uploads under the raw-output prefix (or a remote URI, passed through unchanged).
 */
export class FlyteFile {
  readonly [fileMarker] = true;
  /** Local path (or a remote URI for an output that already lives in the blob store). */
  readonly path: string;
  /** The blob URI the input came from; undefined for outputs not yet uploaded. */
  readonly remoteSource: string | undefined;

  constructor(path: string, options: { remoteSource?: string } = {}) {
    this.path = path;
    this.remoteSource = options.remoteSource;
  }

  /** True for FlyteFile objects from any copy of `@tasklens/core`. */
  static isInstance(value: unknown): value is FlyteFile {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [fileMarker]?: boolean })[fileMarker] === true
    );
  }

  toString(): string {
    return this.path;
  }

  toJSON(): { path: string; remoteSource?: string } {
    return this.remoteSource === undefined
      ? { path: this.path }
      : { path: this.path, remoteSource: this.remoteSource };
  }
}

/** A directory passed between tasks (flytekit's `FlyteDirectory`, a MULTIPART blob); see FlyteFile. */
export class FlyteDirectory {
  readonly [directoryMarker] = true;
  /** Local directory path (or a remote URI prefix for an output that already lives in the blob store). */
  readonly path: string;
  /** The blob URI prefix the input came from; undefined for outputs not yet uploaded. */
  readonly remoteSource: string | undefined;

  constructor(path: string, options: { remoteSource?: string } = {}) {
    this.path = path;
    this.remoteSource = options.remoteSource;
  }

  /** True for FlyteDirectory objects from any copy of `@tasklens/core`. */
  static isInstance(value: unknown): value is FlyteDirectory {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [directoryMarker]?: boolean })[directoryMarker] === true
    );
  }

  toString(): string {
    return this.path;
  }

  toJSON(): { path: string; remoteSource?: string } {
    return this.remoteSource === undefined
      ? { path: this.path }
      : { path: this.path, remoteSource: this.remoteSource };
  }
}
