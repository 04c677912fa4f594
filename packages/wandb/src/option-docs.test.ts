import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { undocumentedOptions } from '../../../test-support/option-documentation';

describe('wandb options', () => {
  it('every option has a doc comment naming its default and its env var (or "no env var")', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    expect(undocumentedOptions(entry, ['InitOptions', 'WandbInitOptions', 'LoginOptions'])).toEqual([]);
  }, 120_000);
});
