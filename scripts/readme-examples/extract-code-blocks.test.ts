import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './extract-code-blocks';

describe('extractCodeBlocks', () => {
  it('takes ts and typescript blocks, reads the excerpt marker and ignores other languages', () => {
    const markdown = [
      '# Title',
      '```ts',
      'const a = 1;',
      '```',
      '```sh',
      'npm test',
      '```',
      '```typescript excerpt',
      'declare const b: number;',
      'b;',
      '```',
    ].join('\n');
    expect(extractCodeBlocks(markdown, 'README.md')).toEqual([
      { readme: 'README.md', line: 2, excerpt: false, source: 'const a = 1;' },
      { readme: 'README.md', line: 8, excerpt: true, source: 'declare const b: number;\nb;' },
    ]);
  });

  it('keeps a ts fence inside a longer fence as text', () => {
    const markdown = ['````md', '```ts', 'not code', '```', '````'].join('\n');
    expect(extractCodeBlocks(markdown, 'README.md')).toEqual([]);
  });
});
