import { InvalidOptionError } from '@tasklens/core';

/**
 * A typed error for bad sketch input or corrupt sketch bytes. `field` names what is wrong, e.g.
 * `kll.preambleInts` or `options.k`.
 */
export function sketchError(field: string, message: string): InvalidOptionError {
  return new InvalidOptionError({ option: field, message: `${field}: ${message}` });
}
