type Stream = 'stdout' | 'stderr';
type Write = typeof process.stdout.write;

/**
 * Mirrors what the process writes to stdout/stderr into `onLine`, one call per complete line
 * (with its newline, as Comet stores output), without changing what is written. Returns the
 * function that restores the streams and emits any unterminated last line.
 */
export function captureConsole(onLine: (line: string, stream: Stream) => void): () => void {
  const restores: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream];
    const original = target.write;
    let partial = '';
    const emit = (line: string) => {
      try {
        onLine(line, stream);
      } catch {
        // Capturing must never break the program's own output.
      }
    };
    const wrapped = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      try {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        const parts = (partial + text).split('\n');
        partial = parts.pop() ?? '';
        for (const part of parts) emit(`${part}\n`);
      } catch {
        // Unreadable chunk: pass it through untouched.
      }
      return (original as (...args: unknown[]) => boolean).call(this ?? target, chunk, ...rest);
    } as Write;
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
