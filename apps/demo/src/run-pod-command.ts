import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Task } from '@tasklens/core';
import { decodeErrorDocument, decodeLiteralMap, FileAccess, literalMapToValues } from '@tasklens/core/plugin';

/** A local stand-in for a Flyte execution's storage: a fresh directory and `file://` access to it. */
export function localExecutionDirectory(prefix: string): { directory: string; fileAccess: FileAccess } {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const fileAccess = new FileAccess({
    rawOutputPrefix: `file://${directory}/raw`,
    localDirectory: directory,
  });
  return { directory, fileAccess };
}

/** What propeller sets in every pod of the demo's execution (`ff59abade1e7f4758baf`, attempt 0). */
export function podEnvironment(taskName: string, hostname: string): Record<string, string> {
  return {
    FLYTE_INTERNAL_EXECUTION_PROJECT: 'flytesnacks',
    FLYTE_INTERNAL_EXECUTION_DOMAIN: 'development',
    FLYTE_INTERNAL_EXECUTION_ID: 'ff59abade1e7f4758baf',
    FLYTE_INTERNAL_TASK_NAME: taskName,
    FLYTE_INTERNAL_TASK_VERSION: 'demo',
    FLYTE_ATTEMPT_NUMBER: '0',
    HOSTNAME: hostname,
  };
}

/**
 * One pod: runs `tasklens <command> --inputs … --output-prefix file://<outputDirectory>
 * --raw-output-data-prefix … [boundInputs] --task-module … --task-name …` (propeller's argument
 * order) with this process's environment plus `environment`, shows its stderr lines under `label`,
 * and reads the task's outputs from `<outputDirectory>/outputs.pb`. An `error.pb` or a non-zero exit
 * throws, its message prefixed with `failure` ("subtask 3: ").
 */
export async function runPodCommand(pod: {
  command: 'execute' | 'map-execute';
  inputs: string;
  outputDirectory: string;
  rawOutputPrefix: string;
  /** `map-execute`'s `--bound-inputs` list. */
  boundInputs?: readonly string[];
  taskModule: string;
  exportName: string;
  environment: Record<string, string>;
  taskObject: Task<any, any>;
  fileAccess: FileAccess;
  label: string;
  failure?: string;
}): Promise<Record<string, unknown>> {
  const coreManifest = createRequire(import.meta.url).resolve('@tasklens/core/package.json');
  const cli = join(dirname(coreManifest), 'bin', 'tasklens.mjs');
  const commandArguments = [
    pod.command,
    '--inputs',
    pod.inputs,
    '--output-prefix',
    `file://${pod.outputDirectory}`,
    '--raw-output-data-prefix',
    pod.rawOutputPrefix,
    ...(pod.boundInputs === undefined ? [] : ['--bound-inputs', pod.boundInputs.join(',')]),
    '--task-module',
    pod.taskModule,
    '--task-name',
    pod.exportName,
  ];
  const result = spawnSync(process.execPath, [cli, ...commandArguments], {
    encoding: 'utf8',
    env: { ...process.env, ...pod.environment },
  });
  for (const line of result.stderr.trim().split('\n').filter(Boolean))
    console.log(`  ${pod.label} | ${line}`);
  const failure = pod.failure ?? '';
  if (existsSync(join(pod.outputDirectory, 'error.pb'))) {
    const error = decodeErrorDocument(readFileSync(join(pod.outputDirectory, 'error.pb')));
    throw new Error(
      `${failure}tasklens ${pod.command} wrote error.pb: ${error.error?.message ?? 'unknown error'}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`${failure}tasklens ${pod.command} exited ${result.status}: ${result.stderr}`);
  }
  const outputMap = decodeLiteralMap(readFileSync(join(pod.outputDirectory, 'outputs.pb')));
  return literalMapToValues(outputMap, pod.taskObject.outputs, pod.fileAccess, 'outputs');
}
