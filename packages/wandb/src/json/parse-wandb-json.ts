/** JSON.parse that also accepts the bare `NaN`, `Infinity` and `-Infinity` tokens W&B writes. */
export function parseWandbJson(text: string): unknown {
  if (!/NaN|Infinity/.test(text)) return JSON.parse(text);
  // Only tokens outside strings: mark them as strings first, then turn them back into numbers.
  const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g, (match, quoted: string | undefined) =>
    quoted !== undefined ? match : `"__wandb_number__${match}"`,
  );
  return JSON.parse(marked, (_key, value) => {
    if (typeof value === 'string' && value.startsWith('__wandb_number__')) return Number(value.slice(16));
    return value;
  });
}
