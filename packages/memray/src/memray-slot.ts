import { type GlobalSlot, globalSlot } from '@tasklens/core';
import { VERSION } from './version';

/** A process-wide slot of `@tasklens/memray`, shared with every other copy of this package of the same major. */
export function memraySlot<T>(name: string): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/memray', version: VERSION }, name);
}

/**
 * A slot every copy of memray shares whatever its major: V8 has one sampling heap profiler per
 * isolate, so the lock on it must hold across versions. Keyed by the version of its protocol.
 */
export function memrayProtocolSlot<T>(name: string, protocolVersion: number): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/memray/protocol', version: `${protocolVersion}.0.0` }, name);
}
