// The hashes of whole slices of a column at once, in a small WebAssembly kernel: HLL coupons (MurmurHash3 of
// 8-byte words) and frequent-items slot hashes of integers (libstdc++'s hash of the decimal text, then fmix64).
// In JavaScript every 64-bit product of those hashes is built from 32-bit limbs (and the high half of each
// 32×32 product from 16-bit pieces); WebAssembly has a native i64.mul, so the same hashes take a fraction of
// the instructions. The kernel is assembled here from its opcodes (no build step, no binary file) and
// instantiated on first use; where WebAssembly is missing, callers get `undefined` and keep the JavaScript
// path. Both paths compute the same functions: tests compare them on random and edge-case values.

/** Values per kernel call. */
export const HASH_KERNEL_SLICE = 8192;
// Memory layout: input doubles, coupons, slot hashes, then a small scratch for an integer's decimal text.
const COUPONS_OFFSET = HASH_KERNEL_SLICE * 8;
const SLOT_HASHES_OFFSET = COUPONS_OFFSET + HASH_KERNEL_SLICE * 4;
const TEXT_OFFSET = SLOT_HASHES_OFFSET + HASH_KERNEL_SLICE * 4;
/** One past the text's last byte; a safe integer has at most 17 characters, and 8 bytes after it stay readable. */
const TEXT_END = TEXT_OFFSET + 24;
const PAGES = 3;

// Opcodes used below (WebAssembly core spec, binary format).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const SELECT = 0x1b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I64_LOAD = 0x29;
const F64_LOAD = 0x2b;
const I32_STORE = 0x36;
const I32_STORE8 = 0x3a;
const I64_STORE8 = 0x3c;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const F64_CONST = 0x44;
const I32_GT_U = 0x4b;
const I32_GE_U = 0x4f;
const I64_NE = 0x52;
const I64_LT_S = 0x53;
const I64_GT_U = 0x56;
const F64_EQ = 0x61;
const F64_NE = 0x62;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
const I64_CLZ = 0x79;
const I64_ADD = 0x7c;
const I64_SUB = 0x7d;
const I64_MUL = 0x7e;
const I64_DIV_U = 0x80;
const I64_REM_U = 0x82;
const I64_AND = 0x83;
const I64_OR = 0x84;
const I64_XOR = 0x85;
const I64_SHL = 0x86;
const I64_SHR_U = 0x88;
const I64_ROTL = 0x89;
const I32_WRAP_I64 = 0xa7;
const I64_EXTEND_I32_U = 0xad;
const I64_REINTERPRET_F64 = 0xbd;
/** i64.trunc_sat_f64_s: no trap on NaN or out-of-range values (callers ignore those inputs' results). */
const I64_TRUNC_SAT_F64_S = [0xfc, 0x06];
const VOID_BLOCK = 0x40;

// Locals: the parameter (count); the loop index and a text position; the word, two hash lanes and an
// integer's remaining digits; the input double.
const COUNT = 0;
const INDEX = 1;
const POSITION = 2;
const WORD = 3;
const H1 = 4;
const H2 = 5;
const REST = 6;
const INPUT = 7;

/** Signed LEB128, the encoding of i32.const / i64.const immediates. */
function signedLeb128(value: bigint): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const i64 = (value: bigint): number[] => [I64_CONST, ...signedLeb128(BigInt.asIntN(64, value))];
const i32 = (value: number): number[] => [I32_CONST, ...signedLeb128(BigInt(value))];

/** MurmurHash3's fmix64 on local `lane`. */
function finalizeMix(lane: number): number[] {
  const shiftXor = [LOCAL_GET, lane, LOCAL_GET, lane, ...i64(33n), I64_SHR_U, I64_XOR, LOCAL_SET, lane];
  const multiply = (constant: bigint) => [LOCAL_GET, lane, ...i64(constant), I64_MUL, LOCAL_SET, lane];
  return [
    ...shiftXor,
    ...multiply(0xff51afd7ed558ccdn),
    ...shiftXor,
    ...multiply(0xc4ceb9fe1a85ec53n),
    ...shiftXor,
  ];
}

