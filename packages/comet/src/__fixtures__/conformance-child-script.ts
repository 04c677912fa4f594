import type { ConformanceChildScenario, ConformanceRunOptions } from '@tasklens/core/testing';

/** The suite's run ids (lowercase letters, digits, dashes) as Comet keys (32–50 letters and digits). */
export function keyForRun(runId: string): string {
  return `${runId.replaceAll('-', '')}${'0'.repeat(32)}`.slice(0, Math.max(32, Math.min(50, runId.length)));
}

/** `start()` options of a conformance run (plain JSON, so a child process gets the same). */
export function conformanceStartOptions(options: ConformanceRunOptions) {
  return {
    apiKey: options.apiKey,
    offline: options.mode === 'offline',
    urlOverride: options.serverUrl ?? 'http://127.0.0.1:9',
    workspace: 'conformance',
    projectName: 'conformance',
    experimentKey: keyForRun(options.runId),
    offlineDirectory: options.directory,
    environment: { HOME: options.directory },
    checkpointIntervalMs: options.durableFlushMs,
    transport: {
      flushIntervalMs: options.flushIntervalMs,
      retry: options.retry,
      offlineDeadlineMs: options.offlineDeadlineMs,
      handleProcessExit: false,
    },
  };
}

/** The child-process program of a scenario (bundled by `bundleForChild`). */
export function conformanceChildScript(scenario: ConformanceChildScenario): string {
  const { transport, ...startOptions } = conformanceStartOptions(scenario.run);
  // A child ends the way a real program does: its signal handling is the client's own.
  const options = JSON.stringify({ ...startOptions, transport: { ...transport, handleProcessExit: true } });
  if (scenario.kind === 'log-then-idle') {
    return `import { start } from '@tasklens/comet';
const experiment = await start(${options});
for (let step = 0; step < ${scenario.steps}; step++) experiment.logMetrics({ value: step }, { step });
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
import { cometExperiment, cometMlLogin } from '@tasklens/comet';
const { apiKey, workspace, projectName, environment: _environment, ...options } = ${options};
export const conformanceTask = task(
  { name: 'conformance.sigterm', enableDeck: true },
  cometMlLogin({ ...options, workspace, projectName, secret: () => apiKey })(async () => {
    const experiment = cometExperiment();
    for (let step = 0; step < ${scenario.steps}; step++) experiment.logMetrics({ value: step }, { step });
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
