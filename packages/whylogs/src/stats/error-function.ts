// Cephes `erf`/`erfc` (scipy xsf `ndtr.h`), used by the incomplete gamma asymptotic series.
import { MAX_LOG, p1evl, polevl } from './polynomials';

const P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814, 196.5208329560771,
  526.4451949954773, 934.5285271719576, 1027.5518868951572, 557.5353353693994,
];
const Q = [
  13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055, 1823.9091668790973,
  2246.3376081871097, 1656.6630919416134, 557.5353408177277,
];
const R = [
  0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895,
  2.9788666537210022,
];
const S = [
  2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659, 9.608968090632859,
  3.369076451000815,
];
const T = [9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949];
const U = [33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359];

/** Complementary error function (Cephes `erfc`). */
export function erfc(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = Math.abs(a);
  if (x < 1.0) return 1.0 - erf(a);
  let z = -a * a;
  if (z < -MAX_LOG) return a < 0 ? 2.0 : 0.0;
  z = Math.exp(z);
  const p = x < 8.0 ? polevl(x, P, 8) : polevl(x, R, 5);
  const q = x < 8.0 ? p1evl(x, Q, 8) : p1evl(x, S, 6);
  let y = (z * p) / q;
  if (a < 0) y = 2.0 - y;
  if (y !== 0.0) return y;
  return a < 0 ? 2.0 : 0.0;
}

/** Error function (Cephes `erf`). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0.0) return -erf(-x);
  if (Math.abs(x) > 1.0) return 1.0 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T, 4)) / p1evl(z, U, 5);
}
