import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import pythonNames from '../../__fixtures__/python-neptune-scale/file-names.json';
import { blake2b } from './blake2b';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('blake2b (RFC 7693)', () => {
  it('gives the RFC 7693 Appendix A digest of "abc"', () => {
    expect(hex(blake2b(Buffer.from('abc'), 64))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
        '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });

  it("matches Node's blake2b512 at 64 bytes for inputs around every block boundary", () => {
    for (let length = 0; length <= 400; length += length < 260 ? 1 : 17) {
      const data = Buffer.from(Array.from({ length }, (_, index) => (index * 31 + length) % 256));
      expect(hex(blake2b(data, 64)), `length ${length}`).toBe(
        createHash('blake2b512').update(data).digest('hex'),
      );
    }
  });

  it("matches Python's hashlib.blake2b(digest_size=8) (recorded)", () => {
    for (const [input, digest] of pythonNames.digests) {
      expect(hex(blake2b(Buffer.from(input as string, 'hex'), 8))).toBe(digest);
    }
  });

  it('mixes the digest length into the state: 8 bytes is not a truncated 64-byte digest', () => {
    expect(hex(blake2b(Buffer.from('abc'), 8))).not.toBe(hex(blake2b(Buffer.from('abc'), 64)).slice(0, 16));
  });

  it('refuses digest lengths outside 1 to 64', () => {
    expect(() => blake2b(Buffer.from(''), 0)).toThrow(RangeError);
    expect(() => blake2b(Buffer.from(''), 65)).toThrow(RangeError);
  });
});
