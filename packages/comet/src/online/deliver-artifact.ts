import { ApiCallError } from '@tasklens/core';
import type { CometEvent } from '../experiment/comet-event';
import type { CometApi } from './comet-api';

type ArtifactEvent = Extract<CometEvent, { kind: 'artifact' }>;

/** How far an artifact's delivery got (kept across retries of its batch). */
export interface ArtifactProgress {
  /** The artifact event's position in the experiment's log. */
  readonly sequence: number;
  artifactId: string | undefined;
  artifactVersionId: string | undefined;
  version: string | undefined;
  /** Files uploaded so far, in order. */
  uploaded: number;
}

/**
 * The SDK's `log_artifact` over HTTP: `write/artifacts/upsert` creates the version, each file goes
 * to `asset/upload` with the version's `artifactVersionId`, and `write/artifacts/state` marks the
 * version CLOSED. `progress` records each finished step, so when a step fails and the batch is
 * retried, the version is not created twice and no file is uploaded twice.
 */
export async function deliverArtifact(
  api: CometApi,
  experimentKey: string,
  artifact: ArtifactEvent,
  progress: ArtifactProgress,
  assetQuery: (fileName: string) => Record<string, string>,
): Promise<void> {
  if (progress.artifactVersionId === undefined) {
    const response = await api.rest('write/artifacts/upsert', {
      artifactName: artifact.name,
      artifactType: artifact.type,
      experimentKey,
      versionMetadata: artifact.metadata === null ? null : JSON.stringify(artifact.metadata),
      version: artifact.version ?? null,
      alias: artifact.aliases,
      versionTags: artifact.versionTags,
    });
    const body = JSON.parse(response.body) as {
      artifactId?: string;
      artifactVersionId?: string;
      currentVersion?: string;
    };
    progress.artifactId = body.artifactId;
    progress.artifactVersionId = body.artifactVersionId;
    progress.version = body.currentVersion;
  }
  const artifactVersionId = progress.artifactVersionId;
  if (artifactVersionId === undefined)
    throw new ApiCallError({
      message: 'Comet created the artifact version without an id (artifactVersionId missing from the answer)',
      url: 'write/artifacts/upsert',
      isRetryable: false,
    });
  while (progress.uploaded < artifact.files.length) {
    const file = artifact.files[progress.uploaded]!;
    const query = { ...assetQuery(file.logicalPath), artifactVersionId };
    await api.uploadAsset(query, file.logicalPath, file.bytes, file.metadata);
    progress.uploaded++;
  }
  await api.rest('write/artifacts/state', { artifactVersionId, experimentKey, state: 'CLOSED' });
  artifact.settle({
    archived: false,
    ...(progress.artifactId === undefined ? {} : { artifactId: progress.artifactId }),
    artifactVersionId,
    ...(progress.version === undefined ? {} : { version: progress.version }),
  });
}
