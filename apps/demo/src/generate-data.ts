/** One observation of the demo's synthetic housing data. */
export type HouseRecord = {
  area: number;
  rooms: number;
  age: number;
  neighbourhood: string;
  price: number;
};

/** A small deterministic generator (mulberry32), so every run of the demo sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const neighbourhoods = ['riverside', 'old town', 'harbour', 'hills'];

/** Houses whose price is a known linear function of area, rooms and age, plus noise. */
export function generateHouses(count: number, seed: number, drift = 0): HouseRecord[] {
  const random = seededRandom(seed);
  const houses: HouseRecord[] = [];
  for (let index = 0; index < count; index++) {
    const area = 40 + random() * 160 + drift * 30;
    const rooms = 1 + Math.floor(random() * 5);
    const age = Math.floor(random() * 80);
    const neighbourhood =
      neighbourhoods[Math.floor(random() * (neighbourhoods.length - (drift > 0 ? 1 : 0)))]!;
    const noise = (random() - 0.5) * 20_000;
    houses.push({
      area,
      rooms,
      age,
      neighbourhood,
      price: 50_000 + 2_000 * area + 10_000 * rooms - 800 * age + noise,
    });
  }
  return houses;
}
