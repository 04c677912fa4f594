import { ApiCallError } from '@tasklens/core';
import { sendHttpRequest } from '@tasklens/core/plugin';

/** Auth header the SDK sends on every request: Basic with user `api` and the API key as password. */
export function authorizationHeader(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
}

export interface GraphqlTarget {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** One GraphQL call; GraphQL-level `errors` (HTTP 200) become a non-retryable `ApiCallError`. */
export async function postGraphql<Data>(
  target: GraphqlTarget,
  operationName: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Data> {
  const url = `${target.baseUrl}/graphql`;
  const response = await sendHttpRequest({
    url,
    headers: {
      authorization: authorizationHeader(target.apiKey),
      'content-type': 'application/json',
      'user-agent': 'tasklens-wandb',
    },
    body: JSON.stringify({ query, variables, operationName }),
    timeoutMs: target.timeoutMs,
  });
  let parsed: { data?: Data; errors?: { message?: string }[] };
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw new ApiCallError({ message: `${operationName}: the answer was not JSON`, url, isRetryable: true });
  }
  if (parsed.errors !== undefined && parsed.errors.length > 0) {
    throw new ApiCallError({
      message: `${operationName} failed: ${parsed.errors.map((error) => error.message ?? '?').join('; ')}`,
      url,
      statusCode: response.statusCode,
      isRetryable: false,
    });
  }
  return parsed.data as Data;
}

export const upsertBucketQuery = `mutation UpsertBucket ($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {
	upsertBucket(input: {id:$id,name:$name,groupName:$groupName,modelName:$project,entityName:$entity,description:$description,displayName:$displayName,notes:$notes,config:$config,commit:$commit,host:$host,debug:$debug,jobProgram:$program,jobRepo:$repo,jobType:$jobType,state:$state,sweep:$sweep,tags:$tags,summaryMetrics:$summaryMetrics}) {
		bucket { id name displayName description config sweepName project { id name entity { id name } } historyLineCount }
		inserted
	}
}`;

/** Every UpsertBucket variable, null unless given, exactly as wandb-core sends them. */
export function upsertBucketVariables(
  fields: Partial<Record<UpsertField, unknown>>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of upsertFields) variables[name] = fields[name] ?? null;
  return variables;
}

const upsertFields = [
  'id',
  'name',
  'project',
  'entity',
  'groupName',
  'description',
  'displayName',
  'notes',
  'commit',
  'config',
  'host',
  'debug',
  'program',
  'repo',
  'jobType',
  'state',
  'sweep',
  'tags',
  'summaryMetrics',
] as const;
type UpsertField = (typeof upsertFields)[number];

export interface UpsertedBucket {
  id: string;
  name: string;
  displayName: string | null;
  config: string | null;
  historyLineCount: number | null;
  project: { name: string; entity: { name: string } };
}

export const runResumeStatusQuery = `query RunResumeStatus($project: String, $entity: String, $name: String!) {
	model(name: $project, entityName: $entity) {
		id name entity { id name }
		bucket(name: $name, missingOk: true) {
			id name summaryMetrics displayName logLineCount historyLineCount eventsLineCount historyTail eventsTail config tags notes
			wandbConfig(keys: ["t"])
		}
	}
}`;

export interface ResumeBucket {
  id: string;
  name: string;
  summaryMetrics: string | null;
  logLineCount: number | null;
  historyLineCount: number | null;
  historyTail: string | null;
  config: string | null;
  wandbConfig: string | null;
}
