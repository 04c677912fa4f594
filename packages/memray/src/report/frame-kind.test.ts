import { describe, expect, test } from 'vitest';
import { frameKind } from './frame-kind';

const frame = (functionName: string, url: string) => ({
  functionName,
  url,
  scriptId: '1',
  lineNumber: 0,
  columnNumber: 0,
});

describe('frame kinds', () => {
  test.each([
    ['train', 'file:///app/train.js', 'user'],
    ['parse', 'file:///app/node_modules/csv-parse/dist/index.js', 'node_modules'],
    ['readFileSync', 'node:fs', 'node'],
    ['push', '', 'builtin'],
    ['(BYTECODE_COMPILER)', '', 'builtin'],
    ['tasklensMemrayProbe', '', 'profiler'],
    ['post', '/home/dev/tasklens/packages/memray/src/profiler/inspector-session.ts', 'profiler'],
    ['execute', '/srv/app/node_modules/@tasklens/memray/dist/index.js', 'profiler'],
    ['runInContext', '/srv/app/node_modules/@tasklens/core/dist/index.js', 'profiler'],
    ['execute', '/home/dev/tasklens/packages/memray/src/memray-profiling.ts', 'profiler'],
    ['runInContext', '/home/dev/tasklens/packages/core/src/context/context-storage.ts', 'profiler'],
    ['heavy', '/home/dev/tasklens/packages/memray/src/__fixtures__/allocation-sites.cjs', 'user'],
    ['report', '/home/dev/tasklens/packages/memray/src/report/render-report.ts', 'user'],
  ])('%s at %s is %s', (name, url, kind) => {
    expect(frameKind(frame(name, url))).toBe(kind);
  });
});
