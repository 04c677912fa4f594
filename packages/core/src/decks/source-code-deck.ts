import { escapeHtml } from '../html/escape-html';

/** The `Source Code` deck body: the user function's source, escaped, in a preformatted block. */
export function renderSourceCode(fn: (...args: any[]) => unknown): string {
  const source = Function.prototype.toString.call(fn);
  return `<pre style="background:#f6f8fa;padding:12px;overflow:auto;font-size:13px;line-height:1.45"><code>${escapeHtml(source)}</code></pre>`;
}
