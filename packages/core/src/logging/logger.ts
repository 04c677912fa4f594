import { coreSlot } from '../globals/core-slot';
import { redactSecrets } from '../secrets/secret-redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Writes one log line; tests and hosts may replace it (see `setLogSink`). */
export type LogSink = (level: Exclude<LogLevel, 'silent'>, line: string) => void;

const sinkSlot = coreSlot<LogSink>('logging.sink');

const defaultSink: LogSink = (_level, line) => {
  process.stderr.write(`${line}\n`);
};

/** Replaces where log lines go (all copies of core share it); returns the previous sink. */
export function setLogSink(sink: LogSink | undefined): LogSink {
  const previous = sinkSlot.get() ?? defaultSink;
  sinkSlot.set(sink);
  return previous;
}

function currentSink(): LogSink {
  return sinkSlot.get() ?? defaultSink;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A logger for one component (`tasklens:wandb`). Its level comes from `TASKLENS_LOG_LEVEL`
 * (default `info`). Every line passes through secret redaction before it is written.
 */
export function createLogger(component: string): Logger {
  const log = (level: Exclude<LogLevel, 'silent'>, message: string) => {
    const configured = (process.env.TASKLENS_LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
    if (order[level] < (order[configured] ?? order.info)) return;
    currentSink()(level, redactSecrets(`[${component}] ${level.toUpperCase()} ${message}`));
  };
  return {
    debug: (message) => log('debug', message),
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message) => log('error', message),
  };
}
