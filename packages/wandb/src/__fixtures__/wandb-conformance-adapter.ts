import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrackingStatus } from '@tasklens/core/plugin';
import {
  type ConformanceChildScenario,
  type ConformanceRunOptions,
  type ConformanceRunView,
  type ConformanceServer,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import {
  conformanceChildCommand,
  conformanceChildScript,
  injectedFaultKinds,
  startConformanceServer,
} from '@tasklens/core/testing/conformance';
import { parseWandbJson } from '../json/parse-wandb-json';
import { readWandbFile } from '../offline/decode-wandb-records';
import type { RunJournal } from '../offline/run-journal';
import { init } from '../run/init-run';
import type { WandbRun } from '../run/wandb-run';
import type { WandbRunResult } from '../run/wandb-run-result';
import { historyRows } from '../testing/recorded-run';
import { WandbTestServer } from '../testing/wandb-test-server';
import { bundleForChild } from './bundle-for-child';

/** W&B bookkeeping keys left out of conformance rows. */
const bookkeeping = new Set(['_step', '_runtime', '_timestamp', '_wandb']);

function withoutBookkeeping(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !bookkeeping.has(key)));
}

function conformanceServer(server: WandbTestServer): ConformanceServer {
  return {
    url: server.url,
    // Faults hit the run's data (file_stream), as the other trackers' data routes.
    setFaults: (plan) => server.setFaults({ ...plan, pathPattern: /file_stream$/ }),
    goDown: (seconds) => server.goDown(seconds),
    received(runId) {
      const run = server.run(runId);
      if (run === undefined) return undefined;
      const config = [...run.upserts].reverse().find((upsert) => typeof upsert.config === 'string')?.config;
      const wrapped = parseWandbJson(String(config ?? '{}')) as Record<string, { value?: unknown }>;
      const params = Object.fromEntries(
        Object.entries(wrapped)
          .filter(([key]) => key !== '_wandb')
          .map(([key, value]) => [key, value?.value]),
      );
      return {
        rows: historyRows(run).map((row) => ({ step: Number(row._step), values: withoutBookkeeping(row) })),
        params,
        finished: run.complete,
        exitCode: run.exitCode,
      };
    },
    faultsInjected: () => injectedFaultKinds(server.requests),
    transcript: () =>
      server.requests.map((request) => `${request.method} ${request.path}\n${JSON.stringify(request.body)}`).join('\n'),
    close: () => server.close(),
  };
}

/** `init` options for a conformance run. */
export function conformanceInitOptions(options: ConformanceRunOptions) {
  return {
    project: 'conformance',
    entity: 'tasklens',
    id: options.runId,
    mode: options.mode,
    dir: options.directory,
    flushIntervalMs: options.flushIntervalMs,
    retry: options.retry,
    offlineDeadlineMs: options.offlineDeadlineMs,
    durableFlushMs: options.durableFlushMs,
    initTimeoutMs: 30_000,
    environment: {
      WANDB_API_KEY: options.apiKey,
      ...(options.serverUrl === undefined ? {} : { WANDB_BASE_URL: options.serverUrl }),
    },
  };
}

function statusOf(result: WandbRunResult): TrackingStatus {
  const lost = result.outcome === 'lost';
  if (result.transport !== undefined) {
    return {
      ...result.transport,
      outcome: lost ? 'lost' : result.transport.outcome,
      droppedEvents: result.transport.droppedEvents + (result.transport.outcome === 'delivered' ? 0 : result.lostRecords),
    };
  }
  return {
    outcome: lost ? 'lost' : 'spilled',
    deliveredEvents: 0,
    spilledEvents: 0,
    droppedEvents: result.lostRecords,
    offlineReason: 'offline mode',
    warnings: [],
  };
}

/** The `.wandb` file of run `runId` under `directory`, if there is one. */
export function findWandbFile(directory: string, runId: string): string | undefined {
  const root = join(directory, 'wandb');
  if (!existsSync(root)) return undefined;
  const runDirectory = readdirSync(root).find((name) => name.endsWith(`-${runId}`));
  if (runDirectory === undefined) return undefined;
  const file = join(root, runDirectory, `run-${runId}.wandb`);
  return existsSync(file) ? file : undefined;
}

function readOffline(directory: string, runId: string): ConformanceRunView | undefined {
  const file = findWandbFile(directory, runId);
  if (file === undefined) return undefined;
  const { records, damage } = readWandbFile(readFileSync(file));
  const params: Record<string, unknown> = {};
  const rows: { step: number; values: Record<string, unknown> }[] = [];
  let exitCode: number | undefined;
  for (const record of records) {
    if (record.type === 'run') Object.assign(params, record.config);
    else if (record.type === 'config') Object.assign(params, record.update);
    else if (record.type === 'history') rows.push({ step: record.step, values: withoutBookkeeping(record.values) });
    else if (record.type === 'exit') exitCode = record.exitCode;
  }
  delete params._wandb;
  return {
    rows,
    params,
    finished: exitCode !== undefined,
    exitCode,
    damage: damage === undefined ? undefined : `${damage.reason} at byte ${damage.offset}`,
  };
}

function childScript(scenario: ConformanceChildScenario): string {
  return conformanceChildScript(scenario, {
    imports: "import { init, wandbInit, wandbRun } from '@tasklens/wandb';",
    options: conformanceInitOptions(scenario.run),
    startRun: 'init(options)',
    decorator:
      '(options) => wandbInit({ ...options, secret: () => options.environment.WANDB_API_KEY, apiHost: options.environment.WANDB_BASE_URL })',
    currentRun: 'wandbRun()',
    logRow: 'run.log({ value: step }, { step, commit: true })',
  });
}

/**
 * The W&B adapter of core's tracker conformance suite. `sync` (interop only) runs `wandb sync`
 * from the oracle venv.
 */
export function wandbConformanceAdapter(
  sync?: (runDirectory: string, server: ConformanceServer) => Promise<void>,
): TrackerConformanceAdapter {
  const runs = new Map<string, WandbRun>();
  const adapter: TrackerConformanceAdapter = {
    name: 'wandb',
    startServer: (options) =>
      startConformanceServer(options, (serverOptions) => WandbTestServer.start(serverOptions), conformanceServer),
    async startRun(options) {
      const run = await init(conformanceInitOptions(options));
      runs.set(options.runId, run);
      return {
        logMetrics: (step, values) => run.log({ ...values }, { step, commit: true }),
        logParams: (values) => run.config.update({ ...values }),
        get queuedEvents() {
          return run.queuedEvents;
        },
        finish: async () => statusOf(await run.finish()),
      };
    },
    readOffline: async (directory, runId) => readOffline(directory, runId),
    async childCommand(scenario, scratch) {
      return conformanceChildCommand(bundleForChild(scratch, childScript(scenario)), scratch);
    },
    async breakSpillLocation(_directory, runId) {
      const run = runs.get(runId);
      const journal = (run as unknown as { parts?: { journal?: RunJournal } } | undefined)?.parts?.journal;
      if (journal === undefined) throw new Error(`no journal for run ${runId}`);
      // /dev/full fails every write with ENOSPC, for root too: a full disk.
      journal.replaceDescriptorForTest(openSync('/dev/full', 'w'));
    },
  };
  if (sync !== undefined) {
    adapter.syncWithVendorCli = async (directory, runId, server) => {
      const file = findWandbFile(directory, runId);
      if (file === undefined) throw new Error(`no .wandb file for ${runId} under ${directory}`);
      await sync(join(file, '..'), server);
    };
  }
  return adapter;
}
