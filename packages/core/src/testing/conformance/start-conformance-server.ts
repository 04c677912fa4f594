import { seededRandom } from '../fault-plan';
import type {
  ConformanceFaultKind,
  ConformanceFaultPlan,
  ConformanceServer,
} from '../tracker-conformance-adapter';

/** The options a provider's test server gets from `startConformanceServer`. */
export interface ConformanceServerStartOptions {
  /** Seeded from the fault plan's `seed` (default 7), so a failing run can be replayed. */
  random: () => number;
  /** The key the server accepts; absent: any key. */
  apiKey?: string;
}

/**
 * What every adapter's `startServer` does: starts the provider's test server (`start`) with a
 * random source seeded from the plan (default seed 7) and the API key if one is given, wraps it
 * for the suite (`wrap`), then sets the plan's faults through the wrapper (which picks the
 * provider's data routes).
 */
export async function startConformanceServer<Server>(
  options: { readonly faults?: ConformanceFaultPlan; readonly apiKey?: string },
  start: (serverOptions: ConformanceServerStartOptions) => Promise<Server>,
  wrap: (server: Server) => ConformanceServer,
): Promise<ConformanceServer> {
  const server = await start({
    random: seededRandom(options.faults?.seed ?? 7),
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
  });
  const wrapped = wrap(server);
  if (options.faults !== undefined) wrapped.setFaults(options.faults);
  return wrapped;
}

const faultKinds: ReadonlySet<string> = new Set<ConformanceFaultKind>([
  'error',
  'rate-limit',
  'drop',
  'redirect',
  'huge-body',
  'down',
]);

/** The fault kinds among a test server's request outcomes (`ok` and refusals left out), for `faultsInjected()`. */
export function injectedFaultKinds(
  requests: Iterable<{ readonly outcome: string }>,
): Set<ConformanceFaultKind> {
  const kinds = new Set<ConformanceFaultKind>();
  for (const { outcome } of requests) if (faultKinds.has(outcome)) kinds.add(outcome as ConformanceFaultKind);
  return kinds;
}
