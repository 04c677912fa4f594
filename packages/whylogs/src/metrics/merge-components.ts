import { HllSketch } from '../sketches';
import { cloneComponent } from './component-codec';
import { ComponentTypeId, type MetricComponent } from './metric-component';

/** int64 merge by type id (Math.min/max do not take bigints). */
function mergeInt64(typeId: number, left: bigint, right: bigint): bigint {
  if (typeId === ComponentTypeId.min) return right < left ? right : left;
  if (typeId === ComponentTypeId.max) return right > left ? right : left;
  return BigInt.asIntN(64, left + right);
}

/** Merges one component pair by its type id, as whylogs' aggregators do (0 add / union, 1 min, 2 max). */
export function mergeComponent(left: MetricComponent, right: MetricComponent): MetricComponent {
  if (left.kind === 'n' && right.kind === 'n') {
    return { typeId: left.typeId, kind: 'n', value: mergeInt64(left.typeId, left.value, right.value) };
  }
  if (left.kind === 'd' && right.kind === 'd') {
    const value =
      left.typeId === ComponentTypeId.min
        ? Math.min(left.value, right.value)
        : left.typeId === ComponentTypeId.max
          ? Math.max(left.value, right.value)
          : left.value + right.value;
    return { typeId: left.typeId, kind: 'd', value };
  }
  if (left.kind === 'kll' && right.kind === 'kll') {
    const sketch = left.sketch.clone();
    sketch.merge(right.sketch);
    return { typeId: left.typeId, kind: 'kll', sketch };
  }
  if (left.kind === 'hll' && right.kind === 'hll') {
    return { typeId: left.typeId, kind: 'hll', sketch: HllSketch.union(left.sketch, right.sketch) };
  }
  if (left.kind === 'frequentItems' && right.kind === 'frequentItems') {
    const merged = cloneComponent(left) as typeof left;
    merged.sketch.merge(right.sketch);
    return merged;
  }
  // Opaque or mismatched components cannot be combined; keep the left one, as a reader would see it.
  return cloneComponent(left);
}
