import type { TestServerRequest } from '@tasklens/core/testing';

/** One request the server received. */
export interface RecordedRequest extends TestServerRequest {
  /** The route under `/clientlib/` or `/api/rest/v2/`, e.g. `logger/add/run`, `write/experiment/metric`. */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (gunzipped), the raw text, or for multipart the part names. */
  body: unknown;
}
