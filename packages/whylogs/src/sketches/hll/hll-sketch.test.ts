import { describe, expect, it } from 'vitest';
import { fnv1a64, toHex } from '../../test-support/bytes';
import { readFixture } from '../../test-support/read-fixture';
import { HllSketch } from './hll-sketch';
import { HllUnion } from './hll-union';

function sortedWords(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getUint32(index * 4, true)).sort();
}

function integers(n: number, lgK = 12): HllSketch {
  const sketch = HllSketch.create({ lgK });
  for (let value = 0; value < n; value++) sketch.updateInteger(value);
  return sketch;
}

describe('HllSketch check values (spec §4.2, lgK 12, HLL_4, int64 0..n-1, compact)', () => {
  const table: Array<{ n: number; size: number; est: number; upper: number; lower: number; hex?: string }> = [
    { n: 0, size: 8, est: 0, upper: 0, lower: 0, hex: '0201070c030c0000' },
    { n: 1, size: 12, est: 1, upper: 1.000049929250618, lower: 1, hex: '0201070c03080100cbd7c204' },
    {
      n: 2,
      size: 16,
      est: 2.0000000049670539,
      upper: 2.0000998634685381,
      lower: 2,
      hex: '0201070c03080200cbd7c2042bf2fb06',
    },
    { n: 3, size: 20, est: 3.0000000149011612, upper: 3.0001498026537594, lower: 3 },
    { n: 7, size: 36, est: 7.0000001043081292, upper: 7.0003496090676638, lower: 7 },
    {
      n: 8,
      size: 44,
      est: 8.0000001390775086,
      upper: 8.000399573089398,
      lower: 8,
      hex: '0301070c050800010800000081bc5d06862ff90dcbd7c204c1e9170575816607fc2d420a7b65e6082bf2fb06',
    },
    { n: 100, size: 412, est: 100.00002458692298, upper: 100.00501751321239, lower: 100 },
    { n: 384, size: 1548, est: 384.00036525766188, upper: 384.01953810813626, lower: 384 },
    { n: 385, size: 2088, est: 385.00036716501364, upper: 390.0398110165649, lower: 380.08351070934935 },
    { n: 1000, size: 2088, est: 996.18130128098358, upper: 1009.2207686735409, lower: 983.45902649905815 },
    { n: 100000, size: 2092, est: 101148.48322141083, upper: 102472.46144412614, lower: 99856.711537217372 },
  ];

  for (const row of table) {
    it(`n = ${row.n}: ${row.size} bytes, estimate ${row.est}, bounds [${row.lower}, ${row.upper}]`, () => {
      const sketch = integers(row.n);
      const bytes = sketch.serializeCompact();
      expect(bytes.length).toBe(row.size);
      expect(sketch.estimate).toBe(row.est);
      expect(sketch.upperBound(1)).toBe(row.upper);
      expect(sketch.lowerBound(1)).toBe(row.lower);
      if (row.hex) expect(toHex(bytes)).toBe(row.hex);
      const copy = HllSketch.deserialize(bytes);
      expect(copy.estimate).toBe(row.est);
      if (copy.mode === 'SET') {
        // The compact SET reader re-inserts coupons, so the table order can change (Python's does too).
        expect(sortedWords(copy.serializeCompact())).toEqual(sortedWords(bytes));
      } else {
        expect(toHex(copy.serializeCompact())).toBe(toHex(bytes));
      }
    });
  }

  it('puts the values 4,2,3,5 in LIST mode as 0201070c0308040081bc5d06862ff90d758166077b65e608', () => {
    const sketch = HllSketch.create();
    for (const value of [4, 2, 3, 5]) sketch.updateInteger(value);
    expect(toHex(sketch.serializeCompact())).toBe('0201070c0308040081bc5d06862ff90d758166077b65e608');
    expect(sketch.estimate).toBe(4.0000000298023233);
    expect(sketch.upperBound(1)).toBe(4.0001997468062838);
    expect(sketch.lowerBound(1)).toBe(4);
    expect(sketch.mode).toBe('LIST');
  });

  it('promotes to HLL at the 385th coupon with header 0a01070c00080002', () => {
    const sketch = integers(385);
    expect(sketch.mode).toBe('HLL');
    expect(toHex(sketch.serializeCompact().slice(0, 8))).toBe('0a01070c00080002');
    expect(integers(384).mode).toBe('SET');
    expect(toHex(integers(100).serializeCompact().slice(4, 5))).toBe('08');
    expect(toHex(integers(384).serializeCompact().slice(4, 5))).toBe('09');
  });

  it('matches the n = 1000 image: first 40 bytes, FNV-1a digest and the 2216-byte updatable form', () => {
    const sketch = integers(1000);
    const bytes = sketch.serializeCompact();
    expect(toHex(bytes.slice(0, 40))).toBe(
      '0a01070c000800026104164e73218f4000000080965eab400000000000000000920c000000000000',
    );
    // The spec quotes FNV-1a 711f1f073dccedca; whylogs-sketching 3.4.1.dev3 (Python, Linux wheel) writes bytes
    // whose FNV-1a-64 is 43f2ce44ab378204, as do we. The package wins over the spec.
    expect(fnv1a64(bytes)).toBe('43f2ce44ab378204');
    const updatable = sketch.serializeUpdatable();
    expect(updatable.length).toBe(2216);
    expect(HllSketch.deserialize(updatable).estimate).toBe(sketch.estimate);
    expect(toHex(HllSketch.deserialize(updatable).serializeCompact())).toBe(toHex(bytes));
  });

  it('shifts curMin at n = 100000: curMin 2, one aux entry, lgAux 5, last bytes dd080048', () => {
    const bytes = integers(100000).serializeCompact();
    expect(toHex(bytes.slice(0, 8))).toBe('0a01070c05080202');
    expect(toHex(bytes.slice(-4))).toBe('dd080048');
    expect(new DataView(bytes.buffer).getUint32(36, true)).toBe(1);
    const copy = HllSketch.deserialize(bytes);
    expect(toHex(copy.serializeCompact())).toBe(toHex(bytes));
    expect(toHex(HllSketch.deserialize(copy.serializeUpdatable()).serializeCompact())).toBe(toHex(bytes));
  });

  it('estimates strings "0".."999" as 1001.6676182270559 and doubles i+0.5 as 988.89237037689566', () => {
    const strings = HllSketch.create();
    const doubles = HllSketch.create();
    for (let value = 0; value < 1000; value++) {
      strings.updateString(String(value));
      doubles.updateDouble(value + 0.5);
    }
    expect(strings.estimate).toBe(1001.6676182270559);
    expect(doubles.estimate).toBe(988.89237037689566);
  });

  it('writes the float and string columns of the worked example byte for byte', () => {
    const floats = HllSketch.create();
    for (const value of [1.0, 2.2, 0.1, 1.2]) floats.updateDouble(value);
    expect(toHex(floats.serializeCompact())).toBe('0201070c030804000ba59d0f1168d50430241d07fc50e30d');
    const strings = HllSketch.create();
    for (const value of ['some', 'text', 'column', 'example']) strings.updateString(value);
    expect(toHex(strings.serializeCompact())).toBe('0201070c0308040036a8a10b2f3e970cfa0c8e154fefb505');
  });

  it('dispatches update(): strings, safe integers and bigints as int64, other numbers as doubles', () => {
    const sketch = HllSketch.create();
    sketch.update(1);
    sketch.update(1n);
    sketch.update('x');
    sketch.update('');
    sketch.update(2.5);
    expect(sketch.estimate).toBe(3.0000000149011612);
    expect(HllSketch.create().estimate).toBe(0);
  });

  it('rejects bad options and standard deviations with typed errors', () => {
    expect(() => HllSketch.create({ lgK: 3 })).toThrow(/options\.lgK/);
    expect(() => HllSketch.create({ targetType: 'HLL_5' as never })).toThrow(/options\.targetType/);
    expect(() => HllSketch.create().lowerBound(4)).toThrow(/numStdDev/);
  });
});

