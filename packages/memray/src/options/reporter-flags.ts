/** The reporters we render, as `memray flamegraph` / `memray table`. */
export type ReporterName = 'flamegraph' | 'table';

/** One memray reporter flag: its spellings, its value (if it takes one) and where it applies. */
export interface ReporterFlag {
  names: readonly string[];
  /** The value's name in help (`N`, `OUTPUT`); absent for a switch. */
  value?: string;
  reporters: readonly ReporterName[];
  help: string;
}

const both: readonly ReporterName[] = ['flamegraph', 'table'];
const flamegraph: readonly ReporterName[] = ['flamegraph'];

/**
 * memray 1.x's reporter flags, in `memray flamegraph --help` order. Parsing (`parseReporterArgs`)
 * and the CLI's help and typo hints all read this one list, so they cannot drift apart.
 */
export const reporterFlags: readonly ReporterFlag[] = [
  { names: ['-o', '--output'], value: 'OUTPUT', reporters: both, help: 'output file name' },
  {
    names: ['-f', '--force'],
    reporters: both,
    help: 'if the output file already exists, overwrite it',
  },
  {
    names: ['--temporal'],
    reporters: flamegraph,
    help: 'let the report pick a time range on the memory chart',
  },
  { names: ['--leaks'], reporters: both, help: 'show memory leaks, instead of peak memory usage' },
  {
    names: ['--temporary-allocation-threshold'],
    value: 'N',
    reporters: both,
    help: 'show every sampled allocation, freed or not (N has no V8 meaning)',
  },
  {
    names: ['--temporary-allocations'],
    reporters: both,
    help: 'equivalent to --temporary-allocation-threshold=1',
  },
  { names: ['--split-threads'], reporters: both, help: 'do not merge allocations across threads' },
  { names: ['--inverted'], reporters: flamegraph, help: 'invert the flame graph' },
  {
    names: ['--max-memory-records'],
    value: 'N',
    reporters: flamegraph,
    help: 'maximum number of memory records to display',
  },
  {
    names: ['--no-web'],
    reporters: both,
    help: 'accepted; reports are always self-contained (no CDN)',
  },
  {
    names: ['--confidential-files'],
    value: '{all,none,default}',
    reporters: flamegraph,
    help: 'accepted; reports never embed source lines, so every value is safe',
  },
];

/** The flags one reporter accepts, in memray's help order. */
export function reporterFlagsOf(reporter: ReporterName): ReporterFlag[] {
  return reporterFlags.filter((flag) => flag.reporters.includes(reporter));
}

/** The flag spelled `name`, for any reporter; undefined when memray has no such reporter flag. */
export function findReporterFlag(name: string): ReporterFlag | undefined {
  return reporterFlags.find((flag) => flag.names.includes(name));
}
