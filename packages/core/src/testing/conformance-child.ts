import { type ChildProcess, spawn } from 'node:child_process';
import type { ConformanceChildCommand } from './tracker-conformance-adapter';

/** A child process started by the suite, with its output collected line by line. */
export interface ConformanceChild {
  readonly process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when a stdout line equals `line`; rejects when the child exits first or after `timeoutMs`. */
  waitForLine(line: string, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code and signal; rejects after `timeoutMs` (the child is then killed). */
  waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command` with piped output; the child never outlives the test (killed on timeout). */
export function startConformanceChild(command: ConformanceChildCommand): ConformanceChild {
  const child = spawn(command.command, [...command.args], {
    env: { ...process.env, ...command.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const lines: string[] = [];
  let partial = '';
  const lineWaiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.map((part) => part.trim()));
    for (const waiter of lineWaiters) waiter();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of lineWaiters) waiter();
      resolve({ code, signal });
    });
  });
  const describe = () => `child output so far:\n${text.slice(-4000)}`;
  return {
    process: child,
    output: () => text,
    waitForLine(line, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          lineWaiters.delete(check);
          reject(new Error(`no "${line}" line within ${timeoutMs} ms; ${describe()}`));
        }, timeoutMs);
        const check = () => {
          if (lines.includes(line)) {
            clearTimeout(timer);
            lineWaiters.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            lineWaiters.delete(check);
            reject(new Error(`the child exited before printing "${line}"; ${describe()}`));
          }
        };
        lineWaiters.add(check);
        check();
      });
    },
    async waitForExit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the child did not exit within ${timeoutMs} ms; ${describe()}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls `condition` every 50 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  condition: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
