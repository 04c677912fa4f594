import { Session } from 'node:inspector';
import { ProfilerError } from './profiler-error';

/** An inspector session on the current thread, whose calls complete synchronously. */
export class SyncInspectorSession {
  readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  post<Result = any>(method: string, params: object = {}): Result {
    let result: Result | undefined;
    let failure: Error | null = null;
    let answered = false;
    this.session.post(method, params, (error: Error | null, value: any) => {
      failure = error;
      result = value;
      answered = true;
    });
    if (failure) throw failure;
    if (!answered) throw new ProfilerError(`inspector ${method} did not answer synchronously`);
    return result as Result;
  }

  disconnect(): void {
    this.session.disconnect();
  }
}
