import { describe, expect, it } from 'vitest';
import { escapeForLog } from './escape-for-log';

describe('escapeForLog', () => {
  it('turns newlines and terminal escape sequences into visible escapes, leaving other text alone', () => {
    expect(escapeForLog('run\n[INFO] forged\r\u001b[31mred\u001b[0m\ttab')).toBe(
      'run\\n[INFO] forged\\r\\x1b[31mred\\x1b[0m\\ttab',
    );
    expect(escapeForLog('ünïcode 🚀 name')).toBe('ünïcode 🚀 name');
  });
});
