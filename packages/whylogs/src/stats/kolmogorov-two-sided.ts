// The exact two-sided one-sample Kolmogorov–Smirnov distribution, a port of scipy's
// `scipy/stats/_ksstats.py` (`_kolmogn` and helpers, Simard & L'Ecuyer 2011) and of the
// `kstwo.sf` wrapper that whylogs calls for its drift p-values.

import { ldexp } from './floating-point';
import { smirnovSurvival } from './smirnov';

const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

function clipProbability(probability: number): number {
  return Math.min(Math.max(probability, 0.0), 1.0);
}

function select(cdfProbability: number, sfProbability: number, cdf: boolean): number {
  return clipProbability(cdf ? cdfProbability : sfProbability);
}

function logFactorialOverPower(n: number): number {
  const reciprocal = 1.0 / n;
  let polynomial = 0;
  for (const coefficient of STIRLING_COEFFICIENTS) polynomial = polynomial * (reciprocal / n) + coefficient;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + reciprocal * polynomial;
}

function matrixMultiply(left: readonly Float64Array[], right: readonly Float64Array[]): Float64Array[] {
  const size = left.length;
  const result = Array.from({ length: size }, () => new Float64Array(size));
  for (let row = 0; row < size; row++) {
    const leftRow = left[row]!;
    const resultRow = result[row]!;
    for (let inner = 0; inner < size; inner++) {
      const value = leftRow[inner]!;
      if (value === 0) continue;
      const rightRow = right[inner]!;
      for (let column = 0; column < size; column++) resultRow[column]! += value * rightRow[column]!;
    }
  }
  return result;
}

/** Pr(Dn ≤ d) by the Marsaglia–Tsang–Wang form of Durbin's matrix algorithm. */
function durbinMatrix(n: number, d: number, cdf: boolean): number {
  if (d >= 1.0) return select(1.0, 0.0, cdf);
  const nd = n * d;
  if (nd <= 0.5) return select(0.0, 1.0, cdf);
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let matrix: Float64Array[] = Array.from({ length: m }, () => new Float64Array(m));
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  for (let j = 1; j <= m; j++) v[j - 1] = 1.0 - h ** j;
  let factorial = 1.0;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1]! *= factorial;
  }
  const tt = Math.max(2 * h - 1.0, 0) ** m - 2 * h ** m;
  v[m - 1] = (1.0 + tt) * factorial;
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) matrix[row]![i] = w[row - (i - 1)]!;
  }
  for (let row = 0; row < m; row++) matrix[row]![0] = v[row]!;
  for (let column = 0; column < m; column++) matrix[m - 1]![column] = v[m - 1 - column]!;

  let power: Float64Array[] = Array.from({ length: m }, (_, index) => {
    const row = new Float64Array(m);
    row[index] = 1;
    return row;
  });
  let remaining = n;
  let exponent = 0;
  let matrixExponent = 0;
  while (remaining > 0) {
    if (remaining % 2) {
      power = matrixMultiply(power, matrix);
      exponent += matrixExponent;
    }
    matrix = matrixMultiply(matrix, matrix);
    matrixExponent *= 2;
    if (Math.abs(matrix[k - 1]![k - 1]!) > SCALE_UP) {
      for (const row of matrix) for (let column = 0; column < m; column++) row[column]! /= SCALE_UP;
      matrixExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[k - 1]![k - 1]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return select(p, 1.0 - p, cdf);
}

function pomeranzInterval(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    const odd = (i + 1) % 2;
    if (odd === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(Dn ≤ x) by the Pomeranz recursion. */
function pomeranz(n: number, x: number, cdf: boolean): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = 1.0 * (t - ll);
  const g = Math.min(f, 1.0 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const powerCount = 2 * (ll + 1);
  const gPower = new Float64Array(powerCount);
  const twoGPower = new Float64Array(powerCount);
  const oneMinusTwoGPower = new Float64Array(powerCount);
  gPower[0] = 1.0;
  twoGPower[0] = 1.0;
  oneMinusTwoGPower[0] = 1.0;
  let exponent = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < powerCount; m++) {
    gPower[m] = (gPower[m - 1]! * gOverN) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGOverN) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let v0 = new Float64Array(powerCount);
  let v1 = new Float64Array(powerCount);
  v1[0] = 1;
  let v0Start = 0;
  let v1Start = 0;
  let [j1, j2] = pomeranzInterval(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0Start, v1Start] = [v1Start, v0Start];
    v1.fill(0.0);
    [j1, j2] = pomeranzInterval(i, n, ll, ceilF, roundF);
    const powers = i === 1 || i === 2 * n + 1 ? gPower : i % 2 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      const offset = k1 - v0Start;
      // numpy slicing stops at the end of the row, so the left operand may be shorter.
      const available = Math.min(length, powerCount - offset);
      const convolutionStart = j1 - k1;
      const convolutionLength = j2 - j1 + 1;
      // Full convolution of V0[offset : offset+length] with powers[:length], entries [start, start+len).
      for (let output = 0; output < convolutionLength; output++) {
        const index = convolutionStart + output;
        let sum = 0;
        const low = Math.max(0, index - (length - 1));
        const high = Math.min(index, available - 1);
        for (let a = low; a <= high; a++) sum += v0[offset + a]! * powers[index - a]!;
        v1[output] = sum;
      }
      let maximum = Number.NEGATIVE_INFINITY;
      for (const value of v1) if (value > maximum) maximum = value;
      if (maximum > 0 && maximum < SCALE_DOWN) {
        for (let index = 0; index < v1.length; index++) v1[index]! *= SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
      v1Start = v0Start + j1 - k1;
    }
  }
  let answer = v1[n - v1Start]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  if (exponent !== 0) answer = ldexp(answer, exponent);
  return select(answer, 1.0 - answer, cdf);
}

/** Pelz–Good asymptotic approximation of Pr(Dn ≤ x). */
function pelzGood(n: number, x: number, cdf: boolean): number {
  if (x <= 0.0) return select(0.0, 1.0, cdf);
  if (x >= 1.0) return select(1.0, 0.0, cdf);
  const z = Math.sqrt(n) * x;
  const zSquared = z ** 2;
  const zThree = z ** 3;
  const zFour = z ** 4;
  const zSix = z ** 6;
  const qLog = -PI_SQUARED / 8 / zSquared;
  if (qLog < MIN_LOG) return select(0.0, 1.0, cdf);
  let q = Math.exp(qLog);
  const k1a = -zSquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zSix + 2 * zFour;
  const k2b = ((2 * zFour - 5 * zSquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zSquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zSquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zSquared + 212 * zFour)) / 16;
  const k3b = (PI_SQUARED * (135 * zFour - 96 * zSix)) / 4;
  const k3a = -30 * zSix - 90 * z ** 8;
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const mSquared = m ** 2;
    const mFour = m ** 4;
    const mSix = m ** 6;
    const qPower = q ** (8 * k);
    const coefficients = [
      1.0,
      k1a + k1b * mSquared,
      k2a + k2b * mSquared + k2c * mFour,
      k3a + k3b * mSquared + k3c * mFour + k3d * mSix,
    ];
    for (let index = 0; index < 4; index++) terms[index] = terms[index]! * qPower + coefficients[index]!;
  }
  const divisors = [z, 6 * zFour, 72 * z ** 7, 6480 * z ** 10];
  for (let index = 0; index < 4; index++) terms[index] = (terms[index]! * q * SQRT_2PI) / divisors[index]!;
  q = Math.exp(-PI_SQUARED / 2 / zSquared);
  let k2Extra = 0;
  let k3Extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxK; k > 0; k--) {
    const kSquared = k ** 2;
    const qPower = q ** kSquared;
    const kPi = Math.PI * k;
    k2Extra += kSquared * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
  }
  k2Extra *= (PI_SQUARED * SQRT_2PI) / (-36 * zThree);
  k3Extra *= (PI_SQUARED * SQRT_2PI) / (216 * zSix);
  terms[2]! += k2Extra;
  terms[3]! += k3Extra;
  for (let index = 0; index < 4; index++) terms[index] = terms[index]! / (n * 1.0) ** (index / 2.0);
  if (!cdf) {
    for (let index = 0; index < 4; index++) terms[index] = -terms[index]!;
    terms[0]! += 1;
  }
  return terms[0]! + terms[1]! + terms[2]! + terms[3]!;
}

