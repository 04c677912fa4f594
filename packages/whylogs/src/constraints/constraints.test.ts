import { describe, expect, it } from 'vitest';
import { KllDoublesSketch } from '../sketches/kll/kll-doubles-sketch';
import type { ColumnSnapshot, ProfileSnapshot } from '../snapshot/profile-snapshot';
import { ConstraintsBuilder } from './constraints-builder';
import { greaterThanNumber, isInRange } from './distribution-constraints';
import { MetricConstraint } from './metric-constraint';
import type { DistributionMetricView } from './metric-view';
import { pythonFloat, pythonFloatRepr, pythonNumber, pythonSetRepr, pythonStringRepr } from './python-format';

function uniformColumn(count: number, seed: number): ColumnSnapshot {
  const kll = KllDoublesSketch.create();
  let state = seed;
  let sum = 0;
  const values: number[] = [];
  for (let index = 0; index < count; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const value = state / 2147483648;
    values.push(value);
    kll.update(value);
    sum += value;
  }
  const mean = sum / count;
  const m2 = values.reduce((total, value) => total + (value - mean) ** 2, 0);
  return { counts: { n: count, null: 0, nan: 0, inf: 0 }, distribution: { kll, mean, m2 } };
}

/** flytekit `test_renderer.py`: "numbers between 0.0 and 1.0 only" on uniform [0, 1) data (spec §8.10). */
function betweenConstraint(minimum: number, maximum: number): MetricConstraint {
  return new MetricConstraint({
    name: 'numbers between 0.0 and 1.0 only',
    condition: (metric) => {
      const distribution = metric as DistributionMetricView;
      return distribution.min > minimum && distribution.max < maximum;
    },
    metricSelector: { metricName: 'distribution', columnName: 'sepal_length' },
  });
}

describe('constraints (flytekit whylogs plugin tests)', () => {
  const profile: ProfileSnapshot = new Map([['sepal_length', uniformColumn(10, 7)]]);

  it('test_constraints_passing: bounds (0.0, 1.0) validate to true', () => {
    expect(
      new ConstraintsBuilder(profile).addConstraint(betweenConstraint(0.0, 1.0)).build().validate(),
    ).toBe(true);
  });

  it('test_constraints_failing: bounds (-1.0, 0.0) validate to false', () => {
    expect(
      new ConstraintsBuilder(profile).addConstraint(betweenConstraint(-1.0, 0.0)).build().validate(),
    ).toBe(false);
  });

  it('reports rows as [name, passed, failed, summary] JSON arrays', () => {
    const constraints = new ConstraintsBuilder(profile)
      .addConstraint(greaterThanNumber('sepal_length', pythonFloat(0)))
      .addConstraint(isInRange('sepal_length', 2, 3))
      .build();
    const report = JSON.parse(JSON.stringify(constraints.generateConstraintsReport()));
    expect(report).toEqual([
      ['sepal_length greater than number 0.0', 1, 0, null],
      ['sepal_length is in range [2,3]', 0, 1, null],
    ]);
    const withSummary = constraints.generateConstraintsReport({ withSummary: true });
    expect(withSummary[0]!.summary).toMatchObject({ metric: 'distribution', n: 10 });
  });

  it('a constraint on a missing column throws a typed error naming the column', () => {
    expect(() => new ConstraintsBuilder(profile).addConstraint(greaterThanNumber('nope', 1))).toThrow(
      /Column 'nope' was not found/,
    );
  });

  it('skips (with a warning) a constraint whose metric the column lacks', () => {
    const constraint = new MetricConstraint({
      name: 'x',
      condition: () => false,
      metricSelector: { metricName: 'frequent_items', columnName: 'sepal_length' },
    });
    expect(
      new ConstraintsBuilder(profile).addConstraint(constraint).build().generateConstraintsReport(),
    ).toEqual([]);
  });
});

describe('Python formatting of constraint names', () => {
  it('formats floats like Python repr', () => {
    expect(
      [0, 1.5, 1e-5, 1e16, 123456789.125, -0.0001, 1e-4, 0.1 + 0.2, Number.NaN].map(pythonFloatRepr),
    ).toEqual([
      '0.0',
      '1.5',
      '1e-05',
      '1e+16',
      '123456789.125',
      '-0.0001',
      '0.0001',
      '0.30000000000000004',
      'nan',
    ]);
    expect(pythonNumber(3)).toBe('3');
    expect(pythonNumber(pythonFloat(3))).toBe('3.0');
  });

  it('formats strings and sets like Python repr', () => {
    expect(pythonStringRepr("it's")).toBe(`"it's"`);
    expect(pythonStringRepr('a\nb')).toBe(`'a\\nb'`);
    expect(pythonSetRepr(['a', 'b'])).toBe(`{'a', 'b'}`);
    expect(pythonSetRepr([])).toBe('set()');
  });
});
