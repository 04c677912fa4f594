import { coreProtocolSlot } from '../globals/core-slot';

/** Why the process is going away: a termination signal or an empty event loop. */
export type ExitReason = 'SIGTERM' | 'SIGINT' | 'beforeExit';

/** Flushes one run before the process goes away; must settle (it is given `deadlineMs`). */
export type ExitFlushHandler = (reason: ExitReason) => Promise<void>;

interface Registry {
  handlers: Set<ExitFlushHandler>;
  listeners: Map<ExitReason, (...args: unknown[]) => void> | undefined;
  running: Promise<void> | undefined;
}

// Shared across majors: a process has one set of signal listeners, and each re-raises the signal only
// when no other listener is left, so two registries would keep each other's process alive.
const registrySlot = coreProtocolSlot<Registry>('tracking.exitFlushRegistry', 1);
const signals: readonly ExitReason[] = ['SIGTERM', 'SIGINT', 'beforeExit'];
/** How long a signal waits for flushes before the process dies anyway. */
const signalFlushDeadlineMs = 10_000;

/** One registry per process, shared by every copy of core (so runs from two bundles coexist). */
function registry(): Registry {
  return registrySlot.getOrCreate(() => ({ handlers: new Set(), listeners: undefined, running: undefined }));
}

function runHandlers(reason: ExitReason, deadlineMs: number): Promise<void> {
  const state = registry();
  if (state.running !== undefined) return state.running;
  const handlers = [...state.handlers];
  const all = Promise.allSettled(handlers.map((handler) => Promise.resolve().then(() => handler(reason))));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
  });
  state.running = Promise.race([all.then(() => undefined), deadline]).finally(() => {
    clearTimeout(timer);
    state.running = undefined;
  });
  return state.running;
}

function install(state: Registry): void {
  if (state.listeners !== undefined) return;
  state.listeners = new Map();
  for (const reason of signals) {
    const listener =
      reason === 'beforeExit'
        ? () => {
            // Pending async work keeps the loop alive; handlers unregister when done, so the next
            // beforeExit finds nothing to do and the process exits as it would have.
            if (state.handlers.size > 0) void runHandlers(reason, signalFlushDeadlineMs);
          }
        : () => {
            // If the program has its own listener, Node would not have exited: flush and stay.
            const othersListen = process.listenerCount(reason) > 1;
            void runHandlers(reason, signalFlushDeadlineMs).then(() => {
              if (othersListen) return;
              uninstall(state);
              // Re-raise with no listener left, so the process ends by the signal as it would have.
              process.kill(process.pid, reason);
            });
          };
    state.listeners.set(reason, listener);
    process.on(reason, listener);
  }
}

function uninstall(state: Registry): void {
  if (state.listeners === undefined) return;
  for (const [reason, listener] of state.listeners) process.removeListener(reason, listener);
  state.listeners = undefined;
}

/**
 * Asks for `handler` to run before the process ends by SIGTERM, SIGINT or an empty event loop.
 * Listeners are installed only while at least one handler is registered, and a signal is
 * re-raised after flushing unless the program listens for it itself, so the process's own signal
 * semantics are kept. Returns the function that unregisters the handler.
 */
export function registerExitFlush(handler: ExitFlushHandler): () => void {
  const state = registry();
  state.handlers.add(handler);
  install(state);
  return () => {
    state.handlers.delete(handler);
    if (state.handlers.size === 0) uninstall(state);
  };
}

/** Runs every registered handler now (what a signal would do), for hosts and tests. */
export function flushAllOnExit(reason: ExitReason, deadlineMs = signalFlushDeadlineMs): Promise<void> {
  return runHandlers(reason, deadlineMs);
}
