#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { readCapture } from './capture/capture-files';
import { parseReporterArgs, type ReporterName } from './options/reporter-settings';
import { renderReport, reportDocument } from './report/render-report';

const usage = `usage: tasklens-memray {flamegraph,table} [-o OUTPUT] [-f] [--leaks | --temporary-allocations]
                       [--split-threads] [--inverted] [--temporal] [--max-memory-records N] <capture>

Re-renders a capture written by memrayProfiling (<fn>.<ts>.memray.json) or any .heapprofile
as a self-contained HTML report, like \`memray flamegraph\` / \`memray table\`.`;

/** Runs the CLI; returns the exit code (memray's: 0 ok, 1 refused or failed, 2 bad arguments). */
export function main(
  argv: readonly string[],
  write: (text: string) => void = (text) => {
    process.stderr.write(text);
  },
): number {
  const [reporter, ...rest] = argv;
  if (reporter === '-h' || reporter === '--help' || reporter === undefined) {
    write(`${usage}\n`);
    return reporter === undefined ? 2 : 0;
  }
  if (reporter !== 'flamegraph' && reporter !== 'table') {
    write(`${usage}\ntasklens-memray: error: ${reporter} is not a supported html reporter.\n`);
    return 2;
  }
  const capturePath = rest.at(-1);
  if (capturePath === undefined || capturePath.startsWith('-')) {
    write(`${usage}\ntasklens-memray: error: the capture file is required\n`);
    return 2;
  }
  let settings: ReturnType<typeof parseReporterArgs>;
  try {
    settings = parseReporterArgs(reporter as ReporterName, rest.slice(0, -1), 'arguments', true);
  } catch (error) {
    write(`${usage}\ntasklens-memray: error: ${(error as Error).message}\n`);
    return 2;
  }
  const stem = basename(capturePath)
    .replace(/\.(memray\.json|heapprofile|json)$/, '')
    .replace(/^memray-/, '');
  const output = settings.output ?? join(dirname(capturePath), `memray-${reporter}-${stem}.html`);
  if (existsSync(output) && !settings.force) {
    write(`Output file already exists: ${output}\nUse -f/--force to overwrite it.\n`);
    return 1;
  }
  try {
    const capture = readCapture(capturePath);
    const fragment = renderReport(capture, reporter, settings);
    writeFileSync(output, reportDocument(fragment, `memray ${reporter} - ${capture.metadata.functionName}`));
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
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
