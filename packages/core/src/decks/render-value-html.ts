import { escapeHtml } from '../html/escape-html';
import type { TypeDescriptor } from '../types/type-descriptor';
import { formatNumberForPeople } from './format-number-for-people';

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

/**
 * The value as indented JSON-like HTML with numbers rounded for people; each rounded number keeps
 * its exact value in a tooltip (`title`). `rounded` tells whether any number was rounded.
 */
function peopleHtml(value: unknown, indent: string, state: { rounded: boolean }, seen: Set<unknown>): string {
  if (typeof value === 'number') {
    const shown = formatNumberForPeople(value);
    if (shown === String(value)) return escapeHtml(shown);
    state.rounded = true;
    return `<span title="${escapeHtml(String(value))}" data-exact="${escapeHtml(String(value))}">${escapeHtml(shown)}</span>`;
  }
  if (typeof value === 'bigint') return escapeHtml(value.toString());
  if (value === null || typeof value !== 'object') return escapeHtml(toDisplayJson(value) ?? String(value));
  if (seen.has(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return escapeHtml(toDisplayJson(value) ?? String(value));
  }
  seen.add(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => `${inner}${peopleHtml(item, inner, state, seen)}`)
    : Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined && typeof item !== 'function')
        .map(
          ([key, item]) =>
            `${inner}${escapeHtml(JSON.stringify(key))}: ${peopleHtml(item, inner, state, seen)}`,
        );
  seen.delete(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length === 0 ? `${open}${close}` : `${open}\n${entries.join(',\n')}\n${indent}${close}`;
}

/**
 * One Input/Output deck fragment: the descriptor's own `toHtml`, else the value as JSON with numbers
 * rounded for people (exact value on hover, and the exact JSON in a block to copy when rounded).
 */
export function renderValueHtml(
  name: string,
  value: unknown,
  descriptor: TypeDescriptor<any> | undefined,
): string {
  if (descriptor?.toHtml) return `<h3>${escapeHtml(name)}</h3>${descriptor.toHtml(value)}`;
  const state = { rounded: false };
  const shown = peopleHtml(value, '', state, new Set());
  const exact = state.rounded
    ? `<details><summary>Exact values</summary><pre style="overflow:auto">${escapeHtml(toDisplayJson(value) ?? String(value))}</pre></details>`
    : '';
  return `<h3>${escapeHtml(name)}</h3><pre style="overflow:auto">${shown}</pre>${exact}`;
}
