const warnedKey = Symbol.for('tasklens.tracking.plainHttpWarned');

/** Header names that carry credentials. */
const credentialHeader = /^(authorization|proxy-authorization|x-api-key|api-key|x-comet-api-key|cookie)$/i;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost')
  );
}

/**
 * The warning to log when credentials go over plain `http://` to a host other than loopback, the
 * first time per origin in this process (later calls return undefined); the key itself never
 * appears in it.
 */
export function plainHttpCredentialWarning(
  url: string,
  headers: Readonly<Record<string, string>> | undefined,
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' || isLoopback(parsed.hostname)) return undefined;
  if (!Object.keys(headers ?? {}).some((name) => credentialHeader.test(name))) return undefined;
  const holder = globalThis as typeof globalThis & { [warnedKey]?: Set<string> };
  holder[warnedKey] ??= new Set();
  if (holder[warnedKey].has(parsed.origin)) return undefined;
  holder[warnedKey].add(parsed.origin);
  return `credentials are sent to ${parsed.origin} over plain http (unencrypted); use https unless this network is trusted`;
}
