import { Worker } from 'node:worker_threads';
import { type AgentConfig, agentMain } from './agent-main';
import type { SyncInspectorSession } from './inspector-session';

interface AttachedWorker {
  sessionId: string;
  threadId: number | undefined;
  /** How warnings name it: its thread id when known. */
  label: string;
  detached: boolean;
}

type Terminate = Worker['terminate'];

function threadIdOfTitle(title: string): number | undefined {
  const match = /^\[worker (\d+)\]/.exec(title);
  return match ? Number(match[1]) : undefined;
}

/**
 * Follows worker threads through the inspector's NodeWorker domain: each new worker waits for us,
 * gets the agent (its own sampler, which writes a capture on exit) and is then let go. The main
 * isolate's sampler never sees worker isolates, so without this their memory would be invisible.
 */
export class WorkerFollower {
  private readonly attached = new Map<string, AttachedWorker>();
  private readonly pending = new Map<string, (message: any) => void>();
  private nextMessageId = 1;
  private originalTerminate: Terminate | undefined;
  private patchedTerminate: Terminate | undefined;
  private readonly onAttached = (message: any) => this.attach(message.params);
  private readonly onMessage = (message: any) => this.receive(message.params);
  private readonly onDetached = (message: any) => {
    const worker = this.attached.get(message.params.sessionId);
    if (worker) worker.detached = true;
  };

  /** `sidecarThreadId` is our own sampler thread, which must not be followed. */
  constructor(
    private readonly inspector: SyncInspectorSession,
    private readonly config: AgentConfig,
    private readonly sidecarThreadId: number,
  ) {}

  start(): void {
    const session = this.inspector.session;
    session.on('NodeWorker.attachedToWorker', this.onAttached);
    session.on('NodeWorker.receivedMessageFromWorker', this.onMessage);
    session.on('NodeWorker.detachedFromWorker', this.onDetached);
    this.inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: true });
    this.collectBeforeTerminate();
  }

  /**
   * `worker.terminate()` stops a worker without its 'exit' handlers, where the agent writes its
   * capture; while we profile, a followed worker is asked for its capture first (at most 1 s).
   */
  private collectBeforeTerminate(): void {
    const original = Worker.prototype.terminate;
    const follower = this;
    const patched = function terminateAfterCapture(this: Worker, ...rest: unknown[]) {
      const worker = [...follower.attached.values()].find(
        (candidate) => !candidate.detached && candidate.threadId === this.threadId,
      );
      if (worker === undefined) return Reflect.apply(original, this, rest);
      return follower.collect(worker, 1000).then(() => Reflect.apply(original, this, rest));
    } as Terminate;
    this.originalTerminate = original;
    this.patchedTerminate = patched;
    Worker.prototype.terminate = patched;
  }

  private restoreTerminate(): void {
    // Someone else may have wrapped it after us; then theirs stays and ours becomes a pass-through.
    if (this.originalTerminate && Worker.prototype.terminate === this.patchedTerminate) {
      Worker.prototype.terminate = this.originalTerminate;
    }
  }

  /** Asks a worker's agent to write its capture now; resolves false when it does not answer in time. */
  private async collect(worker: AttachedWorker, timeoutMs: number): Promise<boolean> {
    const reply = this.send(worker.sessionId, 'Runtime.evaluate', {
      expression: `(globalThis[Symbol.for('tasklens.memray.agent')]?.collect() ?? null)`,
      returnByValue: true,
      silent: true,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'timeout');
    });
    const outcome = await Promise.race([reply, timeout]);
    // A pending timer would keep the process alive after the task.
    clearTimeout(timer);
    return outcome !== 'timeout';
  }

  private send(sessionId: string, method: string, params: object = {}): Promise<any> {
    const id = this.nextMessageId++;
    const reply = new Promise<any>((resolve) => this.pending.set(`${sessionId}:${id}`, resolve));
    try {
      this.inspector.post('NodeWorker.sendMessageToWorker', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    } catch {
      this.pending.delete(`${sessionId}:${id}`);
      return Promise.resolve(undefined);
    }
    return reply;
  }

  private receive(params: { sessionId: string; message: string }): void {
    let message: any;
    try {
      message = JSON.parse(params.message);
    } catch {
      return;
    }
    if (message.id === undefined) return;
    const key = `${params.sessionId}:${message.id}`;
    const resolve = this.pending.get(key);
    if (resolve) {
      this.pending.delete(key);
      resolve(message);
    }
  }

  private attach(params: {
    sessionId: string;
    workerInfo: { workerId: string; title: string };
    waitingForDebugger: boolean;
  }) {
    const { sessionId, workerInfo } = params;
    // workerId is the inspector's own counter, not the thread id; Node titles workers "[worker <threadId>] <name>".
    if (threadIdOfTitle(workerInfo.title) === this.sidecarThreadId) {
      void this.send(sessionId, 'Runtime.runIfWaitingForDebugger');
      try {
        this.inspector.post('NodeWorker.detach', { sessionId });
      } catch {
        // Already gone.
      }
      return;
    }
    const threadId = threadIdOfTitle(workerInfo.title);
    this.attached.set(sessionId, {
      sessionId,
      threadId,
      label: threadId === undefined ? workerInfo.title : `thread ${threadId}`,
      detached: false,
    });
    // Messages to one worker are handled in order, so the agent is installed before the worker runs.
    void this.send(sessionId, 'Runtime.evaluate', {
      expression: `(${String(agentMain)})(${JSON.stringify(this.config)}, (name) => process.getBuiltinModule(name))`,
      silent: true,
    });
    void this.send(sessionId, 'Runtime.runIfWaitingForDebugger');
  }

  /** Asks workers that are still running to write their capture now, then stops following. */
  async stop(timeoutMs = 5000): Promise<string[]> {
    this.restoreTerminate();
    const warnings: string[] = [];
    const running = [...this.attached.values()].filter((worker) => !worker.detached);
    await Promise.all(
      running.map(async (worker) => {
        if (!(await this.collect(worker, timeoutMs)))
          warnings.push(`worker ${worker.label} did not answer; its capture is missing`);
      }),
    );
    for (const worker of this.attached.values()) {
      if (worker.detached) continue;
      try {
        this.inspector.post('NodeWorker.detach', { sessionId: worker.sessionId });
      } catch {
        // It exited meanwhile.
      }
    }
    try {
      this.inspector.post('NodeWorker.disable');
    } catch {
      // Session already closed.
    }
    const session = this.inspector.session;
    session.off('NodeWorker.attachedToWorker', this.onAttached);
    session.off('NodeWorker.receivedMessageFromWorker', this.onMessage);
    session.off('NodeWorker.detachedFromWorker', this.onDetached);
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    return warnings;
  }
}
