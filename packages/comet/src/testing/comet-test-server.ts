import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TestServer, type TestServerExchange, type TestServerOptions } from '@tasklens/core/testing';
import { parseMultipartForm } from './multipart-form';
import { newRecordedExperiment, type RecordedExperiment } from './recorded-experiment';
import type { RecordedRequest } from './recorded-request';
import { type CometRoute, routeRequest } from './route-request';

export interface CometTestServerOptions extends TestServerOptions {
  /** When set, requests carrying another API key (header or `apiKey` body field) get 401/403. */
  apiKey?: string;
  /** Workspace reported when a request names none; default `test-workspace`. */
  defaultWorkspace?: string;
}

/**
 * A local server speaking Comet's clientlib and REST v2 write routes well enough for the Python
 * `comet_ml` SDK, `comet upload` and our client to complete an experiment. It records every
 * request and every experiment; core's `TestServer` does the listening, recording, fault
 * injection (500s, 429 with Retry-After, dropped connections, …) and outages.
 */
export class CometTestServer extends TestServer<RecordedRequest> {
  readonly experiments = new Map<string, RecordedExperiment>();
  private readonly options: CometTestServerOptions;

  private constructor(options: CometTestServerOptions) {
    super(options);
    this.options = options;
  }

  /** Starts a server on 127.0.0.1. */
  static async start(options: CometTestServerOptions = {}): Promise<CometTestServer> {
    const instance = new CometTestServer(options);
    await instance.listen();
    return instance;
  }

  /** The SDK's `COMET_URL_OVERRIDE` form, `<url>/clientlib/`. */
  get clientlibUrl(): string {
    return `${this.url}/clientlib/`;
  }

  /** The experiment with this key, if the server saw it. */
  experiment(key: string): RecordedExperiment | undefined {
    return this.experiments.get(key);
  }

  /** Requests that reached a route and were answered normally. */
  routed(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route && request.outcome === 'ok');
  }

  /** The experiment for a key, created on first sight (so out-of-order writes still land). */
  experimentFor(key: string, workspace?: string | null, projectName?: string | null): RecordedExperiment {
    let experiment = this.experiments.get(key);
    if (experiment === undefined) {
      experiment = newRecordedExperiment(
        key,
        workspace ?? this.options.defaultWorkspace ?? 'test-workspace',
        projectName ?? 'general',
      );
      this.experiments.set(key, experiment);
    }
    return experiment;
  }

  /** A fresh 32-hex key, as the server generates for REST creates. */
  newKey(): string {
    return randomBytes(16).toString('hex');
  }

  protected async handle(exchange: TestServerExchange): Promise<void> {
    const { request, response, path } = exchange;
    // The SDK reaches REST v2 both at `/api/rest/v2/…` and, for some writes, at `/clientlib/rest/v2/…`.
    const route = path.replace(/^\/(clientlib\/rest\/v2|clientlib|api\/rest\/v2)\//, '').replace(/^\/+/, '');
    const contentType = request.headers['content-type'];
    let body: unknown;
    let form: ReturnType<typeof parseMultipartForm> | undefined;
    if (/multipart\/form-data/i.test(contentType ?? '')) {
      form = parseMultipartForm(exchange.body, contentType);
      body = form.map((part) => part.name);
    } else {
      const text = exchange.body.toString('utf8');
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: RecordedRequest = {
      method: exchange.method,
      path,
      route,
      query: Object.fromEntries(exchange.query),
      headers: request.headers,
      body,
      outcome: 'ok',
      unknownRoute: false,
    };
    if (!this.admit(exchange, record)) return;
    if (this.options.apiKey !== undefined && !this.authorized(request, body)) {
      record.outcome = 'unauthorized';
      this.send(response, { status: 401, body: { msg: 'api key is not valid', sdk_error_code: 90212 } });
      return;
    }
    const routeInput: CometRoute = { record, form, server: this };
    await this.answerWithFaults(
      exchange,
      record,
      route,
      { error: { msg: 'injected failure' }, rateLimit: { msg: 'rate limited' } },
      () => {
        const answer = routeRequest(routeInput);
        return { status: answer.status, body: answer.body ?? {} };
      },
    );
  }

  private authorized(request: IncomingMessage, body: unknown): boolean {
    const expected = this.options.apiKey;
    const header = request.headers.authorization ?? request.headers['comet-sdk-api'];
    if (header === expected) return true;
    const fromBody = (body as { apiKey?: unknown } | undefined)?.apiKey;
    if (fromBody === expected) return true;
    // Unauthenticated probes the SDK makes before it has a key in hand.
    return header === undefined && fromBody === undefined && /health|isAlive|ping/i.test(request.url ?? '');
  }
}
