import { Worker } from 'node:worker_threads';
import { type SidecarConfig, type SidecarResult, sidecarMain } from './sidecar-main';

const hostKey = Symbol.for('tasklens.memray.sidecar');

type Holder = { [hostKey]?: Promise<Worker> };

/**
 * The process's one sidecar worker, started on first use (or ahead of time by `warmSidecar`) and
 * kept for later calls. It is unref'd: it never keeps a process alive.
 */
export function warmSidecar(): Promise<Worker> {
  const holder = globalThis as Holder;
  const existing = holder[hostKey];
  if (existing) return existing;
  const started = new Promise<Worker>((resolve, reject) => {
    const worker = new Worker(`(${String(sidecarMain)})(require)`, {
      eval: true,
      name: 'tasklens-memray-sidecar',
    });
    worker.unref();
    const forget = () => {
      if (holder[hostKey] === started) delete holder[hostKey];
    };
    worker.once('message', () => resolve(worker));
    worker.once('error', (error) => {
      forget();
      reject(error);
    });
    worker.once('exit', (code) => {
      forget();
      reject(new Error(`the memory sampler thread exited with code ${code}`));
    });
  });
  holder[hostKey] = started;
  // A failed warm-up is reported by the call that needs the sidecar, not as an unhandled rejection.
  started.catch(() => undefined);
  return started;
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
        error instanceof Error ? error : new Error(`the memory sampler thread exited with code ${error}`),
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

/** Starts sampling; resolves once the first memory point (taken before the task) is recorded. */
export async function startSidecar(config: SidecarConfig): Promise<Worker> {
  const worker = await warmSidecar();
  await request(worker, { type: 'start', config }, 'started');
  return worker;
}

export function stopSidecar(worker: Worker): Promise<SidecarResult> {
  return request<SidecarResult>(worker, { type: 'stop' }, 'stopped');
}
