import { type GlobalSlot, globalSlot } from '@tasklens/core';
import { VERSION } from './version';

/** A process-wide slot of `@tasklens/wandb`, shared with every other copy of this package of the same major. */
export function wandbSlot<T>(name: string): GlobalSlot<T> {
  return globalSlot<T>({ packageName: '@tasklens/wandb', version: VERSION }, name);
}
