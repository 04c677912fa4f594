// Harmonic numbers for the HLL bitmap (linear counting) estimate, ported from the fork's
// `HarmonicNumbers-internal.hpp`: exact values below 25, an asymptotic series above.

const EXACT_HARMONIC_NUMBERS = [
  0.0,
  1.0,
  1.5,
  11.0 / 6.0,
  25.0 / 12.0,
  137.0 / 60.0,
  49.0 / 20.0,
  363.0 / 140.0,
  761.0 / 280.0,
  7129.0 / 2520.0,
  7381.0 / 2520.0,
  83711.0 / 27720.0,
  86021.0 / 27720.0,
  1145993.0 / 360360.0,
  1171733.0 / 360360.0,
  1195757.0 / 360360.0,
  2436559.0 / 720720.0,
  42142223.0 / 12252240.0,
  14274301.0 / 4084080.0,
  275295799.0 / 77597520.0,
  55835135.0 / 15519504.0,
  18858053.0 / 5173168.0,
  19093197.0 / 5173168.0,
  444316699.0 / 118982864.0,
  1347822955.0 / 356948592.0,
];

const EULER_MASCHERONI_CONSTANT = 0.5772156649015329;

/** The n-th harmonic number H(n). */
export function harmonicNumber(n: number): number {
  if (n < EXACT_HARMONIC_NUMBERS.length) return EXACT_HARMONIC_NUMBERS[n]!;
  const x = n;
  const inverseSquare = 1.0 / (x * x);
  let sum = Math.log(x) + EULER_MASCHERONI_CONSTANT + 1.0 / (2.0 * x);
  let power = inverseSquare;
  sum -= power * (1.0 / 12.0);
  power *= inverseSquare;
  sum += power * (1.0 / 120.0);
  power *= inverseSquare;
  sum -= power * (1.0 / 252.0);
  power *= inverseSquare;
  sum += power * (1.0 / 240.0);
  return sum;
}

/** Linear-counting estimate for a bit vector of `bitVectorLength` bits with `numBitsSet` set. */
export function bitMapEstimate(bitVectorLength: number, numBitsSet: number): number {
  return bitVectorLength * (harmonicNumber(bitVectorLength) - harmonicNumber(bitVectorLength - numBitsSet));
}
