import type { ConformanceChildScenario, ConformanceRunOptions } from '@tasklens/core/testing';
import { conformanceChildScript as childScript } from '@tasklens/core/testing/conformance';

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
  return childScript(scenario, {
    imports: "import { cometExperiment, cometMlLogin, start } from '@tasklens/comet';",
    // A child ends the way a real program does: its signal handling is the client's own.
    options: { ...startOptions, transport: { ...transport, handleProcessExit: true } },
    startRun: 'start(options)',
    decorator:
      '({ apiKey, environment: _environment, ...options }) => cometMlLogin({ ...options, secret: () => apiKey })',
    currentRun: 'cometExperiment()',
    logRow: 'run.logMetrics({ value: step }, { step })',
  });
}
