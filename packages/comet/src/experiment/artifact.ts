import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';

/** Options of `new Artifact(…)`, as the SDK's `Artifact(name, artifact_type, …)`. */
export interface ArtifactOptions {
  /** Artifact name, unique in the workspace (required). */
  name: string;
  /** Artifact type, e.g. `dataset`, `model` (required). */
  type: string;
  /** Version metadata (JSON); default none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Aliases of the new version, e.g. `production`; default none. */
  aliases?: readonly string[] | undefined;
  /** Tags of the new version; default none. */
  versionTags?: readonly string[] | undefined;
  /** Semantic version to create; default the next major version Comet assigns (1.0.0, 2.0.0, …). */
  version?: string | undefined;
}

/** Options of `Artifact.add`. */
export interface ArtifactFileOptions {
  /** Path of the file inside the artifact; default the source path's base name (required for bytes). */
  logicalPath?: string | undefined;
  /** File metadata (JSON); default none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** A file of an artifact: its path inside the artifact and its bytes (copied when added). */
export interface ArtifactFile {
  readonly logicalPath: string;
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, unknown>> | null;
}

/** What `logArtifact` resolves with (the SDK's `LoggedArtifact`, the parts Comet answered). */
export interface LoggedArtifact {
  readonly name: string;
  readonly type: string;
  readonly workspace: string | undefined;
  /** The version Comet created, e.g. `1.0.0`; undefined when the artifact went to the offline archive. */
  readonly version: string | undefined;
  readonly artifactId: string | undefined;
  readonly artifactVersionId: string | undefined;
  /** True when Comet could not be reached and the files were archived as experiment assets instead. */
  readonly archived: boolean;
}

/**
 * A versioned Comet artifact (the SDK's `comet_ml.Artifact`): files added with `add`, logged with
 * `experiment.logArtifact(artifact)`, which creates a new version of the named artifact.
 */
export class Artifact {
  readonly name: string;
  readonly type: string;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly aliases: readonly string[];
  readonly versionTags: readonly string[];
  readonly version: string | undefined;
  private readonly added: ArtifactFile[] = [];

  constructor(options: ArtifactOptions) {
    this.name = requireText(options.name, 'Artifact.name');
    this.type = requireText(options.type, 'Artifact.type');
    if (options.version !== undefined && !/^\d+\.\d+\.\d+$/.test(options.version)) {
      throw new InvalidOptionError({
        option: 'Artifact.version',
        message: `Artifact.version: must be a semantic version like 1.2.0, got ${JSON.stringify(options.version)}`,
      });
    }
    this.metadata = options.metadata ?? null;
    this.aliases = [...(options.aliases ?? [])];
    this.versionTags = [...(options.versionTags ?? [])];
    this.version = options.version;
  }

  /** The files added so far, in order. */
  get files(): readonly ArtifactFile[] {
    return this.added;
  }

  /** Adds a file by path, or bytes/text with `logicalPath` (`Artifact.add`). */
  add(source: string | Uint8Array, options: ArtifactFileOptions = {}): this {
    const bytes = typeof source === 'string' ? readFileSync(source) : Uint8Array.from(source);
    const logicalPath = options.logicalPath ?? (typeof source === 'string' ? basename(source) : undefined);
    if (logicalPath === undefined || logicalPath === '') {
      throw new InvalidOptionError({
        option: 'Artifact.add.logicalPath',
        message: 'Artifact.add.logicalPath: required when adding bytes',
      });
    }
    if (this.added.some((file) => file.logicalPath === logicalPath)) {
      throw new InvalidOptionError({
        option: 'Artifact.add.logicalPath',
        message: `Artifact.add.logicalPath: the artifact already has a file ${JSON.stringify(logicalPath)}`,
      });
    }
    this.added.push({ logicalPath, bytes, metadata: options.metadata ?? null });
    return this;
  }
}

function requireText(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidOptionError({ option, message: `${option}: must be a non-empty string` });
  }
  return value;
}
