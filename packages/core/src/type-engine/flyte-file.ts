const fileMarker = Symbol.for('tasklens.FlyteFile');
const directoryMarker = Symbol.for('tasklens.FlyteDirectory');

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** What files and directories share: a local path and, for inputs, the blob URI it came from. */
abstract class BlobReference {
  /** Local path (or a remote URI for an output that already lives in the blob store). */
  readonly path: string;
  /** The blob URI the input came from; undefined for outputs not yet uploaded. */
  readonly remoteSource: string | undefined;

  constructor(path: string, options: { remoteSource?: string } = {}) {
    this.path = path;
    this.remoteSource = options.remoteSource;
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

/**
 * A file passed between tasks (flytekit's `FlyteFile`). As an input, `path` is a local copy
 * already downloaded and `remoteSource` the blob URI; as an output, `path` is a local file the
 * entrypoint uploads under the raw-output prefix (or a remote URI, passed through unchanged).
 */
export class FlyteFile extends BlobReference {
  readonly [fileMarker] = true;

  /** True for FlyteFile objects from any copy of `@tasklens/core`. */
  static isInstance(value: unknown): value is FlyteFile {
    return hasMarker(value, fileMarker);
  }
}

/** A directory passed between tasks (flytekit's `FlyteDirectory`, a MULTIPART blob); see FlyteFile. */
export class FlyteDirectory extends BlobReference {
  readonly [directoryMarker] = true;

  /** True for FlyteDirectory objects from any copy of `@tasklens/core`. */
  static isInstance(value: unknown): value is FlyteDirectory {
    return hasMarker(value, directoryMarker);
  }
}
