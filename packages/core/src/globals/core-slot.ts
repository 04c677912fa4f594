import { VERSION } from '../version';
import { type GlobalSlot, globalSlot } from './global-slot';

/** A process-wide slot of `@tasklens/core`, shared with every other copy of core of the same major. */
export function coreSlot<T>(name: string): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/core', version: VERSION }, name);
}

/**
 * A slot every copy of core shares whatever its major, for what one process has only once (signal
 * handlers) or what every copy must honour (secret values to mask). It is keyed by the version of
 * the value's shape, `protocolVersion`, which changes only when that shape changes incompatibly.
 */
export function coreProtocolSlot<T>(name: string, protocolVersion: number): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/core/protocol', version: `${protocolVersion}.0.0` }, name);
}