describe('HllSketch union (whylogs merge)', () => {
  it('unions HLL-mode sketches of [0,1000) and [500,1500): flags 0x18 and estimate 1488.2423112054748', () => {
    const left = HllSketch.create();
    const right = HllSketch.create();
    for (let value = 0; value < 1000; value++) left.updateInteger(value);
    for (let value = 500; value < 1500; value++) right.updateInteger(value);
    const merged = HllSketch.union(left, right);
    expect(merged.targetType).toBe('HLL_4');
    expect(merged.isOutOfOrder).toBe(true);
    const bytes = merged.serializeCompact();
    expect(bytes[5]).toBe(0x18);
    expect(merged.estimate).toBe(1488.2423112054748);
    expect(HllSketch.deserialize(bytes).estimate).toBe(1488.2423112054748);
    left.merge(right);
    expect(left.estimate).toBe(1488.2423112054748);
  });

  it('unions LIST and SET sketches exactly (coupon union)', () => {
    const left = integers(5);
    const right = HllSketch.create();
    for (let value = 3; value < 10; value++) right.updateInteger(value);
    expect(HllSketch.union(left, right).estimate).toBe(integers(10).estimate);
    const union = HllUnion.create({ lgMaxK: 12 });
    union.update(left);
    union.update(HllSketch.create());
    expect(union.getResult().estimate).toBe(left.estimate);
    expect(union.isEmpty).toBe(false);
  });

  it('unions an HLL-mode sketch into a sparse gadget and downsamples a larger lgK', () => {
    const small = integers(3);
    const big = integers(5000, 14);
    const merged = HllSketch.union(small, big);
    expect(merged.lgK).toBe(14);
    expect(Math.abs(merged.estimate - 5000) / 5000).toBeLessThan(0.05);
    const union = HllUnion.create({ lgMaxK: 10 });
    union.update(big);
    union.update(integers(3000, 12));
    const result = union.getResult('HLL_8');
    expect(result.lgK).toBe(10);
    expect(result.targetType).toBe('HLL_8');
    expect(Math.abs(result.estimate - 5000) / 5000).toBeLessThan(0.1);
  });

  it('converts between HLL_4, HLL_6 and HLL_8 without changing the estimate', () => {
    const sketch = integers(20000);
    for (const type of ['HLL_6', 'HLL_8', 'HLL_4'] as const) {
      const converted = sketch.copyAs(type);
      expect(converted.targetType).toBe(type);
      expect(converted.estimate).toBe(sketch.estimate);
      expect(HllSketch.deserialize(converted.serializeCompact()).compositeEstimate).toBe(
        sketch.compositeEstimate,
      );
    }
  });
});