/** CDF (or SF) of the two-sided one-sample KS statistic Dn, scipy `_kolmogn(n, x, cdf)`. */
export function kolmogorovTwoSided(n: number, x: number, cdf: boolean): number {
  if (Number.isNaN(n)) return n;
  if (Math.trunc(n) !== n || n <= 0) return Number.NaN;
  if (x >= 1.0) return select(1.0, 0.0, cdf);
  if (x <= 0.0) return select(0.0, 1.0, cdf);
  const t = n * x;
  if (t <= 1.0) {
    if (t <= 0.5) return select(0.0, 1.0, cdf);
    let probability: number;
    if (n <= 140) {
      probability = 1;
      for (let i = 1; i <= n; i++) probability *= i * (1.0 / n) * (2 * t - 1);
    } else {
      probability = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return select(probability, 1.0 - probability, cdf);
  }
  if (t >= n - 1) {
    const probability = 2 * (1.0 - x) ** n;
    return select(1 - probability, probability, cdf);
  }
  if (x >= 0.5) {
    const probability = 2 * smirnovSurvival(n, x);
    return select(1.0 - probability, probability, cdf);
  }
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) {
      const probability = durbinMatrix(n, x, true);
      return select(probability, 1.0 - probability, cdf);
    }
    if (nxSquared <= 4) {
      const probability = pomeranz(n, x, true);
      return select(probability, 1.0 - probability, cdf);
    }
    const probability = 2 * smirnovSurvival(n, x);
    return select(1.0 - probability, probability, cdf);
  }
  if (!cdf) {
    if (nxSquared >= 370.0) return 0.0;
    if (nxSquared >= 2.2) return clipProbability(2 * smirnovSurvival(n, x));
  }
  let cdfProbability: number;
  if (nxSquared >= 18.0) cdfProbability = 1.0;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfProbability = durbinMatrix(n, x, true);
  else cdfProbability = pelzGood(n, x, true);
  return select(cdfProbability, 1.0 - cdfProbability, cdf);
}

/**
 * Survival function of the two-sided KS statistic, `scipy.stats.kstwo.sf(x, n)`: NaN unless n is a
 * whole number ≥ 1, 1 at or below the support start 0.5/n, 0 at or above 1.
 */
export function kolmogorovSmirnovSurvival(x: number, n: number): number {
  if (Number.isNaN(x) || Number.isNaN(n) || !(n >= 1) || n !== Math.round(n)) return Number.NaN;
  if (x <= 0.5 / n) return 1.0;
  if (x >= 1.0) return 0.0;
  return kolmogorovTwoSided(n, x, false);
}
