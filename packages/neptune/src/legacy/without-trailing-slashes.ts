/**
 * `text` without its trailing `/`s (`text.replace(/\/+$/, '')`, without a regular expression for
 * V8 to compile inside the first run start that decodes an API token).
 */
// biome-ignore format: the parentheses are the compile hint (compiled at import, not in the first start)
export const withoutTrailingSlashes = (function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === text.length ? text : text.slice(0, end);
});