/**
 * Stores the coupon of local WORD at output slot INDEX: MurmurHash3_x64_128 of the word's 8 little-endian
 * bytes with seed 9001, as `couponOfWord` (see murmur-hash3-word.ts for the same steps in 32-bit limbs).
 */
function storeCouponOfWord(): number[] {
  const seedXorLength = 9001n ^ 8n;
  const addLanes = [
    ...[LOCAL_GET, H1, LOCAL_GET, H2, I64_ADD, LOCAL_SET, H1],
    ...[LOCAL_GET, H2, LOCAL_GET, H1, I64_ADD, LOCAL_SET, H2],
  ];
  return [
    // The store's address first (output slot INDEX), then the value.
    ...[LOCAL_GET, INDEX, ...i32(2), I32_SHL],
    // k1 = rotl(word * C1, 31) * C2; h1 = seed ^ k1 ^ length; h2 = seed ^ length
    ...[LOCAL_GET, WORD, ...i64(0x87c37b91114253d5n), I64_MUL, ...i64(31n), I64_ROTL],
    ...[...i64(0x4cf5ad432745937fn), I64_MUL, ...i64(seedXorLength), I64_XOR, LOCAL_SET, H1],
    ...[...i64(seedXorLength), LOCAL_SET, H2],
    ...addLanes,
    ...finalizeMix(H1),
    ...finalizeMix(H2),
    ...addLanes,
    // value = min(clz(h2), 62) + 1, address = low 26 bits of h1; coupon = value << 26 | address
    ...[LOCAL_GET, H2, I64_CLZ, LOCAL_SET, H2],
    ...[...i64(62n), LOCAL_GET, H2, LOCAL_GET, H2, ...i64(62n), I64_GT_U, SELECT],
    ...[...i64(1n), I64_ADD, ...i64(26n), I64_SHL],
    ...[LOCAL_GET, H1, ...i64(0x3ffffffn), I64_AND, I64_OR, I32_WRAP_I64],
    ...[I32_STORE, 2, ...unsignedLeb128(COUPONS_OFFSET)],
  ];
}

const LIBSTDCXX_MULTIPLIER = 0xc6a4a7935bd1e995n;
const LIBSTDCXX_SEED = 0xc70f6907n;

/** `lane = (lane ^ (lane >>> 47))`, libstdc++'s shift_mix, optionally followed by `lane *= multiplier`. */
function shiftMix(lane: number, multiply: boolean): number[] {
  return [
    ...[LOCAL_GET, lane, LOCAL_GET, lane, ...i64(47n), I64_SHR_U, I64_XOR],
    ...(multiply ? [...i64(LIBSTDCXX_MULTIPLIER), I64_MUL] : []),
    ...[LOCAL_SET, lane],
  ];
}

/**
 * Stores at slot-hash slot INDEX the frequent-items slot hash of WORD's decimal text (`slotHashOfSafeInteger`):
 * fmix64 of libstdc++'s `_Hash_bytes(text, seed 0xc70f6907)`, low 32 bits.
 */
