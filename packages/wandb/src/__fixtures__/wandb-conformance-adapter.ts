import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrackingStatus } from '@tasklens/core/plugin';
import {
  type ConformanceChildScenario,
  type ConformanceFaultKind,
  type ConformanceRunOptions,
  type ConformanceRunView,
  type ConformanceServer,
  seededRandom,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import { parseWandbJson } from '../json/parse-wandb-json';
import { readWandbFile } from '../offline/decode-wandb-records';
import type { RunJournal } from '../offline/run-journal';
import { init } from '../run/init-run';
import type { WandbRun, WandbRunResult } from '../run/wandb-run';
import { historyRows } from '../testing/recorded-run';
import { WandbTestServer } from '../testing/wandb-test-server';
import { bundleForChild } from './bundle-for-child';

/** W&B bookkeeping keys left out of conformance rows. */
const bookkeeping = new Set(['_step', '_runtime', '_timestamp', '_wandb']);

function withoutBookkeeping(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !bookkeeping.has(key)));
}

const faultKinds = new Set<string>(['error', 'rate-limit', 'drop', 'redirect', 'huge-body', 'down']);

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
    faultsInjected: () =>
      new Set(
        server.requests
          .map((request) => request.outcome)
          .filter((outcome): outcome is ConformanceFaultKind => faultKinds.has(outcome)),
      ),
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
  const options = JSON.stringify(conformanceInitOptions(scenario.run));
  if (scenario.kind === 'log-then-idle') {
    return `import { init } from '@tasklens/wandb';
const run = await init(${options});
for (let step = 0; step < ${scenario.steps}; step++) run.log({ value: step }, { step, commit: true });
console.log('ready');
setInterval(() => {}, 1000);
`;
  }
  const args = [
    '--inputs',
    scenario.inputsPath,
    '--output-prefix',
    scenario.outputPrefix,
    '--raw-output-data-prefix',
    scenario.rawOutputPrefix,
    '--task-module',
    '__SELF__',
    '--task-name',
    'conformanceTask',
  ];
  return `import { fileURLToPath } from 'node:url';
import { task } from '@tasklens/core';
import { executeCommand } from '@tasklens/core/cli/execute-command';
import { wandbInit, wandbRun } from '@tasklens/wandb';
const { project, entity, id, environment, ...options } = ${options};
export const conformanceTask = task(
  { name: 'conformance.sigterm', enableDeck: true },
  wandbInit({ ...options, project, entity, id, secret: () => environment.WANDB_API_KEY, apiHost: environment.WANDB_BASE_URL, environment })(async () => {
    const run = wandbRun();
    for (let step = 0; step < ${scenario.steps}; step++) run.log({ value: step }, { step, commit: true });
    console.log('ready');
    setInterval(() => {}, 1000);
    await new Promise(() => {});
  }),
);
if (process.env.TASKLENS_CONFORMANCE_CHILD === 'main') {
  process.env.TASKLENS_CONFORMANCE_CHILD = 'loaded';
  const args = ${JSON.stringify(args)}.map((arg) => (arg === '__SELF__' ? fileURLToPath(import.meta.url) : arg));
  // Not awaited: the task module is this very file, and tasklens execute imports it again.
  void executeCommand(args).then((outcome) => process.exit(outcome.exitCode));
}
`;
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
    async startServer(options) {
      const server = await WandbTestServer.start({
        random: seededRandom(options.faults?.seed ?? 7),
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      });
      const wrapped = conformanceServer(server);
      if (options.faults !== undefined) wrapped.setFaults(options.faults);
      return wrapped;
    },
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
      const bundle = bundleForChild(scratch, childScript(scenario));
      return {
        command: process.execPath,
        args: [bundle],
        env: {
          TASKLENS_CONFORMANCE_CHILD: 'main',
          FLYTE_SDK_LOCAL_SANDBOX: join(scratch, 'sandbox'),
        },
      };
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
