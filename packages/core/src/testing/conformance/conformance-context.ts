import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ConformanceRunOptions,
  ConformanceRunView,
  ConformanceServer,
  TrackerConformanceAdapter,
} from '../tracker-conformance-adapter';

/** Shared state of one conformance case: the adapter, scratch space and what to clean up. */
export class ConformanceContext {
  private readonly servers: ConformanceServer[] = [];
  private counter = 0;

  constructor(
    readonly adapter: TrackerConformanceAdapter,
    /** Rows logged by the delivery cases. */
    readonly rows: number,
  ) {}

  /** A fresh scratch directory. */
  scratch(label: string): string {
    return mkdtempSync(join(tmpdir(), `tasklens-conformance-${this.adapter.name}-${label}-`));
  }

  /** Starts a server that is closed after the case. */
  async server(apiKey?: string): Promise<ConformanceServer> {
    const server = await this.adapter.startServer(apiKey === undefined ? {} : { apiKey });
    this.servers.push(server);
    return server;
  }

  /** Run options scaled for tests; `overrides` win. */
  runOptions(
    label: string,
    overrides: Partial<ConformanceRunOptions> & Pick<ConformanceRunOptions, 'mode'>,
  ): ConformanceRunOptions {
    this.counter++;
    return {
      runId: `conformance-${label}-${process.pid}-${this.counter}`,
      directory: overrides.directory ?? this.scratch(label),
      apiKey: `conformance_api_key_${'0'.repeat(40)}`,
      flushIntervalMs: 20,
      retry: { initialDelayMs: 10, maxDelayMs: 200 },
      offlineDeadlineMs: 60_000,
      durableFlushMs: 1000,
      ...overrides,
    };
  }

  /** Closes every server started for the case. */
  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((server) => server.close()));
  }
}

/** The steps of `view`'s rows, for compact assertions. */
export function stepsOf(view: ConformanceRunView | undefined): number[] {
  return (view?.rows ?? []).map((row) => row.step);
}

/** `[0, 1, …, count - 1]`. */
export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** Yields to timers so the transport can send while a test logs. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
