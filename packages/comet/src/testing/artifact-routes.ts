import type { FormPart } from './multipart-form';
import type { RecordedArtifact, RecordedArtifactVersion } from './recorded-artifact';
import type { RecordedRequest } from './recorded-request';

/** What the artifact routes need of the test server (structural, so this file does not import it). */
export interface ArtifactRouteServer {
  readonly artifacts: Map<string, RecordedArtifact>;
  workspaceOf(experimentKey: string): string;
  newKey(): string;
}

type Answer = { status: number; body: unknown };
type Body = Record<string, any>;

/**
 * Comet's versioned-artifact routes as the SDK's `log_artifact` uses them: `write/artifacts/upsert`
 * (creates the artifact if needed and a new version), `artifacts/version` (its details), asset
 * uploads carrying `artifactVersionId`, and `write/artifacts/state` (CLOSED once every file is up).
 * Returns undefined for any other route.
 */
export function routeArtifactRequest(
  record: RecordedRequest,
  body: Body,
  form: FormPart[] | undefined,
  server: ArtifactRouteServer,
): Answer | undefined {
  switch (record.route) {
    case 'write/artifacts/upsert':
      return upsert(server, body);
    case 'artifacts/version': {
      const found = findVersion(server, record.query.versionId ?? record.query.artifactVersionId ?? '');
      if (found === undefined)
        return { status: 400, body: { msg: 'artifact not found', sdk_error_code: 624523 } };
      return { status: 200, body: versionDetails(found.artifact, found.version) };
    }
    case 'write/artifacts/state': {
      const found = findVersion(server, String(body.artifactVersionId ?? ''));
      if (found === undefined) return { status: 400, body: { msg: 'artifact version not found' } };
      found.version.state = String(body.state);
      return { status: 200, body: {} };
    }
    default: {
      const versionId = record.query.artifactVersionId;
      if (versionId === undefined || !/upload-asset|^asset\/upload$/.test(record.route)) return undefined;
      const found = findVersion(server, versionId);
      if (found === undefined) return { status: 400, body: { msg: 'artifact version not found' } };
      const file = form?.find((part) => part.name === 'file');
      const metadata = form?.find((part) => part.name === 'metadata');
      found.version.files.push({
        logicalPath: record.query.fileName ?? file?.fileName ?? 'unnamed',
        bytes: file?.data ?? Buffer.alloc(0),
        metadata: metadata === undefined ? null : parseJson(metadata.data.toString('utf8')),
      });
      return { status: 200, body: { msg: 'Saved' } };
    }
  }
}

function upsert(server: ArtifactRouteServer, body: Body): Answer {
  const workspace = server.workspaceOf(String(body.experimentKey ?? ''));
  const name = String(body.artifactName ?? '');
  if (name === '') return { status: 400, body: { msg: 'artifactName is required' } };
  let artifact = [...server.artifacts.values()].find(
    (item) => item.workspace === workspace && item.name === name,
  );
  if (artifact === undefined) {
    artifact = {
      artifactId: server.newKey(),
      name,
      type: String(body.artifactType ?? ''),
      workspace,
      versions: [],
    };
    server.artifacts.set(artifact.artifactId, artifact);
  }
  const previous = artifact.versions.at(-1)?.version ?? null;
  const requested = typeof body.version === 'string' && body.version !== '' ? body.version : undefined;
  if (requested !== undefined && artifact.versions.some((version) => version.version === requested)) {
    return { status: 400, body: { msg: `version ${requested} already exists`, sdk_error_code: 624524 } };
  }
  // Comet bumps the major version when none is given: 1.0.0, 2.0.0, …
  const version = requested ?? `${previous === null ? 1 : Number.parseInt(previous, 10) + 1}.0.0`;
  const created: RecordedArtifactVersion = {
    artifactVersionId: server.newKey(),
    version,
    aliases: (body.alias ?? []) as string[],
    versionTags: (body.versionTags ?? []) as string[],
    metadata: typeof body.versionMetadata === 'string' ? body.versionMetadata : null,
    experimentKey: String(body.experimentKey ?? ''),
    state: 'OPEN',
    files: [],
  };
  artifact.versions.push(created);
  return {
    status: 200,
    body: {
      artifactId: artifact.artifactId,
      artifactVersionId: created.artifactVersionId,
      currentVersion: version,
      previousVersion: previous,
    },
  };
}

function findVersion(
  server: ArtifactRouteServer,
  versionId: string,
): { artifact: RecordedArtifact; version: RecordedArtifactVersion } | undefined {
  for (const artifact of server.artifacts.values()) {
    const version = artifact.versions.find((item) => item.artifactVersionId === versionId);
    if (version !== undefined) return { artifact, version };
  }
  return undefined;
}

function versionDetails(artifact: RecordedArtifact, version: RecordedArtifactVersion): Body {
  return {
    artifactVersionId: version.artifactVersionId,
    artifactVersion: version.version,
    alias: version.aliases,
    tags: version.versionTags,
    metadata: version.metadata,
    sizeInBytes: version.files.reduce((total, file) => total + file.bytes.length, 0),
    experimentKey: version.experimentKey,
    state: version.state,
    artifact: {
      artifactId: artifact.artifactId,
      artifactName: artifact.name,
      artifactType: artifact.type,
      workspaceName: artifact.workspace,
      tags: [],
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
