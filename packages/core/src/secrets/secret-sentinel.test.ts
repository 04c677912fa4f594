import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentContext } from '../context/current-context';
import { Deck } from '../decks/deck';
import { createLogger, setLogSink } from '../logging/logger';
import { task } from '../task/task';
import { types } from '../types/types';
import { Secret } from './secret';

const sentinel = 'SENTINEL-7f3a9c2e-do-not-leak';

describe('a sentinel secret', () => {
  const written: string[] = [];
  let restoreSink: ReturnType<typeof setLogSink>;
  let stdout: ReturnType<typeof vi.spyOn>;
  let stderr: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    restoreSink = setLogSink(undefined);
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture as never);
    vi.stubEnv('_FSEC_TRACKER_API_KEY', sentinel);
  });

  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
    setLogSink(restoreSink);
    written.length = 0;
  });

  it('never appears in log lines, deck.html or errors of a task that uses it', async () => {
    const logger = createLogger('tasklens:test');
    const errors: string[] = [];
    const useSecret = task(
      {
        name: 'secure.use',
        inputs: { label: types.string() },
        outputs: types.string(),
        secretRequests: [new Secret({ group: 'tracker', key: 'api_key' })],
        enableDeck: true,
      },
      ({ label }) => {
        const value = currentContext().secrets.get({ group: 'tracker', key: 'api_key' });
        logger.info(`authenticating with ${value}`);
        logger.warn(`retrying request with Authorization: Bearer ${value}`);
        new Deck('Status', `<p>${label}: authenticated</p>`);
        try {
          currentContext().secrets.get({ group: 'tracker', key: 'missing' });
        } catch (error) {
          errors.push(String(error), (error as Error).stack ?? '');
        }
        return label;
      },
    );
    expect(await useSecret({ label: 'run-1' })).toBe('run-1');

    const output = written.join('');
    expect(output).toContain('authenticating with ***');
    expect(output).not.toContain(sentinel);
    const deckPath = /file:\/\/(\S+deck\.html)/.exec(output)?.[1];
    expect(deckPath).toBeDefined();
    expect(readFileSync(deckPath!, 'utf8')).not.toContain(sentinel);
    expect(errors.join('\n')).toContain('Unable to find secret for key missing in group tracker');
    expect(errors.join('\n')).not.toContain(sentinel);
    expect(String(new Secret({ group: 'tracker', key: 'api_key' }))).not.toContain(sentinel);
  });
});
