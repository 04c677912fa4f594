#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { readCapture } from './capture/capture-files';
import { cliHelp, cliUsage, reporterHelp, reporterUsage } from './cli/cli-help';
import { splitReporterArguments, unrecognizedFlagMessage } from './cli/split-reporter-arguments';
import type { ReporterName } from './options/reporter-flags';
import { parseReporterArgs } from './options/reporter-settings';
import { renderReport, reportDocument } from './report/render-report';
import { VERSION } from './version';

const reporters: readonly ReporterName[] = ['flamegraph', 'table'];
/** memray's other commands: real, but not HTML reporters we render (flytekit's message says so). */
const otherMemrayCommands = [
  'run',
  'live',
  'tree',
  'parse',
  'summary',
  'stats',
  'transform',
  'attach',
  'detach',
];
const isHelp = (token: string) => token === '-h' || token === '--help';

/**
 * Runs the CLI; returns the exit code (memray's: 0 ok, 1 refused or failed, 2 bad arguments).
 * `write` gets errors and progress (stderr), `print` help and the version (stdout), as argparse.
 */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (text) => {
    process.stderr.write(text);
  },
  print: (text: string) => void = (text) => {
    process.stdout.write(text);
  },
): Promise<number> {
  const [reporter, ...rest] = argv;
  if (reporter === undefined) {
    write(`${cliUsage}\ntasklens-memray: error: the following arguments are required: reporter\n`);
    return 2;
  }
  if (isHelp(reporter)) {
    print(`${cliHelp}\n`);
    return 0;
  }
  if (reporter === '-V' || reporter === '--version') {
    print(`${VERSION}\n`);
    return 0;
  }
  if (reporter.startsWith('-')) {
    const { suggestNearest } = await import('@tasklens/core/plugin');
    const nearest = suggestNearest(reporter.split('=', 1)[0]!, ['--help', '--version']);
    const hint = nearest === undefined ? '' : ` (did you mean ${nearest}?)`;
    write(`${cliUsage}\ntasklens-memray: error: unrecognized arguments: ${reporter}${hint}\n`);
    return 2;
  }
  if (!(reporters as readonly string[]).includes(reporter)) {
    const { suggestNearest } = await import('@tasklens/core/plugin');
    const nearest = suggestNearest(reporter, reporters);
    const problem = otherMemrayCommands.includes(reporter)
      ? `${reporter} is not a supported html reporter.`
      : `invalid choice: '${reporter}' (${nearest === undefined ? 'choose from flamegraph, table' : `did you mean ${nearest}?`})`;
    write(`${cliUsage}\ntasklens-memray: error: ${problem}\n`);
    return 2;
  }
  const name = reporter as ReporterName;
  if (rest.some(isHelp)) {
    print(`${reporterHelp(name)}\n`);
    return 0;
  }
  const split = splitReporterArguments(name, rest);
  const usageError = (message: string) => {
    write(`${reporterUsage(name)}\ntasklens-memray ${name}: error: ${message}\n`);
    return 2;
  };
  if (split.unknown !== undefined) return usageError(await unrecognizedFlagMessage(name, split.unknown));
  const [capturePath, ...extra] = split.positionals;
  if (capturePath === undefined) return usageError('the capture file is required');
  if (extra.length > 0) return usageError(`unrecognized arguments: ${extra.join(' ')}`);
  let settings: ReturnType<typeof parseReporterArgs>;
  try {
    settings = parseReporterArgs(name, split.flags, 'arguments', true);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const stem = basename(capturePath)
    .replace(/\.(memray\.json|heapprofile|json)$/, '')
    .replace(/^memray-/, '');
  const output = settings.output ?? join(dirname(capturePath), `memray-${name}-${stem}.html`);
  if (existsSync(output) && !settings.force) {
    write(`Output file already exists: ${output}\nUse -f/--force to overwrite it.\n`);
    return 1;
  }
  try {
    const capture = readCapture(capturePath);
    const fragment = renderReport(capture, name, settings);
    writeFileSync(output, reportDocument(fragment, `memray ${name} - ${capture.metadata.functionName}`));
  } catch (error) {
    write(
      `tasklens-memray: ${InvalidOptionError.isInstance(error) ? '' : 'failed: '}${(error as Error).message}\n`,
    );
    return 1;
  }
  write(`Wrote ${output}\n`);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && /tasklens-memray|cli\.(c?js|ts)$/.test(process.argv[1]);
if (invokedDirectly)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
