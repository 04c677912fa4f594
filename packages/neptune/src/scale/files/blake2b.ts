/**
 * BLAKE2b (RFC 7693) with any digest length from 1 to 64 bytes, unkeyed. neptune-scale names
 * uploaded files with `blake2b(digest_size=8)`, and Node's crypto offers only the 64-byte
 * `blake2b512`; the digest length is a parameter of the hash itself (it is mixed into the initial
 * state), so truncating the 64-byte digest gives different bytes.
 */

const mask = (1n << 64n) - 1n;

/** The initialization vector: the SHA-512 IV (RFC 7693 §2.6). */
const iv: readonly bigint[] = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];

/** The message word schedule per round (RFC 7693 §2.7); rounds 10 and 11 repeat rows 0 and 1. */
const sigma: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

const rotateRight = (word: bigint, bits: bigint): bigint => ((word >> bits) | (word << (64n - bits))) & mask;

/** The compression function F (RFC 7693 §3.2) over one 128-byte block. */
function compress(state: bigint[], block: Uint8Array, bytesSoFar: bigint, last: boolean): void {
  const view = new DataView(block.buffer, block.byteOffset, 128);
  const message = Array.from({ length: 16 }, (_, index) => view.getBigUint64(index * 8, true));
  const work = [...state, ...iv];
  work[12] = (work[12] as bigint) ^ (bytesSoFar & mask);
  work[13] = (work[13] as bigint) ^ (bytesSoFar >> 64n);
  if (last) work[14] = (work[14] as bigint) ^ mask;
  const mix = (a: number, b: number, c: number, d: number, x: bigint, y: bigint) => {
    let va = work[a] as bigint;
    let vb = work[b] as bigint;
    let vc = work[c] as bigint;
    let vd = work[d] as bigint;
    va = (va + vb + x) & mask;
    vd = rotateRight(vd ^ va, 32n);
    vc = (vc + vd) & mask;
    vb = rotateRight(vb ^ vc, 24n);
    va = (va + vb + y) & mask;
    vd = rotateRight(vd ^ va, 16n);
    vc = (vc + vd) & mask;
    vb = rotateRight(vb ^ vc, 63n);
    work[a] = va;
    work[b] = vb;
    work[c] = vc;
    work[d] = vd;
  };
  for (let round = 0; round < 12; round++) {
    const schedule = sigma[round % 10] as readonly number[];
    const word = (index: number) => message[schedule[index] as number] as bigint;
    mix(0, 4, 8, 12, word(0), word(1));
    mix(1, 5, 9, 13, word(2), word(3));
    mix(2, 6, 10, 14, word(4), word(5));
    mix(3, 7, 11, 15, word(6), word(7));
    mix(0, 5, 10, 15, word(8), word(9));
    mix(1, 6, 11, 12, word(10), word(11));
    mix(2, 7, 8, 13, word(12), word(13));
    mix(3, 4, 9, 14, word(14), word(15));
  }
  for (let index = 0; index < 8; index++) {
    state[index] = (state[index] as bigint) ^ (work[index] as bigint) ^ (work[index + 8] as bigint);
  }
}

/** Unkeyed BLAKE2b of `data` with a `digestLength`-byte digest (1–64), as Python's `hashlib.blake2b(data, digest_size=n)`. */
export function blake2b(data: Uint8Array, digestLength: number): Uint8Array {
  if (!Number.isInteger(digestLength) || digestLength < 1 || digestLength > 64) {
    throw new RangeError(`digestLength must be an integer from 1 to 64, got ${digestLength}`);
  }
  const state = [...iv];
  // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
  state[0] = (state[0] as bigint) ^ BigInt(0x01010000 | digestLength);
  const block = new Uint8Array(128);
  let offset = 0;
  // The last block (possibly empty for empty input) is compressed with the final flag.
  while (data.length - offset > 128) {
    block.set(data.subarray(offset, offset + 128));
    offset += 128;
    compress(state, block, BigInt(offset), false);
  }
  block.fill(0);
  block.set(data.subarray(offset));
  compress(state, block, BigInt(data.length), true);
  const output = new Uint8Array(64);
  const view = new DataView(output.buffer);
  for (const [index, word] of state.entries()) view.setBigUint64(index * 8, word, true);
  return output.slice(0, digestLength);
}