describe('HllSketch golden files from DataSketches Java (spec §8.1)', () => {
  it('reads the LIST file: lgK 8, 7 coupons, estimate 7, LB 7, UB ≈ 7.000350', () => {
    const sketch = HllSketch.deserialize(readFixture('whylogs-sketching/hll/list_from_java.sk'));
    expect(sketch.lgK).toBe(8);
    expect(sketch.mode).toBe('LIST');
    expect(sketch.estimate).toBeCloseTo(7, 6);
    expect(sketch.lowerBound(1)).toBe(7);
    expect(sketch.upperBound(1)).toBeCloseTo(7.00035, 5);
  });

  for (const file of ['compact_set_from_java.sk', 'updatable_set_from_java.sk']) {
    it(`reads ${file}: SET with 24 coupons, estimate 24, UB ≈ 24.001200`, () => {
      const bytes = readFixture(`whylogs-sketching/hll/${file}`);
      const sketch = HllSketch.deserialize(bytes);
      expect(sketch.mode).toBe('SET');
      expect(sketch.estimate).toBeCloseTo(24, 5);
      expect(sketch.lowerBound(1)).toBe(24);
      expect(sketch.upperBound(1)).toBeCloseTo(24.0012, 5);
      if (file.startsWith('updatable')) expect(toHex(sketch.serializeUpdatable())).toBe(toHex(bytes));
    });
  }

  for (const file of [
    'compact_array4_from_java.sk',
    'updatable_array4_from_java.sk',
    'array6_from_java.sk',
  ]) {
    it(`reads ${file}: estimate ≈ 10089.150211, bounds ≈ [9589.968564, 10642.370492]`, () => {
      const bytes = readFixture(`whylogs-sketching/hll/${file}`);
      const sketch = HllSketch.deserialize(bytes);
      expect(sketch.mode).toBe('HLL');
      expect(sketch.lgK).toBe(8);
      expect(Math.abs(sketch.estimate - 10089.150211)).toBeLessThan(1e-5);
      expect(Math.abs(sketch.lowerBound(1) - 9589.968564)).toBeLessThan(1e-5);
      expect(Math.abs(sketch.upperBound(1) - 10642.370492)).toBeLessThan(1e-5);
      const again = file.startsWith('compact') ? sketch.serializeCompact() : sketch.serializeUpdatable();
      expect(toHex(again)).toBe(toHex(bytes));
    });
  }
});

describe('HllSketch corrupt input', () => {
  it('throws typed errors naming the field instead of reading garbage', () => {
    const list = integers(4).serializeCompact();
    const hll = integers(1000).serializeCompact();
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(3), /hll\.preamble/],
      [Uint8Array.of(list[0]!, list[1]!, 9, ...list.slice(3)), /hll\.family/],
      [Uint8Array.of(list[0]!, 2, ...list.slice(2)), /hll\.serialVersion/],
      [Uint8Array.of(...list.slice(0, 3), 30, ...list.slice(4)), /hll\.lgK/],
      [list.slice(0, list.length - 2), /hll\.coupons/],
      [Uint8Array.of(...list.slice(0, 6), 9, ...list.slice(7)), /hll\.count/],
      [Uint8Array.of(7, ...list.slice(1)), /hll\.preambleInts/],
      [hll.slice(0, 100), /hll\.registers/],
      [Uint8Array.of(...hll.slice(0, 36), 200, 0, 0, 0, ...hll.slice(40)), /hll\.auxPairs/],
      [Uint8Array.of(...hll.slice(0, 7), 0x03, ...hll.slice(8)), /hll\.mode/],
    ];
    for (const [bytes, pattern] of cases) expect(() => HllSketch.deserialize(bytes)).toThrow(pattern);
  });
});