function storeSlotHashOfInteger(): number[] {
  const textLength = [...i32(TEXT_END), LOCAL_GET, POSITION, I32_SUB];
  return [
    // REST = |WORD|
    ...[LOCAL_GET, WORD, ...i64(0n), I64_LT_S, IF, VOID_BLOCK],
    ...[...i64(0n), LOCAL_GET, WORD, I64_SUB, LOCAL_SET, REST, ELSE],
    ...[LOCAL_GET, WORD, LOCAL_SET, REST, END],
    // Digits right to left, ending at TEXT_END, then the sign.
    ...[...i32(TEXT_END), LOCAL_SET, POSITION, LOOP, VOID_BLOCK],
    ...[LOCAL_GET, POSITION, ...i32(1), I32_SUB, LOCAL_TEE, POSITION],
    ...[LOCAL_GET, REST, ...i64(10n), I64_REM_U, ...i64(0x30n), I64_ADD, I64_STORE8, 0, 0],
    ...[LOCAL_GET, REST, ...i64(10n), I64_DIV_U, LOCAL_TEE, REST, ...i64(0n), I64_NE, BR_IF, 0, END],
    ...[LOCAL_GET, WORD, ...i64(0n), I64_LT_S, IF, VOID_BLOCK],
    ...[LOCAL_GET, POSITION, ...i32(1), I32_SUB, LOCAL_TEE, POSITION, ...i32(0x2d), I32_STORE8, 0, 0, END],
    // H1 = seed ^ (length * multiplier)
    ...[...textLength, I64_EXTEND_I32_U, ...i64(LIBSTDCXX_MULTIPLIER), I64_MUL],
    ...[...i64(LIBSTDCXX_SEED), I64_XOR, LOCAL_SET, H1],
    // Whole 8-byte words: H1 = (H1 ^ shift_mix(word * multiplier) * multiplier) * multiplier
    ...[BLOCK, VOID_BLOCK, LOOP, VOID_BLOCK],
    ...[LOCAL_GET, POSITION, ...i32(8), I32_ADD, ...i32(TEXT_END), I32_GT_U, BR_IF, 1],
    ...[LOCAL_GET, POSITION, I64_LOAD, 0, 0, ...i64(LIBSTDCXX_MULTIPLIER), I64_MUL, LOCAL_SET, H2],
    ...shiftMix(H2, true),
    ...[LOCAL_GET, H1, LOCAL_GET, H2, I64_XOR, ...i64(LIBSTDCXX_MULTIPLIER), I64_MUL, LOCAL_SET, H1],
    ...[LOCAL_GET, POSITION, ...i32(8), I32_ADD, LOCAL_SET, POSITION, BR, 0, END, END],
    // The 1…7 bytes left, little-endian: H1 = (H1 ^ tail) * multiplier
    ...[...textLength, IF, VOID_BLOCK],
    ...[LOCAL_GET, POSITION, I64_LOAD, 0, 0],
    ...[
      ...i64(1n),
      ...textLength,
      I64_EXTEND_I32_U,
      ...i64(3n),
      I64_SHL,
      I64_SHL,
      ...i64(1n),
      I64_SUB,
      I64_AND,
    ],
    ...[LOCAL_GET, H1, I64_XOR, ...i64(LIBSTDCXX_MULTIPLIER), I64_MUL, LOCAL_SET, H1, END],
    ...shiftMix(H1, true),
    ...shiftMix(H1, false),
    ...finalizeMix(H1),
    ...[LOCAL_GET, INDEX, ...i32(2), I32_SHL, LOCAL_GET, H1, I32_WRAP_I64],
    ...[I32_STORE, 2, ...unsignedLeb128(SLOT_HASHES_OFFSET)],
  ];
}

/** A function (count: i32) → () looping over the first `count` input doubles, `toWord` turning each into WORD. */
function hashLoop(toWord: number[], ...stores: number[][]): number[] {
  const body = [
    // locals: 2 × i32 (INDEX, POSITION), 4 × i64 (WORD, H1, H2, REST), 1 × f64 (INPUT)
    ...[3, 2, 0x7f, 4, 0x7e, 1, 0x7c],
    ...[BLOCK, VOID_BLOCK, LOOP, VOID_BLOCK],
    ...[LOCAL_GET, INDEX, LOCAL_GET, COUNT, I32_GE_U, BR_IF, 1],
    ...[LOCAL_GET, INDEX, ...i32(3), I32_SHL, F64_LOAD, 3, 0, LOCAL_SET, INPUT],
    ...toWord,
    ...stores.flat(),
    ...[LOCAL_GET, INDEX, ...i32(1), I32_ADD, LOCAL_SET, INDEX, BR, 0],
    ...[END, END, END],
  ];
  return [...unsignedLeb128(body.length), ...body];
}

