import { describe, expect, it } from 'vitest';
import { withoutTrailingSlashes } from './without-trailing-slashes';

describe('withoutTrailingSlashes', () => {
  it('removes every trailing slash and nothing else, as replace(/\\/+$/, "")', () => {
    for (const text of ['https://a.example', 'https://a.example/', 'https://a.example///', '/', '', 'a/b/']) {
      expect(withoutTrailingSlashes(text)).toBe(text.replace(/\/+$/, ''));
    }
  });
});
