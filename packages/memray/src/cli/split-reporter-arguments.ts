import { findReporterFlag, type ReporterName, reporterFlagsOf } from '../options/reporter-flags';

/** A reporter's arguments: its flags (with their values), its positionals, the first unknown flag. */
export interface ReporterArguments {
  flags: string[];
  positionals: string[];
  unknown?: string;
}

/** Splits a reporter's arguments as argparse would, stopping at the first flag it does not take. */
export function splitReporterArguments(reporter: ReporterName, argv: readonly string[]): ReporterArguments {
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const name = token.split('=', 1)[0]!;
    const flag = findReporterFlag(name);
    if (flag === undefined || !flag.reporters.includes(reporter))
      return { flags, positionals, unknown: name };
    flags.push(token);
    // `--output out.html`: the next word is the value, as argparse takes it.
    if (flag.value !== undefined && !token.includes('=') && index + 1 < argv.length)
      flags.push(argv[++index]!);
  }
  return { flags, positionals };
}

/**
 * `unrecognized arguments: --leak (did you mean --leaks?)`. The matcher is imported only here:
 * `@tasklens/core/plugin` costs every run of the CLI ~200 ms to load, a typo can afford it.
 */
export async function unrecognizedFlagMessage(reporter: ReporterName, name: string): Promise<string> {
  const flag = findReporterFlag(name);
  if (flag !== undefined) return `unrecognized arguments: ${name} (a ${flag.reporters.join('/')} option)`;
  const { suggestNearest } = await import('@tasklens/core/plugin');
  const nearest = suggestNearest(
    name,
    reporterFlagsOf(reporter).flatMap((known) => known.names),
  );
  return `unrecognized arguments: ${name}${nearest === undefined ? '' : ` (did you mean ${nearest}?)`}`;
}
