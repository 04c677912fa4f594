import { describe, expect, it } from 'vitest';
import { pythonPathJoin, pythonReadText, pythonStrip } from './python-text';

describe('Python text semantics for secrets', () => {
  it('strips what str.strip() strips: \\x1c–\\x1f and U+0085 yes, the BOM no', () => {
    expect(pythonStrip('\x1c\u0085 a \u3000\x1f')).toBe('a');
    expect(pythonStrip('\ufeffa\n')).toBe('\ufeffa');
    expect(pythonStrip('\u200ba')).toBe('\u200ba');
  });

  it('reads with universal newlines and keeps a BOM', () => {
    expect(pythonReadText(new TextEncoder().encode('\ufeffa\r\nb\rc\n'))).toBe('\ufeffa\nb\nc\n');
  });

  it("fails on invalid UTF-8 with CPython's message", () => {
    expect(() => pythonReadText(new Uint8Array([0x61, 0xe2, 0x82]))).toThrow(
      "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data",
    );
    expect(() => pythonReadText(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(
      "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
    );
  });

  it('joins paths as os.path.join: absolute parts reset, nothing normalised', () => {
    expect(pythonPathJoin('/etc/secrets', '..', 'k')).toBe('/etc/secrets/../k');
    expect(pythonPathJoin('/etc/secrets', 'g', '/abs/k')).toBe('/abs/k');
    expect(pythonPathJoin('/etc/secrets/', 'g')).toBe('/etc/secrets/g');
  });
});
