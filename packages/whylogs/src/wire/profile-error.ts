import { InvalidOptionError } from '@tasklens/core';

/**
 * A typed error for a corrupt or unsupported profile. `field` names the part of the file that is wrong,
 * e.g. `profile.header.columnOffsets` or `profile.magic`.
 */
export function profileError(field: string, message: string, cause?: unknown): InvalidOptionError {
  return new InvalidOptionError({ option: field, message: `${field}: ${message}`, cause });
}
