import { InvalidOptionError } from '@tasklens/core';

/**
 * Accepts a Comet server as `https://host[/prefix]` or in the SDK's `COMET_URL_OVERRIDE` form
 * `https://host[/prefix]/clientlib/`, and returns the REST root and the clientlib base (what
 * `cometr` does: the REST root is the override without its trailing `/clientlib/`).
 */
export function serverUrls(url: string): { rootUrl: string; clientlibUrl: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new InvalidOptionError({
      option: 'urlOverride',
      message: `urlOverride: not a URL: ${JSON.stringify(url)}`,
      cause: error,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidOptionError({
      option: 'urlOverride',
      message: `urlOverride: must be http(s), got ${parsed.protocol}`,
    });
  }
  const rootUrl = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/clientlib$/, '')}`;
  return { rootUrl, clientlibUrl: `${rootUrl}/clientlib/` };
}
