import { isAbsolute, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { registerSecretValue } from '@tasklens/core/plugin';
import {
  type ResolvedStartOptions,
  type StartOptions,
  startOptionDeclarations,
} from '../experiment/start-options';
import { resolveCometOptions } from './comet-option-declaration';
import { loginSession } from './login-session';
import { readCometConfig } from './read-comet-config';
import { serverUrls } from './server-urls';

/** How the SDK spells false in `COMET_START_ONLINE` (any case). */
const falseWords = new Set(['0', 'false', 'no', 'off']);

/** `start()`'s options resolved, plus the server's URLs (parsed, and checked, only when read). */
export type ExperimentSettings = Omit<ResolvedStartOptions, 'urlOverride' | 'offlineDirectory'> & {
  /** Absolute. */
  offlineDirectory: string;
  /** REST root, e.g. `https://www.comet.com` (no trailing slash); offline, parsed only when read. */
  readonly rootUrl: string;
  /** The SDK's clientlib base, `<root>/clientlib/`. */
  readonly clientlibUrl: string;
};

/**
 * Settings the way the Python SDK reads them (see `resolveCometOptions`): explicit options, then
 * `login()`, then `COMET_*` environment variables, then `.comet.config`, each option as declared in
 * `startOptionDeclarations`. Online without an API key is an `InvalidOptionError` naming `apiKey`;
 * a key Comet would refuse is one naming `experimentKey`.
 */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const resolveSettings = (function resolveSettings(
  input: StartOptions,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): ExperimentSettings {
  const session = loginSession();
  // Completed in place (no copies: this runs on every start()).
  const values = resolveCometOptions(
    startOptionDeclarations,
    input,
    { session, environment, file: readCometConfig(environment) },
    'start',
  ) as ResolvedStartOptions;
  const { urlOverride, offlineDirectory } = values;
  if (input.offline === undefined && session.offline === undefined) {
    // String compares, not regular expressions: V8 compiles a regular expression on its first use.
    if (environment.COMET_MODE?.toLowerCase() === 'offline') values.offline = true;
    if (falseWords.has(environment.COMET_START_ONLINE?.toLowerCase() ?? '')) values.offline = true;
  }
  // Parsed (and checked) only online: an offline experiment never contacts the server, and the
  // first URL parse of a process costs ~0.2 ms, an eighth of a cold offline start().
  let urls: { rootUrl: string; clientlibUrl: string } | undefined;
  const parsedUrls = () => {
    urls ??= serverUrls(urlOverride);
    return urls;
  };
  if (!values.offline) parsedUrls();
  if (values.apiKey !== undefined) registerSecretValue(values.apiKey);
  if (!values.offline && values.apiKey === undefined) {
    throw new InvalidOptionError({
      option: 'apiKey',
      message:
        'apiKey: no Comet API key: pass apiKey, call login({ apiKey }), set COMET_API_KEY or api_key in ~/.comet.config, or run offline (COMET_OFFLINE=true)',
    });
  }
  values.offlineDirectory = isAbsolute(offlineDirectory)
    ? offlineDirectory
    : join(process.cwd(), offlineDirectory);
  return Object.defineProperties(values as ResolvedStartOptions & ExperimentSettings, {
    rootUrl: { get: () => parsedUrls().rootUrl, enumerable: true },
    clientlibUrl: { get: () => parsedUrls().clientlibUrl, enumerable: true },
  });
});
