import type { MemrayCapture, SamplingHeapProfileNode } from '../capture/capture-format';

let nextId = 1;
function frame(functionName: string, url: string, line: number, selfSize: number, children: SamplingHeapProfileNode[] = []) {
  return {
    callFrame: { functionName, scriptId: '1', url, lineNumber: line - 1, columnNumber: 0 },
    selfSize,
    id: nextId++,
    children,
  };
}

/** A small, fully known capture: 3 MB under `main`, 1 MB of it in a function named like an HTML tag. */
export function syntheticCapture(hostileName = '<script>alert(1)</script>'): MemrayCapture {
  const head = frame('(root)', '', 0, 0, [
    frame('main', 'file:///app/main.js', 1, 0, [
      frame('loadRows', 'file:///app/rows.js', 10, 1_500_000, [frame('push', '', 0, 500_000)]),
      frame(hostileName, 'file:///app/evil.js', 3, 1_000_000),
      frame('parse', 'file:///app/node_modules/csv/index.js', 7, 0, [
        frame('readChunk', 'node:internal/fs/streams', 100, 0, [frame('decodeCell', 'file:///app/rows.js', 40, 0)]),
      ]),
    ]),
  ]);
  const start = 1_700_000_000_000;
  return {
    format: 'tasklens-memray',
    version: 1,
    metadata: {
      functionName: 'heavy_compute',
      command: ['node', 'app.js', '--flag=<b>'],
      pid: 1,
      startTime: start,
      endTime: start + 1000,
      nodeVersion: '20.20.2',
      v8Version: '11.3',
      platform: 'linux x64',
      mode: 'live',
      samplingIntervalBytes: 32_768,
      memoryIntervalMs: 10,
      nativeTraces: false,
      followFork: false,
      followWorkers: true,
      heapSizeLimit: 4e9,
      constrainedMemory: undefined,
      reporterArgs: [],
      taskFailed: false,
      profilingError: undefined,
      warnings: [],
      peakCaptures: 0,
      peakCaptureMs: 0,
      memoryTicks: 101,
    },
    final: { head, samples: [{ size: 1000, nodeId: 3, ordinal: 1 }] },
    peak: null,
    memory: Array.from({ length: 101 }, (_, index) => [
      start + index * 10,
      50e6 + index * 1e5,
      10e6 + index * 3e4,
      20e6,
      1e6 + index * 1e4,
      5e5,
    ]) as MemrayCapture['memory'],
    gc: [{ time: start + 500, duration: 2.5, kind: 'major' }],
    threads: [],
  };
}
