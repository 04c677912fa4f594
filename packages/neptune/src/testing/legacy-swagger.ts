import { legacyFileSetSwaggerPaths } from './legacy-file-set-uploads';
import { legacyFileSwaggerDefinitions, legacyFileSwaggerPaths } from './legacy-file-uploads';

/**
 * Swagger 2.0 documents for the legacy test server. The Python client (bravado) finds every call
 * by operationId in `/api/{backend,leaderboard}/swagger.json`, so only operationIds, parameter
 * names/locations and response models must match what it sends and reads; the paths are ours
 * (chosen like a Neptune 2.x server's).
 */
const header = (name: string) => ({ name, in: 'header', type: 'string', required: false });
const query = (name: string, required = true) => ({ name, in: 'query', type: 'string', required });
const ok = (schema?: unknown) => ({
  200: { description: 'OK', ...(schema === undefined ? {} : { schema }) },
});
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
/** bravado groups operations by tag; the Python client calls them all as `client.api.<operationId>`. */
function tagged(paths: Record<string, Record<string, Record<string, unknown>>>) {
  for (const methods of Object.values(paths)) {
    for (const operation of Object.values(methods)) operation.tags = ['api'];
  }
  return paths;
}
const strings = (...names: string[]) => Object.fromEntries(names.map((name) => [name, { type: 'string' }]));

export const backendSwagger = {
  swagger: '2.0',
  info: { title: 'tasklens Neptune test server: backend', version: '2.0' },
  basePath: '/api/backend',
  consumes: ['application/json'],
  produces: ['application/json'],
  paths: tagged({
    '/v1/clients/config': {
      get: {
        operationId: 'getClientConfig',
        parameters: [header('X-Neptune-Api-Token'), query('alpha', false)],
        responses: ok(ref('ClientConfig')),
      },
    },
    '/v1/authorization/oauth-token': {
      get: {
        operationId: 'exchangeApiToken',
        parameters: [{ ...header('X-Neptune-Api-Token'), required: true }],
        responses: ok(ref('NeptuneOauthToken')),
      },
    },
    '/v1/projects/get': {
      get: {
        operationId: 'getProject',
        parameters: [query('projectIdentifier')],
        responses: ok(ref('ProjectWithRole')),
      },
    },
  }),
  definitions: {
    ClientConfig: {
      type: 'object',
      properties: {
        ...strings('apiUrl', 'applicationUrl'),
        pyLibVersions: ref('ClientVersionsConfig'),
        multiPartUpload: ref('MultipartUploadConfig'),
        artifacts: ref('ArtifactsConfig'),
      },
    },
    ClientVersionsConfig: {
      type: 'object',
      properties: strings('minRecommendedVersion', 'minCompatibleVersion', 'maxCompatibleVersion'),
    },
    MultipartUploadConfig: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        ...Object.fromEntries(
          ['minChunkSize', 'maxChunkSize', 'maxChunkCount', 'maxSinglePartSize'].map((name) => [
            name,
            { type: 'integer', format: 'int64' },
          ]),
        ),
      },
    },
    ArtifactsConfig: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, apiVersion: { type: 'integer' } },
    },
    NeptuneOauthToken: { type: 'object', properties: strings('accessToken', 'refreshToken', 'username') },
    ProjectWithRole: {
      type: 'object',
      properties: {
        ...strings('id', 'name', 'organizationName', 'organizationId', 'projectKey'),
        version: { type: 'integer' },
      },
    },
  },
};

/** Paths under `prefix`, for a document whose basePath is `/`. */
function prefixed(prefix: string, paths: Record<string, Record<string, Record<string, unknown>>>) {
  return Object.fromEntries(Object.entries(paths).map(([path, methods]) => [`${prefix}${path}`, methods]));
}

// The leaderboard paths carry their full prefix (basePath `/`): the Python client builds upload
// URLs with urljoin(api_url, path_name), which drops a basePath, so a real server's must too.
export const leaderboardSwagger = {
  swagger: '2.0',
  info: { title: 'tasklens Neptune test server: leaderboard', version: '2.0' },
  basePath: '/',
  consumes: ['application/json'],
  produces: ['application/json'],
  paths: prefixed(
    '/api/leaderboard',
    tagged({
      '/v1/experiments': {
        post: {
          operationId: 'createExperiment',
          parameters: [
            { name: 'experimentCreationParams', in: 'body', required: true, schema: { type: 'object' } },
            header('X-Neptune-CliVersion'),
          ],
          responses: ok(ref('Experiment')),
        },
      },
      '/v1/experiments/get': {
        get: {
          operationId: 'getExperiment',
          parameters: [query('experimentId')],
          responses: ok(ref('Experiment')),
        },
      },
      '/v1/experiments/ping': {
        post: { operationId: 'ping', parameters: [query('experimentId')], responses: ok() },
      },
      '/v1/attributes/operations': {
        post: {
          operationId: 'executeOperations',
          parameters: [
            query('experimentId'),
            {
              name: 'operations',
              in: 'body',
              required: true,
              schema: { type: 'array', items: { type: 'object' } },
            },
          ],
          responses: ok({ type: 'array', items: ref('Error') }),
        },
      },
      ...legacyFileSwaggerPaths(query),
      ...legacyFileSetSwaggerPaths(query),
      '/v1/attributes': {
        get: {
          operationId: 'getExperimentAttributes',
          parameters: [query('experimentId')],
          responses: ok(ref('ProjectAttributes')),
        },
      },
    }),
  ),
  definitions: {
    Experiment: {
      type: 'object',
      properties: {
        ...strings('id', 'shortId', 'organizationName', 'projectName', 'type', 'customId'),
        trashed: { type: 'boolean' },
      },
    },
    Error: { type: 'object', properties: strings('errorType', 'errorDescription') },
    ...legacyFileSwaggerDefinitions,
    ProjectAttributes: {
      type: 'object',
      properties: { attributes: { type: 'array', items: ref('AttributeDto') } },
    },
    AttributeDto: { type: 'object', properties: strings('name', 'type') },
  },
};
