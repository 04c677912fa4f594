import { describe, expect, it } from 'vitest';
import * as factories from '../src/constraints';
import { ConstraintsBuilder, type MetricConstraint, pythonFloat } from '../src/constraints';
import { packageRoot, runPython } from './drift-oracle';
import { decodeNumber, seededRandom, snapshotFromJson } from './drift-snapshot-from-json';

const random = seededRandom(99);
const rows = 40;
const data = {
  a: Array.from({ length: rows }, (_, index) => index + 1),
  f: Array.from({ length: rows }, (_, index) => (index % 7 === 0 ? null : Math.round(random() * 1000) / 100)),
  s: Array.from({ length: rows }, () => ['north', 'south', 'east', 'west'][Math.floor(random() * 4)]!),
  b: Array.from({ length: rows }, (_, index) => index % 3 === 0),
  u: Array.from({ length: rows }, (_, index) => `id-${index}`),
  neg: Array.from({ length: rows }, (_, index) => index - 5),
};

type Argument = string | number | string[] | { set: string[] } | { float: number };
// [TS factory, Python factory, args, kwargs]
const specs: [string, string, Argument[], Record<string, unknown>][] = [
  ['greaterThanNumber', 'greater_than_number', ['a', 0], {}],
  ['greaterThanNumber', 'greater_than_number', ['neg', { float: 0 }], {}],
  ['greaterThanNumber', 'greater_than_number', ['s', 1], { skip_missing: false }],
  ['smallerThanNumber', 'smaller_than_number', ['f', 9.5], {}],
  ['smallerThanNumber', 'smaller_than_number', ['s', 1.5], {}],
  ['isNonNegative', 'is_non_negative', ['neg'], {}],
  ['isNonNegative', 'is_non_negative', ['a'], {}],
  ['isInRange', 'is_in_range', ['a', 1, 40], {}],
  ['isInRange', 'is_in_range', ['f', { float: 0 }, 5.5], {}],
  ['meanBetweenRange', 'mean_between_range', ['a', 20, 21], {}],
  ['meanBetweenRange', 'mean_between_range', ['f', 0.1, 1e-5], {}],
  ['stddevBetweenRange', 'stddev_between_range', ['a', 10, 12.5], {}],
  ['quantileBetweenRange', 'quantile_between_range', ['a', 0.5, 20, 22], {}],
  ['quantileBetweenRange', 'quantile_between_range', ['f', 0.9, 0, 1e16], {}],
  ['noMissingValues', 'no_missing_values', ['a'], {}],
  ['noMissingValues', 'no_missing_values', ['f'], {}],
  ['countBelowNumber', 'count_below_number', ['a', 40], {}],
  ['countBelowNumber', 'count_below_number', ['a', 39], {}],
  ['nullValuesBelowNumber', 'null_values_below_number', ['f', 6], {}],
  ['nullPercentageBelowNumber', 'null_percentage_below_number', ['f', 0.2], {}],
  ['distinctNumberInRange', 'distinct_number_in_range', ['s', 1, 4], {}],
  ['distinctNumberInRange', 'distinct_number_in_range', ['u', 50, 60], {}],
  [
    'frequentStringsInReferenceSet',
    'frequent_strings_in_reference_set',
    ['s', { set: ['north', 'south', 'east', 'west'] }],
    {},
  ],
  ['frequentStringsInReferenceSet', 'frequent_strings_in_reference_set', ['s', { set: ['north'] }], {}],
  ['nMostCommonItemsInSet', 'n_most_common_items_in_set', ['s', 2, { set: ['north', 'south', 'east'] }], {}],
  ['columnIsNullableIntegral', 'column_is_nullable_integral', ['a'], {}],
  ['columnIsNullableFractional', 'column_is_nullable_fractional', ['f'], {}],
  ['columnIsNullableBoolean', 'column_is_nullable_boolean', ['b'], {}],
  ['columnIsNullableString', 'column_is_nullable_string', ['s'], {}],
  ['columnIsNullableObject', 'column_is_nullable_object', ['s'], {}],
  ['columnIsNullableDatatype', 'column_is_nullable_datatype', ['a', 'fractional'], {}],
  ['columnHasNonZeroTypes', 'column_has_non_zero_types', ['a', ['integral']], {}],
  ['columnHasNonZeroTypes', 'column_has_non_zero_types', ['a', ['integral', 'string']], {}],
  ['columnHasZeroCountTypes', 'column_has_zero_count_types', ['s', ['integral', 'fractional']], {}],
  ['columnHasZeroCountTypes', 'column_has_zero_count_types', ['s', ['string']], {}],
  ['columnIsProbablyUnique', 'column_is_probably_unique', ['u'], {}],
  ['columnIsProbablyUnique', 'column_is_probably_unique', ['s'], {}],
];

