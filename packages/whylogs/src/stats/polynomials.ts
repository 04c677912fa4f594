/** Cephes `polevl`: evaluates coefficients[0]·xᴺ + … + coefficients[N] by Horner's rule. */
export function polevl(x: number, coefficients: readonly number[], degree: number): number {
  let answer = coefficients[0]!;
  for (let index = 1; index <= degree; index++) answer = answer * x + coefficients[index]!;
  return answer;
}

/** Cephes `p1evl`: like `polevl` with an implied leading coefficient of 1. */
export function p1evl(x: number, coefficients: readonly number[], degree: number): number {
  let answer = x + coefficients[0]!;
  for (let index = 1; index < degree; index++) answer = answer * x + coefficients[index]!;
  return answer;
}

/** Cephes `ratevl`: a rational function, evaluated in 1/x when |x| > 1 to stay accurate. */
export function ratevl(
  x: number,
  numerator: readonly number[],
  numeratorDegree: number,
  denominator: readonly number[],
  denominatorDegree: number,
): number {
  const absolute = Math.abs(x);
  const reversed = absolute > 1;
  const y = reversed ? 1 / x : x;
  const evaluate = (coefficients: readonly number[], degree: number): number => {
    let position = reversed ? degree : 0;
    const direction = reversed ? -1 : 1;
    let answer = coefficients[position]!;
    position += direction;
    for (let index = 1; index <= degree; index++) {
      answer = answer * y + coefficients[position]!;
      position += direction;
    }
    return answer;
  };
  const numeratorValue = evaluate(numerator, numeratorDegree);
  const denominatorValue = evaluate(denominator, denominatorDegree);
  if (reversed) return (x ** (numeratorDegree - denominatorDegree) * numeratorValue) / denominatorValue;
  return numeratorValue / denominatorValue;
}

/** 2⁻⁵³, Cephes `MACHEP`. */
export const MACHINE_EPSILON = 1.1102230246251565e-16;
/** log(DBL_MAX), Cephes `MAXLOG`. */
export const MAX_LOG = 709.782712893384;
/** log(2⁻¹⁰⁷⁵), Cephes `MINLOG`. */
export const MIN_LOG = -745.1332191019412;
