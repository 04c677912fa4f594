import { InvalidOptionError } from '@tasklens/core';
import { withoutTrailingSlashes } from './without-trailing-slashes';

/** What a Neptune API token carries (base64 JSON); the secret part is never read. */
export interface DecodedApiToken {
  /** Server address (`api_address`). */
  apiAddress: string;
  /** API base URL: `api_url` if present, else `api_address`. */
  apiUrl: string;
}

/** Decodes a 1.x API token; a token that is not base64 JSON with `api_address` is an `InvalidOptionError`. */
export function decodeApiToken(token: string, option = 'apiToken'): DecodedApiToken {
  return decodeToken(token, option);
}

// Every online run start decodes its token: parenthesized, so V8 compiles it when the package is
// imported, not inside the first start (the exported declaration above stays a function).
// biome-ignore format: the parentheses are the compile hint
const decodeToken = (function decodeToken(token: string, option: string): DecodedApiToken {
  let decoded: { api_address?: unknown; api_url?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token.trim(), 'base64').toString('utf8')) as typeof decoded;
  } catch {
    // The message must not contain the token.
    throw new InvalidOptionError({
      option,
      message: `${option} is not a valid Neptune API token (not base64 JSON)`,
    });
  }
  if (typeof decoded !== 'object' || decoded === null || typeof decoded.api_address !== 'string') {
    throw new InvalidOptionError({
      option,
      message: `${option} is not a valid Neptune API token (no api_address)`,
    });
  }
  const apiAddress = withoutTrailingSlashes(decoded.api_address);
  const apiUrl = typeof decoded.api_url === 'string' ? withoutTrailingSlashes(decoded.api_url) : apiAddress;
  return { apiAddress, apiUrl };
});

/** Builds a token for a server (what a self-hosted installation hands out; used by the test servers). */
export function encodeApiToken(apiAddress: string, apiKey: string): string {
  return Buffer.from(
    JSON.stringify({ api_address: apiAddress, api_url: apiAddress, api_key: apiKey }),
  ).toString('base64');
}
