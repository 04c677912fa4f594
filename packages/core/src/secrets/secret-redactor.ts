import { coreProtocolSlot } from '../globals/core-slot';

// Shared across majors: a secret one copy learnt must be masked by every copy that logs.
const knownValuesSlot = coreProtocolSlot<Set<string>>('secrets.knownValues', 1);

// The first registerSecretValue() of a process creates the set (a provider's start does, with its
// API token): parenthesized too, as an arrow function is compiled on its first call.
// biome-ignore format: the parentheses are the compile hint
const newKnownValues = (function newKnownValues(): Set<string> {
  return new Set<string>();
});

// biome-ignore format: parenthesized, so V8 compiles it at import, not on its first call
const knownValues = (function knownValues(): Set<string> {
  return knownValuesSlot.getOrCreate(newKnownValues);
});

/**
 * Redaction policy (README "Secrets"):
 * - every non-empty secret value is tracked, whatever its length;
 * - it is masked as written and as it appears URL-encoded (`%XX`, upper or lower hex, `+` for
 *   spaces) and JSON-escaped, the forms in which it reaches URLs, request bodies and error text;
 * - values of 4 characters or more are masked wherever they occur; shorter ones only as a whole
 *   token (not inside a longer word or number), so a 1–3 character secret does not shred text;
 * - a secret that is an ordinary word (`Trace`) is masked in messages too — leaking it would be
 *   worse — but the labels tasklens itself adds (`Trace:`, `Message:`, `[component] LEVEL`) are
 *   outside what is redacted and stay readable.
 */
export function registerSecretValue(value: string): void {
  if (typeof value === 'string' && value !== '') knownValues().add(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret may take in text we write. */
function encodedForms(value: string): string[] {
  const percent = encodeURIComponent(value);
  const json = JSON.stringify(value).slice(1, -1);
  return [
    ...new Set([
      value,
      percent,
      percent.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
      percent.replaceAll('%20', '+'),
      json,
    ]),
  ];
}

/** Replaces every known secret value (and its encoded forms) in `text` with `***`. */
export function redactSecrets(text: string): string {
  let result = text;
  // Longest first, so a secret containing another is masked whole.
  const values = [...knownValues()].sort((a, b) => b.length - a.length);
  for (const value of values) {
    for (const form of encodedForms(value)) {
      if (!result.includes(form)) continue;
      result =
        value.length >= 4
          ? result.split(form).join('***')
          : result.replace(
              new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'gu'),
              '***',
            );
    }
  }
  return result;
}
