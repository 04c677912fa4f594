import { ApiCallError } from '../errors/api-call-error';
import { redactSecrets } from '../secrets/secret-redactor';

export interface HttpRequest {
  readonly url: string;
  /** Default `POST`. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Abort the attempt after this many ms (connect + response); default 30000. */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One HTTP attempt with a timeout. Non-2xx answers and network failures become `ApiCallError`
 * (retryable for 408/409/429/5xx and for no answer at all). Header values are never put in an
 * error, and every message passes secret redaction, so an API key cannot leak through it.
 */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  const method = request.method ?? 'POST';
  const safeUrl = redactSecrets(request.url);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method,
      // Absent headers and body (undefined) mean the same to fetch as empty headers and a null body.
      headers: { ...request.headers },
      body: (request.body as BodyInit | undefined) ?? null,
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new ApiCallError({
      message: redactSecrets(`${method} ${safeUrl} failed without a response: ${describeFailure(error)}`),
      url: safeUrl,
      isRetryable: true,
    });
  }
  let body: string;
  try {
    body = await response.text();
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
  if (response.status < 200 || response.status >= 300) {
    throw new ApiCallError({
      message: redactSecrets(`${method} ${safeUrl} answered HTTP ${response.status}: ${body.slice(0, 300)}`),
      url: safeUrl,
      statusCode: response.status,
      responseBody: redactSecrets(body.slice(0, 10_000)),
      responseHeaders: headers,
    });
  }
  return { statusCode: response.status, headers, body };
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : '';
    return `${error.name}: ${error.message}${causeText}`;
  }
  return String(error);
}
