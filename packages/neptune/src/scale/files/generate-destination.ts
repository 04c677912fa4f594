import { blake2b } from './blake2b';

// neptune-scale 0.30's limits per component of a file destination (`sync/files.py`).
const maxRunIdLength = 300;
const maxAttributeLength = 280;
const maxStepLength = 19;
const maxFileStemLength = 180;
const maxExtensionLength = 18;

/** Python string length and slicing count code points, not UTF-16 units. */
const codePoints = (text: string): string[] => Array.from(text);

/** `-` and the 8-byte BLAKE2b of the original text, in hex. */
function digestSuffix(text: string): string {
  return `-${Buffer.from(blake2b(Buffer.from(text, 'utf8'), 8)).toString('hex')}`;
}

/** `_sanitize_and_trim`: `/` and `.` become `_`; over-long (or forced) components end in a digest. */
function sanitizeAndTrim(text: string, maxLength: number, forceSuffix: boolean): string {
  const sanitized = codePoints(text.replace(/[/.]/g, '_'));
  const suffix = forceSuffix || sanitized.length > maxLength ? digestSuffix(text) : '';
  return sanitized.slice(0, Math.max(0, maxLength - suffix.length)).join('') + suffix;
}

/** Python's `f"{step:019.6f}"`: six decimals, zero-padded after the sign to 19 characters. */
function formatStep(step: number): string {
  const fixed = Math.abs(step).toFixed(6);
  const sign = step < 0 || Object.is(step, -0) ? '-' : '';
  return sign + fixed.padStart(19 - sign.length, '0');
}

/** `pathlib.PurePath(name).suffix`: from the last dot, unless it is the first or last character. */
function fileSuffix(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : '';
}

/**
 * neptune-scale's `generate_destination`: where a file is stored,
 * `<run id>-<digest>/<attribute>-<digest>/<step or "none">/<file name>`, each component sanitized
 * and bounded so the whole stays within the server's limit.
 */
export function generateDestination(
  runId: string,
  attributeName: string,
  fileName: string,
  step: number | undefined,
): string {
  const run = sanitizeAndTrim(runId, maxRunIdLength, true);
  const attribute = sanitizeAndTrim(attributeName, maxAttributeLength, true);
  const seriesStep = step === undefined ? 'none' : sanitizeAndTrim(formatStep(step), maxStepLength, false);
  const name = fileName.slice(fileName.lastIndexOf('/') + 1);
  const extension = fileSuffix(name);
  const stem = extension === '' ? name : name.slice(0, -extension.length);
  const file =
    sanitizeAndTrim(stem, maxFileStemLength, false) +
    codePoints(extension).slice(0, maxExtensionLength).join('');
  return `${run}/${attribute}/${seriesStep}/${file}`;
}
