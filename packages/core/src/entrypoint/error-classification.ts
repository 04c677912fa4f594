// How an attempt's failure is classified in error.pb; no protobuf import, so the executor can
// classify a failure before it loads the protobuf runtime to write the document.

/** Who is at fault and whether a retry may help: flytekit's three error branches. */
export interface ErrorClassification {
  /** `user`: the task code or its inputs' author; `system`: the platform (storage, corrupt data). */
  origin: 'user' | 'system';
  /** RECOVERABLE (retried) or NON_RECOVERABLE. */
  recoverable: boolean;
  /** `USER:RuntimeError`, `USER:Recoverable`, a user-given code, or `SYSTEM`. */
  code: string;
}

/** The error's own code (an `errorCode` string or number property), as flytekit reads `error_code`. */
export function userErrorCode(error: unknown): string {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  if (typeof code === 'string' && code !== '') return code;
  if (typeof code === 'number') return String(code);
  return 'USER:RuntimeError';
}
