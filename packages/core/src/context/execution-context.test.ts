import { describe, expect, it } from 'vitest';
import { Deck } from '../decks/deck';
import { ExecutionContext, type ExecutionContextInit } from './execution-context';

function context(overrides: Partial<ExecutionContextInit> = {}): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'proj', domain: 'development', name: 'ff59abade1e7f4758baf' },
    taskId: { project: 'proj', domain: 'development', name: 'wf.train', version: 'v1' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment: {},
    workingDirectory: '/tmp/work',
    sandboxDirectory: '/tmp/sandbox',
    rawOutputPrefix: 's3://bucket/raw',
    enableDeck: false,
    taskName: 'train',
    ...overrides,
  });
}

describe('ExecutionContext', () => {
  it('uses HOSTNAME as the default run id when the variable exists, even empty', () => {
    expect(context({ environment: { HOSTNAME: 'ff59abade1e7f4758baf-n0-0' } }).defaultRunId).toBe(
      'ff59abade1e7f4758baf-n0-0',
    );
    expect(context({ environment: { HOSTNAME: '' } }).defaultRunId).toBe('');
  });

  it('falls back to the execution name without HOSTNAME', () => {
    expect(context().defaultRunId).toBe('ff59abade1e7f4758baf');
  });

  it('is remote only in a Flyte task execution', () => {
    expect(context().isLocal).toBe(false);
    expect(context({ mode: 'local-task' }).isLocal).toBe(true);
    expect(context({ mode: 'local-workflow' }).isLocal).toBe(true);
  });

  it("raises flytekit's error for a missing attribute", () => {
    expect(() => context().getAttribute('neptuneRun')).toThrow(
      'neptuneRun not available as a parameter in Flyte context - are you in right task-type?',
    );
  });

  it('derives children that add attributes and share decks and timeline', () => {
    const parent = context();
    const child = parent.withAttribute('run', 42);
    expect(child.getAttribute('run')).toBe(42);
    expect(parent.hasAttribute('run')).toBe(false);
    child.decks.push(new Deck('from child', '', { autoAddToDeck: false }));
    expect(parent.decks.map((deck) => deck.name)).toEqual(['from child']);
    expect(child.timeline).toBe(parent.timeline);
    expect(child.executionId).toEqual(parent.executionId);
  });

  it('reads the execution URL from FLYTE_EXECUTION_URL', () => {
    expect(context({ environment: { FLYTE_EXECUTION_URL: 'https://console/x' } }).executionUrl).toBe(
      'https://console/x',
    );
  });
});