/** A double's bits as DataSketches hashes them: −0 as +0, every NaN as 0x7ff8000000000000. */
const DOUBLE_WORD = [
  ...[LOCAL_GET, INPUT, I64_REINTERPRET_F64, LOCAL_SET, WORD],
  ...[LOCAL_GET, INPUT, F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, F64_EQ, IF, VOID_BLOCK],
  ...[...i64(0n), LOCAL_SET, WORD, END],
  ...[LOCAL_GET, INPUT, LOCAL_GET, INPUT, F64_NE, IF, VOID_BLOCK],
  ...[...i64(0x7ff8000000000000n), LOCAL_SET, WORD, END],
];

/** A safe integer held in a double, as its int64 (exact below 2^53). */
const INTEGER_WORD = [LOCAL_GET, INPUT, ...I64_TRUNC_SAT_F64_S, LOCAL_SET, WORD];

function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return bytes;
}

const section = (id: number, content: number[]): number[] => [
  id,
  ...unsignedLeb128(content.length),
  ...content,
];
const name = (text: string): number[] => [text.length, ...Array.from(text, (char) => char.charCodeAt(0))];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // one type: (i32) -> ()
    ...section(1, [1, 0x60, 1, 0x7f, 0]),
    // three functions of that type
    ...section(3, [3, 0, 0, 0]),
    // one memory of PAGES pages, fixed
    ...section(5, [1, 1, PAGES, PAGES]),
    ...section(7, [
      4,
      ...[...name('memory'), 2, 0],
      ...[...name('doubles'), 0, 0],
      ...[...name('integers'), 0, 1],
      ...[...name('integerItems'), 0, 2],
    ]),
    ...section(10, [
      3,
      ...hashLoop(DOUBLE_WORD, storeCouponOfWord()),
      ...hashLoop(INTEGER_WORD, storeCouponOfWord()),
      ...hashLoop(INTEGER_WORD, storeCouponOfWord(), storeSlotHashOfInteger()),
    ]),
  ]);
}

/** The kernel's entry points and its input / output windows (views on its memory). */
export interface HashKernel {
  /** `HASH_KERNEL_SLICE` doubles; fill the first `count`, then call an entry point with `count`. */
  readonly input: Float64Array;
  /** The HLL coupons of the last call. */
  readonly coupons: Uint32Array;
  /** The frequent-items slot hashes of the last `integerItems` call. */
  readonly slotHashes: Uint32Array;
  /** Coupons of the inputs hashed as doubles (`couponOfDouble`). */
  readonly doubles: (count: number) => void;
  /** Coupons of the inputs, safe integers, hashed as int64 (`couponOfSafeInteger`); others give junk. */
  readonly integers: (count: number) => void;
  /** `integers`, plus the inputs' slot hashes (`slotHashOfSafeInteger`); other inputs give junk. */
  readonly integerItems: (count: number) => void;
}

let kernel: HashKernel | null | undefined;

/** The kernel, built on first use; `undefined` where WebAssembly is unavailable. */
export function wasmHashKernel(): HashKernel | undefined {
  if (kernel === undefined) kernel = buildKernel();
  return kernel ?? undefined;
}

function buildKernel(): HashKernel | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
    const buffer = (exports.memory as WebAssembly.Memory).buffer;
    return {
      input: new Float64Array(buffer, 0, HASH_KERNEL_SLICE),
      coupons: new Uint32Array(buffer, COUPONS_OFFSET, HASH_KERNEL_SLICE),
      slotHashes: new Uint32Array(buffer, SLOT_HASHES_OFFSET, HASH_KERNEL_SLICE),
      doubles: exports.doubles as (count: number) => void,
      integers: exports.integers as (count: number) => void,
      integerItems: exports.integerItems as (count: number) => void,
    };
  } catch {
    // A runtime that forbids compiling WebAssembly (a content security policy): the JavaScript path.
    return null;
  }
}
