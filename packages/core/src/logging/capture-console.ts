/** The stream a captured line was written to. */
export type ConsoleStream = 'stdout' | 'stderr';

/**
 * Mirrors what the process writes to stdout/stderr into `onLine`, one call per complete line
 * (without its `\n`, carriage returns kept, so a tracker can store progress bars its vendor's way),
 * without changing what is written. Returns the function that restores the streams and emits any
 * unterminated last line. A throwing `onLine` is ignored: capturing must never break the
 * program's own output.
 */
export function captureConsole(onLine: (line: string, stream: ConsoleStream) => void): () => void {
  const restores: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream];
    const original = target.write;
    let partial = '';
    const emit = (line: string) => {
      try {
        onLine(line, stream);
      } catch {
        // See above: the program's output comes first.
      }
    };
    const wrapped = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      try {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        const parts = (partial + text).split('\n');
        partial = parts.pop() ?? '';
        for (const part of parts) emit(part);
      } catch {
        // Unreadable chunk: pass it through untouched.
      }
      return (original as (...args: unknown[]) => boolean).call(this ?? target, chunk, ...rest);
    } as typeof process.stdout.write;
    target.write = wrapped;
    restores.push(() => {
      if (target.write === wrapped) target.write = original;
      if (partial !== '') emit(partial);
      partial = '';
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}
