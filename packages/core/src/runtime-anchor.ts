// The modules the ES module build keeps in one chunk (see scripts/one-runtime-chunk.mjs): the
// task-author API and the `tasklens execute` path. Neither loads the protobuf runtime.

export * as execute from './cli/execute-command';
export * as core from './index';
