// Inputs of the libstdc++ sort vectors, shared by the generator and libstdcxx-sort.test.ts: mulberry32,
// values from a pool heavy in ±0. Regenerate the vectors with
//   g++ -O2 -o sort generate-libstdcxx-sort-vectors.cpp && node libstdcxx-sort-inputs.mjs stdin | ./sort
// (one line per case: 1 where the sorted element is −0), then store them as `negativeZeroMask`.
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function caseInput(seed, size, shape) {
  const random = mulberry32(seed);
  const pool = [0, -0, 0, -0, 1, -1, 2.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const values = new Float64Array(size);
  for (let index = 0; index < size; index++) {
    values[index] = random() < 0.7 ? pool[Math.floor(random() * pool.length)] : (random() - 0.5) * 100;
  }
  if (shape === 'ascending' || shape === 'descending') {
    // Sorted except for the zeros' signs, which keep their generated order (worst cases for the pivot).
    const zeros = values.filter((value) => value === 0);
    const others = values.filter((value) => value !== 0).sort();
    if (shape === 'descending') others.reverse();
    let z = 0;
    let o = 0;
    for (let index = 0; index < size; index++) {
      const takeZero = z < zeros.length && (o >= others.length || (shape === 'ascending' ? others[o] > 0 : others[o] < 0));
      values[index] = takeZero ? zeros[z++] : others[o++];
    }
  }
  if (shape === 'zeros') for (let index = 0; index < size; index++) values[index] = random() < 0.5 ? 0 : -0;
  return values;
}
export const cases = [];
let seed = 1;
for (const size of [2, 3, 5, 16, 17, 18, 31, 33, 64, 100, 257, 1000, 2048, 5000])
  for (const shape of ['random', 'ascending', 'descending', 'zeros']) cases.push({ seed: seed++, size, shape });
if (process.argv[2] === 'stdin') {
  for (const c of cases) {
    const v = caseInput(c.seed, c.size, c.shape);
    process.stdout.write(`${c.size} ${Array.from(v, (x) => (Object.is(x, -0) ? '-0' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : String(x))).join(' ')}\n`);
  }
}
