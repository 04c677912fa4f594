import { escapeHtml } from '../html/escape-html';
import { originalSourceOf } from './original-source';

const preStyle = 'background:#f6f8fa;padding:12px;overflow:auto;font-size:13px;line-height:1.45';

/**
 * The `Source Code` deck body: the user function's source, escaped, in a preformatted block. When
 * the compiled file has a source map, the original (TypeScript) source is shown, with the compiled
 * JavaScript folded below it.
 */
export function renderSourceCode(fn: (...args: any[]) => unknown): string {
  const compiled = Function.prototype.toString.call(fn);
  const original = originalSourceOf(fn);
  if (original === undefined) {
    return `<pre style="${preStyle}"><code>${escapeHtml(compiled)}</code></pre>`;
  }
  return `<p style="font-size:13px;color:#555">${escapeHtml(original.file)} (through its source map)</p><pre style="${preStyle}"><code>${escapeHtml(original.text)}</code></pre><details><summary style="font-size:13px">Compiled JavaScript</summary><pre style="${preStyle}"><code>${escapeHtml(compiled)}</code></pre></details>`;
}
