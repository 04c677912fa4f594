import { escapeHtml } from '../html/escape-html';
import type { TypeDescriptor } from '../types/type-descriptor';

function toDisplayJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item) => {
      if (typeof item === 'number' && !Number.isFinite(item)) return String(item);
      if (typeof item === 'bigint') return item.toString();
      return item;
    },
    2,
  );
}

/** One Input/Output deck fragment: the descriptor's own `toHtml`, else escaped JSON. */
export function renderValueHtml(
  name: string,
  value: unknown,
  descriptor: TypeDescriptor<any> | undefined,
): string {
  const body = descriptor?.toHtml
    ? descriptor.toHtml(value)
    : `<pre>${escapeHtml(toDisplayJson(value) ?? String(value))}</pre>`;
  return `<h3>${escapeHtml(name)}</h3>${body}`;
}
