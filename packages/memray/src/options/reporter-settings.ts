import { InvalidOptionError } from '@tasklens/core';
import { findReporterFlag, type ReporterName } from './reporter-flags';

export type { ReporterName } from './reporter-flags';

/** Which allocations a report shows (memray's report kinds, §6.2 of the design notes). */
export type ReportView = 'peak' | 'leaks' | 'all';

/** memray reporter flags, parsed into what our reports do with them. */
export interface ReportSettings {
  view: ReportView;
  /** `--temporal` (flamegraph only): the report lets you pick a time range on the memory chart. */
  temporal: boolean;
  /** `--temporary-allocation-threshold=N` (accepted; N has no Node meaning, the report says so). */
  temporaryThreshold: number | undefined;
  splitThreads: boolean;
  inverted: boolean;
  maxMemoryRecords: number | undefined;
  /** `--confidential-files`: we never embed source text, so every value is privacy-safe. */
  confidentialFiles: 'all' | 'none' | 'default';
  /** `-o/--output` (the plugin owns report paths and ignores it; the CLI honours it). */
  output: string | undefined;
  force: boolean;
  /** Things the report should mention (flags accepted without effect). */
  notes: string[];
}

export function unrecognizedArgumentsMessage(reporter: string): string {
  return `unrecognized arguments for ${reporter} reporter. Please check https://bloomberg.github.io/memray/${reporter}.html`;
}

/**
 * Parses reporter flags. flytekit only checks that each argument is a string containing `--`;
 * memray's argparse then rejects unknown flags at report time and the deck silently disappears.
 * We check flag names up front (so `a--b`, which flytekit accepts, is rejected) with flytekit's
 * message. `splitValues` lets the CLI take `--flag value` as two words, as argparse does.
 */
export function parseReporterArgs(
  reporter: ReporterName,
  args: readonly unknown[],
  option: string,
  splitValues = false,
): ReportSettings {
  const reject = () => new InvalidOptionError({ option, message: unrecognizedArgumentsMessage(reporter) });
  if (!Array.isArray(args)) throw reject();
  const settings: ReportSettings = {
    view: 'peak',
    temporal: false,
    temporaryThreshold: undefined,
    splitThreads: false,
    inverted: false,
    maxMemoryRecords: undefined,
    confidentialFiles: 'default',
    output: undefined,
    force: false,
    notes: [],
  };
  let leaks = false;
  let temporary = false;
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    if (typeof argument !== 'string' || !argument.includes('--')) {
      // flytekit's own rule; `-o`/`-f` only reach here from the CLI, where splitValues is set.
      if (!(splitValues && typeof argument === 'string' && (argument === '-o' || argument === '-f')))
        throw reject();
    }
    const text = argument as string;
    const equals = text.indexOf('=');
    const flag = equals === -1 ? text : text.slice(0, equals);
    let value = equals === -1 ? undefined : text.slice(equals + 1);
    const known = findReporterFlag(flag);
    if (known === undefined || !known.reporters.includes(reporter)) throw reject();
    if (known.value !== undefined) {
      if (value === undefined && splitValues && index + 1 < args.length) value = String(args[++index]);
      if (value === undefined || value === '') throw reject();
    } else if (value !== undefined) {
      throw reject();
    }
    switch (flag) {
      case '--leaks':
        leaks = true;
        break;
      case '--temporary-allocations':
        temporary = true;
        break;
      case '--temporary-allocation-threshold': {
        const threshold = Number(value);
        if (!Number.isInteger(threshold) || threshold < 1) throw reject();
        temporary = true;
        settings.temporaryThreshold = threshold;
        settings.notes.push(
          `--temporary-allocation-threshold=${threshold}: V8 keeps no allocation order, so this shows every sampled allocation, freed or not.`,
        );
        break;
      }
      case '--split-threads':
        settings.splitThreads = true;
        break;
      case '--inverted':
        settings.inverted = true;
        break;
      case '--max-memory-records': {
        const records = Number(value);
        if (!Number.isInteger(records) || records < 1) throw reject();
        settings.maxMemoryRecords = records;
        break;
      }
      case '--confidential-files':
        if (value !== 'all' && value !== 'none' && value !== 'default') throw reject();
        settings.confidentialFiles = value;
        break;
      case '--temporal':
        settings.temporal = true;
        break;
      case '--output':
      case '-o':
        settings.output = value;
        break;
      case '--force':
      case '-f':
        settings.force = true;
        break;
      default:
        // --no-web: reports are always self-contained.
        break;
    }
  }
  if (leaks && temporary) {
    throw new InvalidOptionError({
      option,
      message: `${option}: --leaks cannot be combined with --temporary-allocations or --temporary-allocation-threshold (as in memray)`,
    });
  }
  if (settings.temporal && temporary) {
    // memray's own parser error for the same combination.
    throw new InvalidOptionError({
      option,
      message: `${option}: Can't create a temporal flame graph of temporary allocations`,
    });
  }
  settings.view = leaks ? 'leaks' : temporary ? 'all' : 'peak';
  return settings;
}