function toTypeScriptArgument(argument: Argument): unknown {
  if (typeof argument === 'object' && !Array.isArray(argument) && 'set' in argument) return argument.set;
  if (typeof argument === 'object' && !Array.isArray(argument) && 'float' in argument)
    return pythonFloat(argument.float);
  return argument;
}

/** Set and set-difference reprs are in CPython hash order: compare their elements as sorted lists. */
function normalizeName(name: string): string {
  return name.replace(/\{([^{}]*)\}|\[([^[\]]*)\]/g, (match, setBody?: string, listBody?: string) => {
    const body = setBody ?? listBody ?? '';
    const sorted = body.split(', ').sort().join(', ');
    return setBody !== undefined
      ? `{${sorted}}`
      : match.startsWith('[') && name.includes('allows for types')
        ? `[${sorted}]`
        : match;
  });
}

function decodeDeep(value: unknown): unknown {
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return decodeNumber(value);
  if (Array.isArray(value)) return value.map(decodeDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeDeep(item)]));
  }
  return value;
}

function expectDeepClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
    else
      expect(
        Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) || actual === expected,
        `${path}: ${actual} vs ${expected}`,
      ).toBe(true);
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectDeepClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('constraint reports equal whylogs generate_constraints_report()', () => {
  const oracle = JSON.parse(
    runPython(
      [`${packageRoot}interop/constraints-oracle.py`],
      JSON.stringify({ data, constraints: specs.map(([, python, args, kwargs]) => [python, args, kwargs]) }),
    ),
  ) as { profile: Record<string, unknown>; report: [string, number, number, unknown][]; validate: boolean };

  const profile = snapshotFromJson(oracle.profile);
  const builder = new ConstraintsBuilder(profile);
  for (const [factory, , args, kwargs] of specs) {
    const create = (factories as unknown as Record<string, (...parameters: unknown[]) => MetricConstraint>)[
      factory
    ]!;
    const parameters = args.map(toTypeScriptArgument);
    if ('skip_missing' in kwargs) parameters.push({ skipMissing: kwargs.skip_missing });
    builder.addConstraint(create(...parameters));
  }
  const constraints = builder.build();
  const report = JSON.parse(JSON.stringify(constraints.generateConstraintsReport({ withSummary: true }))) as [
    string,
    number,
    number,
    unknown,
  ][];

  it('has one row per constraint, in the same order, with the same names and outcomes', () => {
    expect(report.length).toBe(oracle.report.length);
    expect(report.map((row) => normalizeName(row[0]))).toEqual(
      oracle.report.map((row) => normalizeName(row[0])),
    );
    expect(report.map((row) => [row[1], row[2]])).toEqual(oracle.report.map((row) => [row[1], row[2]]));
  });

  it('has the same metric summaries', () => {
    report.forEach((row, index) => {
      expectDeepClose(row[3], decodeDeep(oracle.report[index]![3]), row[0]);
    });
  });

  it('validate() agrees and both outcomes occur', () => {
    expect(constraints.validate()).toBe(oracle.validate);
    expect(new Set(report.map((row) => row[1]))).toEqual(new Set([0, 1]));
  });

  it('covers every built-in factory this package supports', () => {
    const supported = Object.keys(factories).filter((name) =>
      /^(greaterThan|smallerThan|isNonNegative|isInRange|meanBetween|stddevBetween|quantileBetween|noMissing|countBelow|nullValues|nullPercentage|distinctNumber|frequentStrings|nMostCommon|columnIs|columnHas)/.test(
        name,
      ),
    );
    expect(new Set(specs.map(([factory]) => factory))).toEqual(new Set(supported));
  });
});
