// Python `str()`/`repr()` of the values whylogs puts into constraint names, so names match.

/** Marks a whole number that Python would hold as a float (prints as `0.0`, not `0`). */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/** A number as a Python caller would pass it: integral JS numbers act as ints unless wrapped in `pythonFloat`. */
export type NumberArgument = number | PythonFloat;

/** Wraps a number so that constraint names print it as a Python float (`pythonFloat(0)` → `0.0`). */
export function pythonFloat(value: number): PythonFloat {
  return new PythonFloat(value);
}

/** The numeric value of an argument. */
export function numberValue(value: NumberArgument): number {
  return value instanceof PythonFloat ? value.value : value;
}

/** Python `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** Python `str()` of a number argument. */
export function pythonNumber(value: NumberArgument): string {
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value);
  if (Number.isInteger(value)) return value.toFixed(0);
  return pythonFloatRepr(value);
}

/** Python `repr(str)`. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '\\') result += '\\\\';
    else if (character === quote) result += `\\${quote}`;
    else if (character === '\n') result += '\\n';
    else if (character === '\r') result += '\\r';
    else if (character === '\t') result += '\\t';
    else if (code < 0x20 || code === 0x7f) result += `\\x${code.toString(16).padStart(2, '0')}`;
    else result += character;
  }
  return result + quote;
}

/** Python `repr(list_of_str)`. */
export function pythonListRepr(values: Iterable<string>): string {
  return `[${[...values].map(pythonStringRepr).join(', ')}]`;
}

/** Python `repr(set_of_str)` in the iteration order given (CPython's own order is hash-dependent). */
export function pythonSetRepr(values: Iterable<string>): string {
  const items = [...values];
  return items.length === 0 ? 'set()' : `{${items.map(pythonStringRepr).join(', ')}}`;
}
