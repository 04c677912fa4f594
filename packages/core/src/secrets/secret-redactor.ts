import { coreProtocolSlot } from '../globals/core-slot';

// Shared across majors: a secret one copy learnt must be masked by every copy that logs.
const knownValuesSlot = coreProtocolSlot<Set<string>>('secrets.knownValues', 1);

function knownValues(): Set<string> {
  return knownValuesSlot.getOrCreate(() => new Set<string>());
}

/**
 * Remembers a secret value so `redactSecrets` can mask it in anything tasklens logs or writes.
 * Values shorter than 4 characters are not tracked: masking them would shred ordinary text.
 */
export function registerSecretValue(value: string): void {
  if (value.length >= 4) knownValues().add(value);
}

/** Replaces every known secret value in `text` with `***`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const value of knownValues()) {
    if (result.includes(value)) result = result.split(value).join('***');
  }
  return result;
}
