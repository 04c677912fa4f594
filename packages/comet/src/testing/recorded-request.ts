/** One request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The route under `/clientlib/` or `/api/rest/v2/`, e.g. `logger/add/run`, `write/experiment/metric`. */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (gunzipped), the raw text, or for multipart the part names. */
  body: unknown;
  /** What the server did: `ok`, or the injected fault. */
  outcome: 'ok' | 'error' | 'rate-limit' | 'drop' | 'down' | 'unauthorized';
  /** True for routes the fake does not know (answered 200 `{}` so new SDK calls are discovered). */
  unknownRoute: boolean;
}
