// Regularized incomplete gamma functions P(a, x) and Q(a, x): a port of Cephes `igam`/`igamc` as
// shipped in scipy's xsf library (DLMF 8.7.3, 8.9.2, 8.11.4, 8.12.3/8.12.4 and Temme's expansion).

import { erfc } from './error-function';
import {
  cephesExpm1,
  LANCZOS_G,
  lanczosSumExpGScaled,
  log1pMinusX,
  logGamma,
  logGammaOnePlus,
} from './gamma-functions';
import { IGAM_ASYMPTOTIC_COEFFICIENTS } from './igam-asymptotic-coefficients';
import { MACHINE_EPSILON, MAX_LOG } from './polynomials';

const MAX_ITERATIONS = 2000;
const SMALL = 20;
const LARGE = 200;
const SMALL_RATIO = 0.3;
const LARGE_RATIO = 4.5;
const BIG = 4503599627370496.0;
const BIG_INVERSE = 2.220446049250313e-16;

/** x^a·e^(-x)/Γ(a), computed to avoid overflow and cancellation. */
function prefactor(a: number, x: number): number {
  if (Math.abs(a - x) > 0.4 * Math.abs(a)) {
    const logValue = a * Math.log(x) - x - logGamma(a);
    if (logValue < -MAX_LOG) return 0.0;
    return Math.exp(logValue);
  }
  const factor = a + LANCZOS_G - 0.5;
  let result = Math.sqrt(factor / Math.exp(1)) / lanczosSumExpGScaled(a);
  if (a < 200 && x < 200) {
    result *= Math.exp(a - x) * (x / factor) ** a;
  } else {
    const numerator = x - a - LANCZOS_G + 0.5;
    result *= Math.exp(a * log1pMinusX(numerator / factor) + (x * (0.5 - LANCZOS_G)) / factor);
  }
  return result;
}

function upperContinuedFraction(a: number, x: number): number {
  const factor = prefactor(a, x);
  if (factor === 0.0) return 0.0;
  let y = 1.0 - a;
  let z = x + y + 1.0;
  let c = 0.0;
  let pkm2 = 1.0;
  let qkm2 = x;
  let pkm1 = x + 1.0;
  let qkm1 = z * x;
  let answer = pkm1 / qkm1;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    c += 1.0;
    y += 1.0;
    z += 2.0;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let tolerance: number;
    if (qk !== 0) {
      const ratio = pk / qk;
      tolerance = Math.abs((answer - ratio) / ratio);
      answer = ratio;
    } else {
      tolerance = 1.0;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIG_INVERSE;
      pkm1 *= BIG_INVERSE;
      qkm2 *= BIG_INVERSE;
      qkm1 *= BIG_INVERSE;
    }
    if (tolerance <= MACHINE_EPSILON) break;
  }
  return answer * factor;
}

function lowerSeries(a: number, x: number): number {
  const factor = prefactor(a, x);
  if (factor === 0.0) return 0.0;
  let r = a;
  let c = 1.0;
  let answer = 1.0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    r += 1.0;
    c *= x / r;
    answer += c;
    if (c <= MACHINE_EPSILON * answer) break;
  }
  return (answer * factor) / a;
}

function upperSeries(a: number, x: number): number {
  let factorial = 1;
  let sum = 0;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    factorial *= -x / n;
    const term = factorial / (a + n);
    sum += term;
    if (Math.abs(term) <= MACHINE_EPSILON * Math.abs(sum)) break;
  }
  const logX = Math.log(x);
  const term = -cephesExpm1(a * logX - logGammaOnePlus(a));
  return term - Math.exp(a * logX - logGamma(a)) * sum;
}

function asymptoticSeries(a: number, x: number, lower: boolean): number {
  const sign = lower ? -1 : 1;
  const lambda = x / a;
  const sigma = (x - a) / a;
  let eta = 0;
  if (lambda > 1) eta = Math.sqrt(-2 * log1pMinusX(sigma));
  else if (lambda < 1) eta = -Math.sqrt(-2 * log1pMinusX(sigma));
  let result = 0.5 * erfc(sign * eta * Math.sqrt(a / 2));
  const etaPowers = new Array<number>(25).fill(0);
  etaPowers[0] = 1;
  let maxPower = 0;
  let sum = 0;
  let aFactor = 1;
  let previousAbsoluteTerm = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 25; k++) {
    const row = IGAM_ASYMPTOTIC_COEFFICIENTS[k]!;
    let ck = row[0]!;
    for (let n = 1; n < 25; n++) {
      if (n > maxPower) {
        etaPowers[n] = eta * etaPowers[n - 1]!;
        maxPower += 1;
      }
      const ckTerm = row[n]! * etaPowers[n]!;
      ck += ckTerm;
      if (Math.abs(ckTerm) < MACHINE_EPSILON * Math.abs(ck)) break;
    }
    const term = ck * aFactor;
    const absoluteTerm = Math.abs(term);
    if (absoluteTerm > previousAbsoluteTerm) break;
    sum += term;
    if (absoluteTerm < MACHINE_EPSILON * Math.abs(sum)) break;
    previousAbsoluteTerm = absoluteTerm;
    aFactor /= a;
  }
  result += (sign * Math.exp(-0.5 * a * eta * eta) * sum) / Math.sqrt(2 * Math.PI * a);
  return result;
}

function inAsymptoticRegime(a: number, x: number): boolean {
  const relativeDistance = Math.abs(x - a) / a;
  return (
    (a > SMALL && a < LARGE && relativeDistance < SMALL_RATIO) ||
    (a > LARGE && relativeDistance < LARGE_RATIO / Math.sqrt(a))
  );
}

/** Regularized lower incomplete gamma P(a, x) (Cephes `igam`, scipy `gammainc`). */
export function regularizedLowerGamma(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 1 : Number.NaN;
  if (x === 0) return 0;
  if (a === Number.POSITIVE_INFINITY) return x === Number.POSITIVE_INFINITY ? Number.NaN : 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (inAsymptoticRegime(a, x)) return asymptoticSeries(a, x, true);
  if (x > 1.0 && x > a) return 1.0 - regularizedUpperGamma(a, x);
  return lowerSeries(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) (Cephes `igamc`, scipy `gammaincc`). */
export function regularizedUpperGamma(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0) return 1;
  if (a === Number.POSITIVE_INFINITY) return x === Number.POSITIVE_INFINITY ? Number.NaN : 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (inAsymptoticRegime(a, x)) return asymptoticSeries(a, x, false);
  if (x > 1.1) {
    if (x < a) return 1.0 - lowerSeries(a, x);
    return upperContinuedFraction(a, x);
  }
  if (x <= 0.5) {
    if (-0.4 / Math.log(x) < a) return 1.0 - lowerSeries(a, x);
    return upperSeries(a, x);
  }
  if (x * 1.1 < a) return 1.0 - lowerSeries(a, x);
  return upperSeries(a, x);
}
