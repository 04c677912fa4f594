// whylogs `factories/types_metrics.py` and `multi_metrics.py`, with the same report names.
import { DatasetConstraint, MissingMetricSignal } from './dataset-constraint';
import { MetricConstraint } from './metric-constraint';
import { type MetricView, metricView } from './metric-view';
import { pythonListRepr } from './python-format';

/** The type counters whylogs tracks, in summary order. */
export const TYPE_NAMES = ['integral', 'fractional', 'boolean', 'string', 'object', 'tensor'] as const;
/** A type counter name. */
export type TypeName = (typeof TYPE_NAMES)[number];

function typesConstraint(
  columnName: string,
  name: string,
  condition: (types: Record<string, number>) => boolean,
) {
  return new MetricConstraint({
    name,
    condition: (metric: MetricView) => condition(metric.summary() as Record<string, number>),
    metricSelector: { columnName, metricName: 'types' },
  });
}

/** Each listed type was seen: "{col} types count non-zero for {list}". */
export function columnHasNonZeroTypes(columnName: string, typesList: readonly TypeName[]) {
  return typesConstraint(
    columnName,
    `${columnName} types count non-zero for ${pythonListRepr(typesList)}`,
    (types) =>
      Object.entries(types).every(([key, count]) => !(typesList.includes(key as TypeName) && count === 0)),
  );
}

/** No listed type was seen: "{col} allows for types {complement}" (complement in type order). */
export function columnHasZeroCountTypes(columnName: string, typesList: readonly TypeName[]) {
  const complement = TYPE_NAMES.filter((type) => !typesList.includes(type));
  return typesConstraint(
    columnName,
    `${columnName} allows for types ${pythonListRepr(complement)}`,
    (types) =>
      Object.entries(types).every(([key, count]) => !(typesList.includes(key as TypeName) && count !== 0)),
  );
}

/** Only `datatype` (and nulls) seen: "{col} is nullable {datatype}". */
export function columnIsNullableDatatype(columnName: string, datatype: Exclude<TypeName, 'tensor'>) {
  return typesConstraint(columnName, `${columnName} is nullable ${datatype}`, (types) =>
    Object.entries(types).every(([key, count]) => (key === datatype ? count !== 0 : !(count > 0))),
  );
}

/** `columnIsNullableDatatype(column, 'integral')`. */
export const columnIsNullableIntegral = (columnName: string) =>
  columnIsNullableDatatype(columnName, 'integral');
/** `columnIsNullableDatatype(column, 'fractional')`. */
export const columnIsNullableFractional = (columnName: string) =>
  columnIsNullableDatatype(columnName, 'fractional');
/** `columnIsNullableDatatype(column, 'boolean')`. */
export const columnIsNullableBoolean = (columnName: string) =>
  columnIsNullableDatatype(columnName, 'boolean');
/** `columnIsNullableDatatype(column, 'string')`. */
export const columnIsNullableString = (columnName: string) => columnIsNullableDatatype(columnName, 'string');
/** `columnIsNullableDatatype(column, 'object')`. */
export const columnIsNullableObject = (columnName: string) => columnIsNullableDatatype(columnName, 'object');

/**
 * lower_k ≤ n - null ≤ upper_k of the HLL (k = `hllStddev`, default 3): "{col} is probably unique",
 * a dataset constraint as in whylogs.
 */
export function columnIsProbablyUnique(columnName: string, hllStddev: 1 | 2 | 3 = 3): DatasetConstraint {
  return new DatasetConstraint({
    name: `${columnName} is probably unique`,
    condition: (profile) => {
      const column = profile.get(columnName);
      const cardinality = column && metricView(column, 'cardinality');
      const counts = column && metricView(column, 'counts');
      if (cardinality?.namespace !== 'cardinality' || !counts || counts.namespace !== 'counts') {
        throw new MissingMetricSignal(`:${columnName}:cardinality`);
      }
      const present = counts.n - counts.null;
      const passed =
        cardinality.lowerBound(hllStddev) <= present && present <= cardinality.upperBound(hllStddev);
      return [
        passed,
        new Map<string, MetricView>([
          [`${columnName}/cardinality`, cardinality],
          [`${columnName}/counts`, counts],
        ]),
      ];
    },
  });
}
