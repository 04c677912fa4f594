import type { TypeDescriptor } from './type-descriptor';

/** Whether a value of this type may be left out: its type takes `undefined` (`types.none()`, `types.optional`). */
export function acceptsMissing(descriptor: TypeDescriptor<any>): boolean {
  try {
    descriptor.validate(undefined, 'value');
    return true;
  } catch {
    return false;
  }
}
