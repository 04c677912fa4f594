import { Worker } from 'node:worker_threads';
import { checkpointCapture } from '../capture/checkpoint-capture';
import { appendTemporalSnapshot } from '../capture/temporal-capture';
import { memraySlot } from '../memray-slot';
import { mergeSamplingProfiles } from './merge-profiles';
import { ProfilerError } from './profiler-error';
import { type SidecarConfig, type SidecarResult, sidecarMain } from './sidecar-main';
import { snapshotFitsBudget } from './snapshot-budget';

/** The sidecar thread (its id is known at once) and when it is ready to take requests. */
export interface Sidecar {
  worker: Worker;
  ready: Promise<Worker>;
  /** Set once the thread has exited: a request to it would never be answered. */
  exited: boolean;
}

/** The process's sidecar; exported so tests can end its thread. */
export const sidecarSlot = memraySlot<Sidecar>('sidecar');

/**
 * The process's one sidecar worker, started on first use (or ahead of time, when a function is
 * decorated) and kept for later calls. It is unref'd: it never keeps a process alive.
 */
export function warmSidecar(): Sidecar {
  const existing = sidecarSlot.get();
  if (existing) return existing;
  // Helpers go in serialised too: the thread cannot import our modules.
  const worker = new Worker(
    `(${String(sidecarMain)})(require, ${String(appendTemporalSnapshot)}, ${String(checkpointCapture)}, ${String(snapshotFitsBudget)}, ${String(mergeSamplingProfiles)})`,
    { eval: true, name: 'tasklens-memray-sidecar' },
  );
  worker.unref();
  const forget = () => {
    if (sidecarSlot.get()?.worker === worker) sidecarSlot.set(undefined);
  };
  const ready = new Promise<Worker>((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', (error) => {
      forget();
      reject(error);
    });
    worker.once('exit', (code) => {
      sidecar.exited = true;
      forget();
      reject(new ProfilerError(`the memory sampler thread exited with code ${code}`));
    });
  });
  // A failed start is reported by the call that needs the sidecar, not as an unhandled rejection.
  ready.catch(() => undefined);
  const sidecar: Sidecar = { worker, ready, exited: false };
  sidecarSlot.set(sidecar);
  return sidecar;
}

function request<T>(worker: Worker, message: object, reply: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (value: { type: string; result?: T }) => {
      if (value.type !== reply) return;
      cleanup();
      resolve(value.result as T);
    };
    const onFailure = (error: unknown) => {
      cleanup();
      reject(
        error instanceof Error
          ? error
          : new ProfilerError(`the memory sampler thread exited with code ${error}`),
      );
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
    };
    worker.on('message', onMessage);
    worker.once('error', onFailure);
    worker.once('exit', onFailure);
    worker.postMessage(message);
  });
}

/**
 * Starts the sampler without waiting for it: the task starts at once and the sidecar joins as
 * soon as its thread is up (its first point is then taken while the task runs).
 */
export function startSidecar(config: SidecarConfig): Sidecar {
  const sidecar = warmSidecar();
  // 'start' and 'stop' are queued in order by the sidecar, so there is nothing to wait for here.
  sidecar.worker.postMessage({ type: 'start', config });
  return sidecar;
}

/**
 * Posts 'stop' at once (so the sidecar winds down while the caller keeps working) and resolves
 * with what it recorded; rejects if the thread failed to start or dies before answering.
 */
export function stopSidecar(sidecar: Sidecar): Promise<SidecarResult> {
  if (sidecar.exited)
    return sidecar.ready.then(() =>
      Promise.reject(new ProfilerError('the memory sampler thread has exited')),
    );
  const reply = request<SidecarResult>(sidecar.worker, { type: 'stop' }, 'stopped');
  return Promise.all([sidecar.ready, reply]).then(([, result]) => result);
}
