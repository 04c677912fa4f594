import { type ReporterName, reporterFlagsOf } from '../options/reporter-flags';

/** The `tasklens-memray` usage line, printed above every top-level usage error, as argparse does. */
export const cliUsage = 'usage: tasklens-memray [-h] [-V] {flamegraph,table} ...';
const about = `Re-renders a capture written by memrayProfiling (<fn>.<ts>.memray.json) or any .heapprofile
as a self-contained HTML report, like \`memray flamegraph\` / \`memray table\`.`;

function optionRows(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
}

/** `tasklens-memray --help`. */
export const cliHelp = [
  cliUsage,
  '',
  about,
  '',
  'reporters:',
  ...optionRows([
    ['flamegraph', 'an HTML flame graph of peak memory usage (or of leaks, or of temporary allocations)'],
    ['table', 'an HTML table of the allocations at peak memory usage (or leaks, or temporary ones)'],
  ]),
  '',
  'options:',
  ...optionRows([
    ['-h, --help', 'show this help and exit (`tasklens-memray <reporter> --help`: its flags)'],
    ['-V, --version', 'print the version of @tasklens/memray and exit'],
  ]),
].join('\n');

const spelled = (names: readonly string[], value: string | undefined) =>
  `${names.join(', ')}${value === undefined ? '' : ` ${value}`}`;

/** `usage: tasklens-memray <reporter> [-h] [-o OUTPUT] …`, wrapped at 100 columns. */
export function reporterUsage(reporter: ReporterName): string {
  const words = [
    '[-h]',
    ...reporterFlagsOf(reporter).map(({ names, value }) => `[${spelled(names.slice(0, 1), value)}]`),
    '<capture>',
  ];
  const prefix = `usage: tasklens-memray ${reporter} `;
  const lines = [prefix];
  for (const word of words) {
    if (lines.at(-1)!.length + word.length > 100) lines.push(' '.repeat(prefix.length));
    lines[lines.length - 1] += `${word} `;
  }
  return lines.map((line) => line.trimEnd()).join('\n');
}

/** `tasklens-memray <reporter> --help`: every flag the reporter accepts, with what it does here. */
export function reporterHelp(reporter: ReporterName): string {
  return [
    reporterUsage(reporter),
    '',
    about,
    '',
    'positional arguments:',
    ...optionRows([['<capture>', 'a .memray.json capture or a .heapprofile']]),
    '',
    'options:',
    ...optionRows([
      ['-h, --help', 'show this help and exit'],
      ...reporterFlagsOf(reporter).map(({ names, value, help }) => [spelled(names, value), help] as const),
    ]),
  ].join('\n');
}
