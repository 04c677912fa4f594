// One-sided Smirnov distribution Pr(Dn+ ≥ x): a port of scipy xsf `kolmogorov.h` (`smirnov`),
// including its double-double summation, because the two-sided KS survival function uses
// 2·smirnov(n, x) for large statistics.
import {
  add,
  addNumber,
  type DoubleDouble,
  dd,
  ddFrexp,
  ddLdexp,
  divide,
  divideNumber,
  equalsNumber,
  floor,
  multiply,
  multiplyNumber,
  subtract,
  subtractNumber,
} from './double-double';
import { cephesExpm1 } from './gamma-functions';
import { MIN_LOG } from './polynomials';

const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const SM_MAX_EXPONENT = 960;
const DOUBLE_EPSILON = Number.EPSILON;

function nextPowerOf2(x: number): number {
  const q = x * 2 ** (1 - 53);
  let result = Math.abs(q + x);
  if (result === 0) result = Math.abs(x);
  else if (Math.trunc(result) === result) result = Math.trunc(result);
  return result;
}

/** floor(n·x) and its fractional part, computed exactly. */
function moduloNX(n: number, x: number): { alpha: number; floorNX: number } {
  const nxD = multiplyNumber(dd(x), n);
  const floorD = floor(nxD);
  const alphaD = subtract(nxD, floorD);
  let alpha = alphaD.hi;
  let floorNX = Math.trunc(floorD.hi);
  if (alpha === 1) {
    floorNX += 1;
    alpha = 0;
  }
  return { alpha, floorNX };
}

function powD(a: DoubleDouble, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return dd(1.0);
    return divide(dd(1.0), powD(a, -m));
  }
  if (equalsNumber(a, 0.0)) return dd(0.0);
  const answer = a.hi ** m;
  const r = a.lo / a.hi;
  let adjustment = m * r;
  if (Math.abs(adjustment) > 1e-8) {
    if (Math.abs(adjustment) < 0.0001) adjustment += m * r * (((m - 1) / 2.0) * r);
    else adjustment = cephesExpm1(m * Math.log1p(r));
  }
  return addNumber(dd(answer), answer * adjustment);
}

function pow2(a: number, b: number, m: number): number {
  return powD(addNumber(dd(a), b), m).hi;
}

function pow2ScaledD(a: DoubleDouble, m: number): [DoubleDouble, number] {
  if (m <= 0) {
    if (m === 0) return [dd(1.0), 0];
    const [inverse, inverseExponent] = pow2ScaledD(a, -m);
    const [answer, answerExponent] = ddFrexp(divide(dd(1.0), inverse));
    return [answer, -inverseExponent + answerExponent];
  }
  const [y, yExponent] = ddFrexp(a);
  if (m === 1) return [y, yExponent];
  let maxExponent = SM_MAX_EXPONENT;
  if ((m * (y.hi - 1)) / y.hi < -SM_MAX_EXPONENT * Math.LN2) {
    const log2Y = Math.log(y.hi) / Math.LN2;
    if (m * log2Y <= -SM_MAX_EXPONENT) {
      maxExponent = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / log2Y + 1) / 2);
    }
  }
  if (m <= maxExponent) {
    const [answer, answerExponent] = ddFrexp(powD(y, m));
    return [answer, answerExponent + m * yExponent];
  }
  const quotient = Math.trunc(m / maxExponent);
  const remainder = m % maxExponent;
  const [y2r, y2rExponent] = pow2ScaledD(y, remainder);
  const [y2m, y2mExponent] = pow2ScaledD(y, maxExponent);
  const [y2mq, y2mqExponentRaw] = pow2ScaledD(y2m, quotient);
  const [answer, answerExponentRaw] = ddFrexp(multiply(y2r, y2mq));
  const y2mqExponent = y2mqExponentRaw + y2mExponent * quotient;
  return [answer, answerExponentRaw + y2mqExponent + y2rExponent + m * yExponent];
}

