import type { CallFrame } from '../capture/capture-format';

/** Frame kinds, by index: also the colour classes of the flamegraph. */
export const frameKinds = [
  'user',
  'node_modules',
  'node',
  'builtin',
  'profiler',
  'thread',
  'external',
] as const;
export type FrameKind = (typeof frameKinds)[number];

// Our own frames that run on the profiled thread (the memory probe, the agent in followed threads).
const profilerFunctions = new Set(['tasklensMemrayProbe', 'agentMain', 'collect', 'sample']);

// Frames of tasklens itself (this profiler, the decorator and context plumbing of core), installed
// from npm or from the monorepo. Their bytes fold into the caller, like memray's own frames.
const tasklensFrames =
  /[\\/](?:@tasklens[\\/](?:memray|core)[\\/]|packages[\\/]memray[\\/](?:dist[\\/]|src[\\/](?:profiler[\\/]|memray-profiling\.))|packages[\\/]core[\\/](?:dist[\\/]|src[\\/](?:decorators|context|task)[\\/]))/;

export function frameKind(frame: CallFrame): FrameKind {
  const url = frame.url;
  if (profilerFunctions.has(frame.functionName) && (url === '' || url.endsWith('.agent.cjs')))
    return 'profiler';
  if (tasklensFrames.test(url)) return 'profiler';
  if (url === '' || frame.functionName.startsWith('(')) return 'builtin';
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/node_modules/') || url.includes('\\node_modules\\')) return 'node_modules';
  return 'user';
}

/** What the report shows as the file: a path for file URLs, the URL otherwise. */
export function displayFile(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(url).pathname);
    } catch {
      return url;
    }
  }
  return url;
}
