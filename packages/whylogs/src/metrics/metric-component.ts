import type { FrequentStringsSketch, HllSketch, KllDoublesSketch } from '../sketches';
import type { ComponentPayload } from '../wire/metric-component-message';

/** whylogs' built-in component type ids: they choose the merge rule (0 add/union, 1 min, 2 max). */
export const ComponentTypeId = { add: 0, min: 1, max: 2 } as const;

/**
 * One metric component (`MetricComponentMessage`) with its sketch decoded. Components whylogs does not
 * define by default (cpc, serialized bytes, structs, `Any`) are kept verbatim as `raw` so they survive a
 * read/write round trip.
 */
export type MetricComponent =
  | { typeId: number; kind: 'n'; value: bigint }
  | { typeId: number; kind: 'd'; value: number }
  | { typeId: number; kind: 'kll'; sketch: KllDoublesSketch }
  | { typeId: number; kind: 'hll'; sketch: HllSketch }
  | { typeId: number; kind: 'frequentItems'; sketch: FrequentStringsSketch }
  | { typeId: number; kind: 'raw'; payload: ComponentPayload };

/** The component kind each default whylogs path must have; Python fails to read a mismatch, and so do we. */
export const KNOWN_COMPONENT_KINDS: ReadonlyMap<string, MetricComponent['kind']> = new Map([
  ['counts/n', 'n'],
  ['counts/null', 'n'],
  ['counts/nan', 'n'],
  ['counts/inf', 'n'],
  ['counts/true', 'n'],
  ['types/integral', 'n'],
  ['types/fractional', 'n'],
  ['types/boolean', 'n'],
  ['types/string', 'n'],
  ['types/object', 'n'],
  ['types/tensor', 'n'],
  ['distribution/kll', 'kll'],
  ['distribution/mean', 'd'],
  ['distribution/m2', 'd'],
  ['ints/max', 'n'],
  ['ints/min', 'n'],
  ['cardinality/hll', 'hll'],
  ['frequent_items/frequent_strings', 'frequentItems'],
]);
