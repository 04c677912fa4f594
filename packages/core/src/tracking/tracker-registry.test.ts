import { describe, expect, it } from 'vitest';
import { runInContext } from '../context/context-storage';
import { renderDeckHtml } from '../decks/render-deck-html';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { localTaskContext as context } from '../testing/local-task-context';
import { logMetrics, logParams, registerTrackerRun, trackers, trackingMetadata } from './tracker-registry';
import type { TrackerRun } from './tracker-run';

function fakeRun(provider: string, options: { url?: string; offlinePath?: string; rejects?: string } = {}) {
  const metrics: Record<string, unknown>[] = [];
  const params: Record<string, unknown>[] = [];
  const run: TrackerRun = {
    provider,
    runId: `${provider}-1`,
    url: options.url,
    offlinePath: options.offlinePath,
    syncCommand: options.offlinePath === undefined ? undefined : `${provider} sync ${options.offlinePath}`,
    logMetrics(values) {
      if (options.rejects !== undefined && options.rejects in values) {
        throw new InvalidOptionError({ option: options.rejects, message: `${options.rejects}: rejected` });
      }
      metrics.push({ ...values });
    },
    logParams: (values) => void params.push({ ...values }),
    lastMetrics: () => Object.assign({}, ...metrics),
  };
  return { run, metrics, params };
}

describe('tracker registry (vendor-neutral tracker interface)', () => {
  it('lists the runs of the task, fans out metrics and params, and keeps runs of other tasks apart', async () => {
    const first = context();
    const other = context();
    const a = fakeRun('alpha', { url: 'https://alpha.example/run/1' });
    const b = fakeRun('beta', { offlinePath: '/tmp/beta-run', rejects: 'bad' });
    await runInContext(first, async () => {
      registerTrackerRun(a.run);
      const finishB = registerTrackerRun(b.run);
      expect(trackers().map((run) => run.provider)).toEqual(['alpha', 'beta']);
      logParams({ lr: 0.1 });
      logMetrics({ loss: 1 });
      expect(() => logMetrics({ bad: 1, loss: 2 })).toThrow(/bad: rejected/);
      finishB();
      expect(trackers().map((run) => run.provider)).toEqual(['alpha']);
    });
    await runInContext(other, async () => expect(trackers()).toEqual([]));
    expect(a.params).toEqual([{ lr: 0.1 }]);
    expect(b.params).toEqual([{ lr: 0.1 }]);
    // The other run still got the row the rejecting one refused.
    expect(a.metrics).toEqual([{ loss: 1 }, { bad: 1, loss: 2 }]);
    expect(b.metrics).toEqual([{ loss: 1 }]);
    expect(trackingMetadata(first)).toEqual({
      experiment_tracker_url: 'https://alpha.example/run/1',
      experiment_trackers: [
        {
          provider: 'alpha',
          run_id: 'alpha-1',
          url: 'https://alpha.example/run/1',
          offline_path: undefined,
          sync_command: undefined,
        },
        {
          provider: 'beta',
          run_id: 'beta-1',
          url: undefined,
          offline_path: '/tmp/beta-run',
          sync_command: 'beta sync /tmp/beta-run',
        },
      ],
    });
    const html = renderDeckHtml(first.decks);
    expect(html).toContain('href="https://alpha.example/run/1"');
    expect(html).toContain('<code>beta sync /tmp/beta-run</code>');
    expect(html).toMatch(/bad<\/td><td>1<\/td>/);
    expect(renderDeckHtml(other.decks)).not.toContain('Tracking');
  });

  it('escapes names and refuses non-http links in the deck', async () => {
    const ctx = context();
    const evil = fakeRun('<script>x</script>', { url: 'javascript:alert(1)' });
    await runInContext(ctx, async () => {
      registerTrackerRun(evil.run);
      logMetrics({ '<b>': '<i>' });
    });
    const html = renderDeckHtml(ctx.decks);
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;b&gt;');
  });
});
