import { ApiCallError } from '../errors/api-call-error';
import { createLogger } from '../logging/logger';
import { redactSecrets } from '../secrets/secret-redactor';
import { plainHttpCredentialWarning } from './plain-http-warning';
import { readCappedBody } from './read-capped-body';

export interface HttpRequest {
  readonly url: string;
  /** Default `POST`. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Abort the attempt after this many ms (connect + response); default 30000. */
  readonly timeoutMs?: number;
  /** Largest 2xx response body read, in bytes; a longer one is an error; default 32 MiB. */
  readonly maxResponseBytes?: number;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Bytes of an error (non-2xx) body kept for the message; the rest is never read. */
const errorBodyBytes = 64 * 1024;

/**
 * One HTTP attempt with a timeout. Non-2xx answers (redirects included: they are not followed,
 * because following a 302 turns a POST into a bodiless GET that would look delivered) and network
 * failures become `ApiCallError` (retryable for 408/409/429/5xx and for no answer at all). Bodies
 * are read only up to a cap. Header values are never put in an error, every message passes secret
 * redaction, and credentials sent over plain http to a non-loopback host are warned about once.
 */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  const method = request.method ?? 'POST';
  const safeUrl = redactSecrets(request.url);
  const warning = plainHttpCredentialWarning(request.url, request.headers);
  if (warning !== undefined) createLogger('tasklens:tracking').warn(warning);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method,
      // Absent headers and body (undefined) mean the same to fetch as empty headers and a null body.
      headers: { ...request.headers },
      body: (request.body as BodyInit | undefined) ?? null,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new ApiCallError({
      message: redactSecrets(`${method} ${safeUrl} failed without a response: ${describeFailure(error)}`),
      url: safeUrl,
      isRetryable: true,
    });
  }
  const succeeded = response.status >= 200 && response.status < 300;
  const limit = succeeded ? (request.maxResponseBytes ?? 32 * 1024 * 1024) : errorBodyBytes;
  let body: { text: string; truncated: boolean };
  try {
    body = await readCappedBody(response, limit);
  } catch (error) {
    throw new ApiCallError({
      message: redactSecrets(
        `${method} ${safeUrl}: the response body was cut off: ${describeFailure(error)}`,
      ),
      url: safeUrl,
      isRetryable: true,
    });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!succeeded) {
    const redirect = response.status >= 300 && response.status < 400;
    const detail = redirect
      ? `a redirect (to ${redactSecrets(headers.location ?? '?')}), which is not followed: point the client at the final URL`
      : body.text.slice(0, 300);
    throw new ApiCallError({
      message: redactSecrets(`${method} ${safeUrl} answered HTTP ${response.status}: ${detail}`),
      url: safeUrl,
      statusCode: response.status,
      responseBody: redactSecrets(body.text.slice(0, 10_000)),
      responseHeaders: headers,
    });
  }
  if (body.truncated) {
    throw new ApiCallError({
      message: redactSecrets(`${method} ${safeUrl}: the response body is larger than ${limit} bytes`),
      url: safeUrl,
      statusCode: response.status,
      responseHeaders: headers,
      isRetryable: false,
    });
  }
  return { statusCode: response.status, headers, body: body.text };
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : '';
    return `${error.name}: ${error.message}${causeText}`;
  }
  return String(error);
}
