import { afterEach, describe, it } from 'vitest';
import type { TrackerConformanceAdapter } from '../tracker-conformance-adapter';
import { ConformanceContext } from './conformance-context';
import { faultsCase, outageCase, redirectAndHugeBodyCase } from './delivery-cases';
import { killCase, sigtermCase, spillFailureCase } from './process-cases';
import { sentinelSecretCase, unloggableValuesCase } from './value-cases';

/** The cases of the suite, by name, so a package can run a subset (e.g. unit vs interop). */
export const trackerConformanceCases = {
  /** Exactly-once, ordered delivery through 500s, 429s, dropped connections and an outage window. */
  faults: faultsCase,
  /** Service gone for good: complete offline run (and vendor-CLI sync when the adapter can). */
  outage: outageCase,
  /** Redirects never count as delivery; huge response bodies are not read into memory. */
  'redirect-and-huge-body': redirectAndHugeBodyCase,
  /** A sentinel API key appears in no file, request body, log line or status. */
  'sentinel-secret': sentinelSecretCase,
  /** NaN, ±Infinity, circular, BigInt, functions, invalid dates, undefined: handled or a typed error naming the key. */
  'unloggable-values': unloggableValuesCase,
  /** kill -9: everything logged before is on disk by the time-based flush (and syncs). */
  'kill-9': killCase,
  /** SIGTERM under `tasklens execute` with a run open: run finished, error.pb, deck, exit 0. */
  sigterm: sigtermCase,
  /** The offline spill fails: one warning, a counter, bounded memory, the task goes on. */
  'spill-failure': spillFailureCase,
} as const;

/** A case name of the suite. */
export type TrackerConformanceCase = keyof typeof trackerConformanceCases;

/** Which cases to register and how big they are. */
export interface TrackerConformanceOptions {
  /** Cases to register; default every case. */
  readonly cases?: readonly TrackerConformanceCase[];
  /** Rows logged by the delivery cases; default 300. */
  readonly rows?: number;
  /** Per-test timeout in ms; default 180000 (the machine may be loaded; the cases poll, never time). */
  readonly timeoutMs?: number;
}

/**
 * Registers the tracker conformance suite as vitest tests (call it at the top level of a
 * `*.test.ts` file of the tracker package) for `adapter`. Every case starts its own servers and
 * directories and closes the servers afterwards.
 */
export function describeTrackerConformance(
  adapter: TrackerConformanceAdapter,
  options: TrackerConformanceOptions = {},
): void {
  const selected = options.cases ?? (Object.keys(trackerConformanceCases) as TrackerConformanceCase[]);
  describe(`tracker conformance: ${adapter.name}`, () => {
    let context: ConformanceContext | undefined;
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });
    for (const name of selected) {
      it(
        name,
        async () => {
          context = new ConformanceContext(adapter, options.rows ?? 300);
          await trackerConformanceCases[name](context);
        },
        options.timeoutMs ?? 180_000,
      );
    }
  });
}
