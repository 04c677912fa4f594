/** How the S3 client is configured, read from the environment as flytekit's `S3Config` does. */
export interface S3Settings {
  /** `FLYTE_AWS_ENDPOINT`: custom endpoint (MinIO, the Flyte sandbox); default AWS. Implies path-style URLs. */
  endpoint: string | undefined;
  /** `FLYTE_AWS_ACCESS_KEY_ID`; default the AWS credential chain (env, profile, IRSA). */
  accessKeyId: string | undefined;
  /** `FLYTE_AWS_SECRET_ACCESS_KEY`; default the AWS credential chain. */
  secretAccessKey: string | undefined;
  /** `AWS_REGION` or `AWS_DEFAULT_REGION`; default `us-east-1` (any region works for MinIO). */
  region: string;
  /** Path-style addressing (`endpoint/bucket/key`); on whenever a custom endpoint is set. */
  forcePathStyle: boolean;
  /** `FLYTE_AWS_RETRIES` + 1 attempts per request; default 4 (flytekit's 3 retries). */
  maxAttempts: number;
}

/** S3 settings from `FLYTE_AWS_*` (flytekit's names) and the standard AWS region variables. */
export function s3SettingsFromEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
): S3Settings {
  const nonEmpty = (name: string) => {
    const value = environment[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const endpoint = nonEmpty('FLYTE_AWS_ENDPOINT');
  const retries = Number.parseInt(nonEmpty('FLYTE_AWS_RETRIES') ?? '3', 10);
  return {
    endpoint,
    accessKeyId: nonEmpty('FLYTE_AWS_ACCESS_KEY_ID'),
    secretAccessKey: nonEmpty('FLYTE_AWS_SECRET_ACCESS_KEY'),
    region: nonEmpty('AWS_REGION') ?? nonEmpty('AWS_DEFAULT_REGION') ?? 'us-east-1',
    forcePathStyle: endpoint !== undefined,
    maxAttempts: Number.isInteger(retries) && retries >= 0 ? retries + 1 : 4,
  };
}
