import { SketchStateError } from '../common/sketch-state-error';

// Cubic (Lagrange) interpolation used by the HLL coupon and composite estimators, ported verbatim from the
// fork's `CubicInterpolation-internal.hpp` (the operation order matters for bit-exact estimates).

// Computed for coupon lgK = 26 only; designed for the cubic interpolator.
const X_COMPUTED = Float64Array.of(
  0.0,
  1.0,
  20.0,
  400.0,
  8000.0,
  160000.0,
  300000.0,
  600000.0,
  900000.0,
  1200000.0,
  1500000.0,
  1800000.0,
  2100000.0,
  2400000.0,
  2700000.0,
  3000000.0,
  3300000.0,
  3600000.0,
  3900000.0,
  4200000.0,
  4500000.0,
  4800000.0,
  5100000.0,
  5400000.0,
  5700000.0,
  6000000.0,
  6300000.0,
  6600000.0,
  6900000.0,
  7200000.0,
  7500000.0,
  7800000.0,
  8100000.0,
  8400000.0,
  8700000.0,
  9000000.0,
  9300000.0,
  9600000.0,
  9900000.0,
  10200000.0,
);

const Y_COMPUTED = Float64Array.of(
  0.0,
  1.0,
  20.00000094374026,
  400.0003963713384,
  8000.158929460209,
  160063.60677637596,
  300223.70715976635,
  600895.593385617,
  902016.8065120955,
  1203588.498319951,
  1505611.8245524743,
  1808087.9449319066,
  2111018.0231759353,
  2414403.22701425,
  2718244.728205189,
  3022543.702552454,
  3327301.329921909,
  3632518.794258454,
  3938197.283602969,
  4244337.990109356,
  4550942.110061649,
  4858010.843891189,
  5165545.396193897,
  5473546.975747645,
  5782016.7955296505,
  6090956.072734016,
  6400366.028789296,
  6710247.889376201,
  7020602.884445314,
  7331432.248234972,
  7642737.219289148,
  7954519.0404754765,
  8266778.959003342,
  8579518.226442046,
  8892738.098739047,
  9206439.836238328,
  9520624.703698829,
  9835293.97031292,
  10150448.909725029,
  10466090.800050326,
);

function cubicInterpolate(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x: number,
): number {
  const l0Numerator = (x - x1) * (x - x2) * (x - x3);
  const l1Numerator = (x - x0) * (x - x2) * (x - x3);
  const l2Numerator = (x - x0) * (x - x1) * (x - x3);
  const l3Numerator = (x - x0) * (x - x1) * (x - x2);
  const l0Denominator = (x0 - x1) * (x0 - x2) * (x0 - x3);
  const l1Denominator = (x1 - x0) * (x1 - x2) * (x1 - x3);
  const l2Denominator = (x2 - x0) * (x2 - x1) * (x2 - x3);
  const l3Denominator = (x3 - x0) * (x3 - x1) * (x3 - x2);
  const term0 = (y0 * l0Numerator) / l0Denominator;
  const term1 = (y1 * l1Numerator) / l1Denominator;
  const term2 = (y2 * l2Numerator) / l2Denominator;
  const term3 = (y3 * l3Numerator) / l3Denominator;
  return term0 + term1 + term2 + term3;
}

/** j such that xArray[j] ≤ x < xArray[j+1] (the C++ recursive bisection, written as a loop). */
function findStraddle(xArray: Float64Array, length: number, x: number): number {
  let left = 0;
  let right = length - 1;
  while (left + 1 !== right) {
    const middle = left + Math.floor((right - left) / 2);
    if (xArray[middle]! <= x) left = middle;
    else right = middle;
  }
  return left;
}

/** The coupon estimator's curve: interpolates the fixed 40-point x/y tables at x (a coupon count). */
export function interpolateCouponCount(x: number): number {
  const length = X_COMPUTED.length;
  if (x < X_COMPUTED[0]! || x > X_COMPUTED[length - 1]!)
    throw new SketchStateError({ field: 'hll.interpolation', message: `x value out of range: ${x}` });
  if (x === X_COMPUTED[length - 1]!) return Y_COMPUTED[length - 1]!;
  const offset = findStraddle(X_COMPUTED, length, x);
  const start = offset === 0 ? 0 : offset === length - 2 ? offset - 2 : offset - 1;
  return cubicInterpolate(
    X_COMPUTED[start]!,
    Y_COMPUTED[start]!,
    X_COMPUTED[start + 1]!,
    Y_COMPUTED[start + 1]!,
    X_COMPUTED[start + 2]!,
    Y_COMPUTED[start + 2]!,
    X_COMPUTED[start + 3]!,
    Y_COMPUTED[start + 3]!,
    x,
  );
}

/** Interpolation with an x table and a constant y stride (the composite estimator's bias correction). */
export function interpolateWithYStride(xArray: Float64Array, yStride: number, x: number): number {
  const length = xArray.length;
  const lastIndex = length - 1;
  if (length < 4 || x < xArray[0]! || x > xArray[lastIndex]!)
    throw new SketchStateError({
      field: 'hll.interpolation',
      message: 'impossible values during interpolation',
    });
  if (x === xArray[lastIndex]!) return yStride * lastIndex;
  const offset = findStraddle(xArray, length, x);
  const start = offset === 0 ? 0 : offset === length - 2 ? offset - 2 : offset - 1;
  return cubicInterpolate(
    xArray[start]!,
    yStride * start,
    xArray[start + 1]!,
    yStride * (start + 1),
    xArray[start + 2]!,
    yStride * (start + 2),
    xArray[start + 3]!,
    yStride * (start + 3),
    x,
  );
}
