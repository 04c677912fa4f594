/** A file of an artifact version, as uploaded. */
export interface RecordedArtifactFile {
  /** The path inside the artifact (`logical_path`; the asset's file name). */
  logicalPath: string;
  bytes: Buffer;
  metadata: unknown;
}

/** One version of an artifact (`write/artifacts/upsert` creates it; `write/artifacts/state` closes it). */
export interface RecordedArtifactVersion {
  artifactVersionId: string;
  version: string;
  aliases: string[];
  versionTags: string[];
  /** The version metadata as sent: a JSON text (`versionMetadata`). */
  metadata: string | null;
  /** The experiment that logged the version. */
  experimentKey: string;
  /** `OPEN` until the client marks it `CLOSED` (all files uploaded) or `ERROR`. */
  state: string;
  files: RecordedArtifactFile[];
}

/** A versioned artifact of a workspace (Comet's `Artifact`). */
export interface RecordedArtifact {
  artifactId: string;
  name: string;
  type: string;
  workspace: string;
  versions: RecordedArtifactVersion[];
}
