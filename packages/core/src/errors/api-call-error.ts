import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensApiCallError';
const symbol = Symbol.for(marker);

/** Statuses worth retrying: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(statusCode: number | undefined): boolean {
  return (
    statusCode === undefined ||
    statusCode === 408 ||
    statusCode === 409 ||
    statusCode === 429 ||
    statusCode >= 500
  );
}

/** A call to a tracking service or storage endpoint failed. */
export class ApiCallError extends TasklensError {
  protected readonly [symbol] = true;
  readonly url: string;
  /** HTTP status, or undefined when no response arrived (connection refused, reset, timeout). */
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;
  readonly responseHeaders: Record<string, string> | undefined;
  readonly isRetryable: boolean;

  constructor(options: {
    message: string;
    url: string;
    statusCode?: number | undefined;
    responseBody?: string | undefined;
    responseHeaders?: Record<string, string> | undefined;
    isRetryable?: boolean | undefined;
    cause?: unknown;
  }) {
    super({ name: 'TasklensApiCallError', message: options.message, cause: options.cause });
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.responseBody = options.responseBody;
    this.responseHeaders = options.responseHeaders;
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.statusCode);
  }

  static override isInstance(error: unknown): error is ApiCallError {
    return TasklensError.hasMarker(error, marker);
  }
}
