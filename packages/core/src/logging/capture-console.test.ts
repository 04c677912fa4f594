import { afterEach, describe, expect, it } from 'vitest';
import { captureConsole } from './capture-console';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('captureConsole', () => {
  it('emits complete lines per stream, keeps carriage returns and flushes the last partial line on restore', () => {
    const lines: [string, string][] = [];
    const originalWrite = process.stdout.write;
    restore = captureConsole((line, stream) => lines.push([line, stream]));
    process.stdout.write('');
    process.stdout.write('one\ntw');
    process.stdout.write(Buffer.from('o\n10%\r50%\r100%\n'));
    process.stderr.write('problem\n');
    process.stdout.write('unterminated');
    expect(lines).toEqual([
      ['one', 'stdout'],
      ['two', 'stdout'],
      ['10%\r50%\r100%', 'stdout'],
      ['problem', 'stderr'],
    ]);
    restore();
    restore = undefined;
    expect(lines.at(-1)).toEqual(['unterminated', 'stdout']);
    expect(process.stdout.write).toBe(originalWrite);
  });

  it('still writes the output when the callback throws', () => {
    const written: string[] = [];
    const originalWrite = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      restore = captureConsole(() => {
        throw new Error('broken sink');
      });
      expect(process.stdout.write('kept\n')).toBe(true);
      restore();
      restore = undefined;
    } finally {
      process.stdout.write = originalWrite;
    }
    expect(written).toEqual(['kept\n']);
  });
});
