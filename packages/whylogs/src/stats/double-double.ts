// Double-double arithmetic (about 106 bits), a port of the routines in scipy xsf `dd_real.h` that
// the one-sided Smirnov distribution uses. Products use Dekker's split instead of fma; both give
// the exact rounding error of a·b.
import { frexp, ldexp } from './floating-point';

const SPLITTER = 134217729.0; // 2^27 + 1

/** An unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2. */
export interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** Makes a double-double from one or two doubles. */
export function dd(hi: number, lo = 0): DoubleDouble {
  return { hi, lo };
}

function quickTwoSum(a: number, b: number): [number, number] {
  const sum = a + b;
  return [sum, b - (sum - a)];
}

function twoSum(a: number, b: number): [number, number] {
  const sum = a + b;
  const c = sum - a;
  const d = b - c;
  const e = sum - c;
  return [sum, a - e + d];
}

function split(a: number): [number, number] {
  const t = SPLITTER * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

function twoProduct(a: number, b: number): [number, number] {
  const product = a * b;
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  const error = aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
  return [product, error];
}

/** -a */
export function negate(a: DoubleDouble): DoubleDouble {
  return dd(-a.hi, -a.lo);
}

/** a + b for double-doubles (the Briggs–Kahan IEEE-style sum). */
export function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  let [s1, s2] = twoSum(a.hi, b.hi);
  const [t1, t2] = twoSum(a.lo, b.lo);
  s2 += t1;
  [s1, s2] = quickTwoSum(s1, s2);
  s2 += t2;
  [s1, s2] = quickTwoSum(s1, s2);
  return dd(s1, s2);
}

/** a + b for a double-double and a double. */
export function addNumber(a: DoubleDouble, b: number): DoubleDouble {
  let [s1, s2] = twoSum(a.hi, b);
  s2 += a.lo;
  [s1, s2] = quickTwoSum(s1, s2);
  return dd(s1, s2);
}

/** a - b */
export function subtract(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  return add(a, negate(b));
}

/** a - b for a double-double and a double. */
export function subtractNumber(a: DoubleDouble, b: number): DoubleDouble {
  let [s1, s2] = twoSum(a.hi, -b);
  s2 += a.lo;
  [s1, s2] = quickTwoSum(s1, s2);
  return dd(s1, s2);
}

/** a - b for a double and a double-double. */
export function numberSubtract(a: number, b: DoubleDouble): DoubleDouble {
  let [s1, s2] = twoSum(a, -b.hi);
  s2 -= b.lo;
  [s1, s2] = quickTwoSum(s1, s2);
  return dd(s1, s2);
}

/** a·b */
export function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  let [p1, p2] = twoProduct(a.hi, b.hi);
  p2 += a.hi * b.lo + a.lo * b.hi;
  [p1, p2] = quickTwoSum(p1, p2);
  return dd(p1, p2);
}

/** a·b for a double-double and a double. */
export function multiplyNumber(a: DoubleDouble, b: number): DoubleDouble {
  const [p1, e1] = twoProduct(a.hi, b);
  const [p2, e2] = twoProduct(a.lo, b);
  const [hi, lo] = quickTwoSum(p1, e2 + p2 + e1);
  return dd(hi, lo);
}

/** a / b */
export function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  let q1 = a.hi / b.hi;
  let r = subtract(a, multiplyNumber(b, q1));
  let q2 = r.hi / b.hi;
  r = subtract(r, multiplyNumber(b, q2));
  const q3 = r.hi / b.hi;
  [q1, q2] = quickTwoSum(q1, q2);
  return addNumber(dd(q1, q2), q3);
}

/** a / b for a double-double and a double. */
export function divideNumber(a: DoubleDouble, b: number): DoubleDouble {
  return divide(a, dd(b));
}

/** floor(a) */
export function floor(a: DoubleDouble): DoubleDouble {
  let hi = Math.floor(a.hi);
  let lo = 0.0;
  if (hi === a.hi) {
    lo = Math.floor(a.lo);
    [hi, lo] = quickTwoSum(hi, lo);
  }
  return dd(hi, lo);
}

/** a·2^exponent */
export function ddLdexp(a: DoubleDouble, exponent: number): DoubleDouble {
  return dd(ldexp(a.hi, exponent), ldexp(a.lo, exponent));
}

/** Splits a into a mantissa with 0.5 ≤ |hi| < 1 (or |hi| = 1 with opposite-sign lo) and an exponent. */
export function ddFrexp(a: DoubleDouble): [DoubleDouble, number] {
  let [mantissa, exponent] = frexp(a.hi);
  let low = ldexp(a.lo, -exponent);
  if (Math.abs(mantissa) === 0.5 && mantissa * low < 0) {
    mantissa *= 2;
    low *= 2;
    exponent -= 1;
  }
  return [dd(mantissa, low), exponent];
}

/** a == b for a double-double and a double. */
export function equalsNumber(a: DoubleDouble, b: number): boolean {
  return a.hi === b && a.lo === 0.0;
}
