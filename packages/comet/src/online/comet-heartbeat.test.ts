import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { start } from '../experiment/start-experiment';
import { CometTestServer } from '../testing/index';
import { CometHeartbeat, heartbeatIntervalOf, initialHeartbeatIntervalMs } from './comet-heartbeat';

afterEach(() => {
  vi.useRealTimers();
});

describe('CometHeartbeat takes its interval from the server, like the SDK heartbeat thread', () => {
  it('beats after the SDK’s initial 10 s, then at the interval each answer names', async () => {
    vi.useFakeTimers();
    const answers = [2500, 400, undefined];
    const beats: number[] = [];
    const heartbeat = new CometHeartbeat(async () => {
      beats.push(Date.now());
      return answers.shift();
    });
    const startedAt = Date.now();
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(initialHeartbeatIntervalMs - 1);
    expect(beats).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(beats).toEqual([startedAt + 10_000]);
    expect(heartbeat.currentIntervalMs).toBe(2500);
    await vi.advanceTimersByTimeAsync(2499);
    expect(beats).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(beats).toEqual([startedAt + 10_000, startedAt + 12_500]);
    await vi.advanceTimersByTimeAsync(400);
    expect(beats).toEqual([startedAt + 10_000, startedAt + 12_500, startedAt + 12_900]);
    // An answer without an interval keeps the last one.
    expect(heartbeat.currentIntervalMs).toBe(400);
    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toHaveLength(3);
  });

  it('keeps the current interval after a failed beat and ignores nonsensical intervals', async () => {
    vi.useFakeTimers();
    const failures: unknown[] = [];
    const results: (() => number | undefined)[] = [
      () => {
        throw new Error('unreachable');
      },
      () => 0,
      () => -5,
      () => Number.NaN,
      () => 300,
    ];
    let beats = 0;
    const heartbeat = new CometHeartbeat(
      async () => {
        beats++;
        return results.shift()!();
      },
      { initialIntervalMs: 1000, onFailure: (error) => failures.push(error) },
    );
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(beats).toBe(5);
    expect(failures).toHaveLength(1);
    expect(heartbeat.currentIntervalMs).toBe(300);
    heartbeat.stop();
  });

  it('reads is_alive_beat_duration_millis from a status-report answer', () => {
    expect(heartbeatIntervalOf('{"is_alive_beat_duration_millis":7000,"pending_rpcs":false}')).toBe(7000);
    expect(heartbeatIntervalOf('{"msg":"ok"}')).toBeUndefined();
    expect(heartbeatIntervalOf('not json')).toBeUndefined();
  });

  it('an online experiment sends the SDK’s status-report/update with its run and project ids', async () => {
    const apiKey = 'heartbeat0api0key0123456789';
    const server = await CometTestServer.start({ apiKey, heartbeatIntervalMs: 20 });
    try {
      const key = 'beef0000beef0000beef0000beef0000';
      const experiment = await start({
        apiKey,
        urlOverride: server.url,
        workspace: 'w',
        projectName: 'p',
        experimentKey: key,
        environment: { HOME: mkdtempSync(join(tmpdir(), 'comet-heartbeat-')) },
        transport: { heartbeatIntervalMs: 20, handleProcessExit: false },
      });
      for (let wait = 0; (server.experiment(key)?.heartbeats ?? 0) < 3 && wait < 1200; wait++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await experiment.end();
      expect(server.experiment(key)!.heartbeats).toBeGreaterThanOrEqual(3);
      const beat = server.routed('status-report/update')[0]!;
      expect(server.routed('status-report/update').at(-1)!.body).toMatchObject({ is_alive: false });
      expect(beat.method).toBe('POST');
      expect(beat.body).toMatchObject({
        runId: `run-${key.slice(0, 8)}`,
        experimentKey: key,
        projectId: 'project-p',
        is_alive: true,
        offline: false,
      });
      expect(server.routed('write/experiment/set-status')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