function pow4D(a: number, b: number, c: number, d: number, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return dd(1.0);
    return pow4D(c, d, a, b, -m);
  }
  const numerator = addNumber(dd(a), b);
  const denominator = addNumber(dd(c), d);
  if (equalsNumber(numerator, 0.0))
    return equalsNumber(denominator, 0.0) ? dd(Number.NaN, Number.NaN) : dd(0.0);
  if (equalsNumber(denominator, 0.0)) {
    const infinity = numerator.hi < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return dd(infinity, infinity);
  }
  return powD(divide(numerator, denominator), m);
}

function computeAv(
  n: number,
  x: number,
  v: number,
  binomialMantissa: DoubleDouble,
  binomialExponent: number,
) {
  const t2x = subtractNumber(divideNumber(dd(n - v), n), x);
  const [t2, t2Exponent] = pow2ScaledD(t2x, n - v);
  const t1x = addNumber(divideNumber(dd(v), n), x);
  const [t1, t1Exponent] = pow2ScaledD(t1x, v - 1);
  const product = multiply(multiply(t1, t2), binomialMantissa);
  return ddLdexp(product, binomialExponent + t1Exponent + t2Exponent);
}

/** Pr(Dn+ ≥ x), scipy `smirnov(n, x)` (one-sided KS survival function). */
export function smirnovSurvival(n: number, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (!(n > 0 && x >= 0.0 && x <= 1.0)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0.0) return 1.0;
  if (x === 1.0) return 0.0;

  const { alpha, floorNX } = moduloNX(n, x);
  let n1mxfl = n - floorNX - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - floorNX;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (floorNX === 0 || (floorNX === 1 && alpha === 0)) {
    const t = pow2(1, x, n - 1);
    return clamp(1 - x * t);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (floorNX >= n - 1) return clamp(pow2(1, -x, n));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logP = -((6.0 * n * x + 1) ** 2) / 18.0 / n;
    if (logP < -Math.LN2) return clamp(Math.exp(logP));
    return clamp(1 - -cephesExpm1(logP));
  }
  const upperTermCount = n - n1mxceil + 1;
  let useUpperSum = upperTermCount <= 1 && x < 0.5;
  useUpperSum =
    useUpperSum ||
    (n >= SM_UPPERSUM_MIN_N && upperTermCount <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let termCount = n1mxfl + 1;
  const middle = Math.trunc(n / 2);
  let binomialMantissa = dd(1.0);
  let binomialExponent = 0;
  let term: DoubleDouble;
  if (useUpperSum) {
    start = n;
    step = -1;
    termCount = n - n1mxceil + 1;
    term = pow4D(1, x, 1, 0, n - 1);
  } else {
    const t2 = pow4D(1, -x, 1, 0, n);
    term = divideNumber(t2, x);
  }
  let sum = add(dd(0.0), term);
  const updateBinomial = (j: number) => {
    const ratio = divideNumber(dd(n - j), j + 1.0);
    const [mantissa, exponent] = ddFrexp(multiply(binomialMantissa, ratio));
    binomialExponent += exponent;
    binomialMantissa = mantissa;
  };
  updateBinomial(0);
  for (let j = 1; j < termCount; j += 1) {
    const v = start + j * step;
    term = computeAv(n, x, v, binomialMantissa, binomialExponent);
    if (Number.isFinite(term.hi) && !equalsNumber(term, 0.0)) sum = add(sum, term);
    if (!equalsNumber(term, 0.0)) {
      if (4 * (termCount - j) * Math.abs(term.hi) < DOUBLE_EPSILON * sum.hi && j !== termCount - 1) break;
    } else if (j > middle) {
      break;
    }
    updateBinomial(j);
  }
  const probability = multiplyNumber(sum, x).hi;
  // The upper sum gives the CDF, the lower sum the survival function.
  return clamp(step < 0 ? 1 - probability : probability);
}

function clamp(value: number): number {
  return Math.min(Math.max(value, 0.0), 1.0);
}
