import { InvalidOptionError } from '@tasklens/core';
import { FrequentStringsSketch, HllSketch, KllDoublesSketch } from '../sketches';
import type { MetricComponentMessage } from '../wire/metric-component-message';
import { profileError } from '../wire/profile-error';
import { KNOWN_COMPONENT_KINDS, type MetricComponent } from './metric-component';

/**
 * Decodes a wire component, deserializing its sketch. A corrupt sketch's error is re-raised with `field`
 * (the column and path) in front of the sketch's own field name.
 */
export function componentFromMessage(message: MetricComponentMessage, field: string): MetricComponent {
  try {
    return decodeComponent(message);
  } catch (error) {
    if (!InvalidOptionError.isInstance(error)) throw error;
    throw profileError(`${field}.${error.option}`, error.message, error);
  }
}

function decodeComponent(message: MetricComponentMessage): MetricComponent {
  const { typeId, payload } = message;
  let component: MetricComponent;
  switch (payload.kind) {
    case 'n':
      component = { typeId, kind: 'n', value: payload.value };
      break;
    case 'd':
      component = { typeId, kind: 'd', value: payload.value };
      break;
    case 'kll':
      component = { typeId, kind: 'kll', sketch: KllDoublesSketch.deserialize(payload.sketch) };
      break;
    case 'hll':
      component = { typeId, kind: 'hll', sketch: HllSketch.deserialize(payload.sketch) };
      break;
    case 'frequentItems':
      component = {
        typeId,
        kind: 'frequentItems',
        sketch: FrequentStringsSketch.deserialize(payload.sketch),
      };
      break;
    default:
      component = { typeId, kind: 'raw', payload };
  }
  return component;
}

/** Checks a path's component kind against whylogs' default metric definitions. */
export function checkComponentKind(path: string, component: MetricComponent, field: string): void {
  const expected = KNOWN_COMPONENT_KINDS.get(path);
  if (expected !== undefined && expected !== component.kind) {
    throw profileError(
      field,
      `component ${path} holds ${component.kind === 'raw' ? component.payload.kind : component.kind}, expected ${expected}`,
    );
  }
}

export function componentToMessage(component: MetricComponent): MetricComponentMessage {
  const { typeId } = component;
  switch (component.kind) {
    case 'n':
      return { typeId, payload: { kind: 'n', value: component.value } };
    case 'd':
      return { typeId, payload: { kind: 'd', value: component.value } };
    case 'kll':
      return { typeId, payload: { kind: 'kll', sketch: component.sketch.serialize() } };
    case 'hll':
      return { typeId, payload: { kind: 'hll', sketch: component.sketch.serializeCompact() } };
    case 'frequentItems':
      return { typeId, payload: { kind: 'frequentItems', sketch: component.sketch.serialize() } };
    case 'raw':
      return { typeId, payload: component.payload };
  }
}

/** A deep copy, so views never share mutable sketches. */
export function cloneComponent(component: MetricComponent): MetricComponent {
  switch (component.kind) {
    case 'kll':
      return { ...component, sketch: component.sketch.clone() };
    case 'hll':
      return { ...component, sketch: component.sketch.copy() };
    case 'frequentItems':
      return { ...component, sketch: component.sketch.copy() };
    default:
      return { ...component };
  }
}
