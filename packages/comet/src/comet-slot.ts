import { type GlobalSlot, globalSlot } from '@tasklens/core/plugin';
import { VERSION } from './version';

/** A process-wide slot of `@tasklens/comet`, shared with every other copy of this package of the same major. */
export function cometSlot<T>(name: string): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/comet', version: VERSION }, name);
}
