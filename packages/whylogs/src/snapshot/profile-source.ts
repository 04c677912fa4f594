import { InvalidOptionError } from '@tasklens/core';
import type { MetricComponent } from '../metrics/metric-component';
import type { ColumnProfileView } from '../profile/column-profile-view';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { frequentItemsOf } from '../summary/column-summary';
import type { ColumnSnapshot, ProfileSnapshot } from './profile-snapshot';

/** A profile for drift, constraints and reports: a `DatasetProfileView` or a snapshot of its metrics. */
export type ProfileSource = DatasetProfileView | ProfileSnapshot;

function count(components: Map<string, MetricComponent>, path: string): number {
  const component = components.get(path);
  return component?.kind === 'n' ? Number(component.value) : 0;
}

function fraction(components: Map<string, MetricComponent>, path: string): number {
  const component = components.get(path);
  return component?.kind === 'd' ? component.value : 0;
}

/** The metric snapshot of one column view: which metrics it has, with their sketches and counters. */
export function columnSnapshot(column: ColumnProfileView): ColumnSnapshot {
  const components = column.getComponents();
  const namespaces = new Set(column.metricNames);
  const snapshot: {
    -readonly [Key in keyof ColumnSnapshot]: ColumnSnapshot[Key];
  } = {};
  if (namespaces.has('counts')) {
    snapshot.counts = {
      n: count(components, 'counts/n'),
      null: count(components, 'counts/null'),
      nan: count(components, 'counts/nan'),
      inf: count(components, 'counts/inf'),
      ...(components.has('counts/true') ? { true: count(components, 'counts/true') } : {}),
    };
  }
  if (namespaces.has('types')) {
    snapshot.types = {
      integral: count(components, 'types/integral'),
      fractional: count(components, 'types/fractional'),
      boolean: count(components, 'types/boolean'),
      string: count(components, 'types/string'),
      object: count(components, 'types/object'),
      tensor: count(components, 'types/tensor'),
    };
  }
  const kll = components.get('distribution/kll');
  if (namespaces.has('distribution') && kll?.kind === 'kll') {
    snapshot.distribution = {
      kll: kll.sketch,
      mean: fraction(components, 'distribution/mean'),
      m2: fraction(components, 'distribution/m2'),
    };
  }
  if (namespaces.has('ints'))
    snapshot.ints = { max: count(components, 'ints/max'), min: count(components, 'ints/min') };
  const hll = components.get('cardinality/hll');
  if (namespaces.has('cardinality') && hll?.kind === 'hll') {
    const sketch = hll.sketch;
    snapshot.cardinality = {
      estimate: sketch.estimate,
      upper: { 1: sketch.upperBound(1), 2: sketch.upperBound(2), 3: sketch.upperBound(3) },
      lower: { 1: sketch.lowerBound(1), 2: sketch.lowerBound(2), 3: sketch.lowerBound(3) },
    };
  }
  const frequent = components.get('frequent_items/frequent_strings');
  if (namespaces.has('frequent_items') && frequent?.kind === 'frequentItems') {
    snapshot.frequentItems = { frequentStrings: frequentItemsOf(frequent.sketch) };
  }
  return snapshot;
}

/** The per-column metric snapshot of a profile view (a snapshot is returned as is). */
export function profileSnapshot(input: ProfileSource, option = 'profile'): ProfileSnapshot {
  if (input instanceof Map) return input;
  if (input instanceof DatasetProfileView) {
    const snapshot = new Map<string, ColumnSnapshot>();
    for (const [name, column] of input.getColumns()) snapshot.set(name, columnSnapshot(column));
    return snapshot;
  }
  throw new InvalidOptionError({
    option,
    message: `${option} must be a DatasetProfileView or a profile snapshot (Map of column name to metrics)`,
  });
}
