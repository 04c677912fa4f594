/**
 * Python floats with an integral value (`3.0`) decode to JavaScript numbers indistinguishable from
 * ints. The decoder records, in a hidden symbol property of the containing object or array, which
 * keys held floats; the encoder writes those back as floats when the same container is returned,
 * so `{'f': 3.0}` echoes as `{'f': 3.0}` and not `{'f': 3}`. A copy of the container loses the mark.
 */
export const floatKeysMark: unique symbol = Symbol.for('tasklens.msgpack.float-keys');

type Marked = { [floatKeysMark]?: Set<string | number> };

/** Remembers that `container[key]` was a float on the wire. */
export function markFloat(container: object, key: string | number): void {
  const marked = container as Marked;
  if (marked[floatKeysMark] === undefined) {
    Object.defineProperty(container, floatKeysMark, { value: new Set(), enumerable: false });
  }
  marked[floatKeysMark]!.add(key);
}

/** Whether `container[key]` was a float on the wire. */
export function wasFloat(container: object, key: string | number): boolean {
  return (container as Marked)[floatKeysMark]?.has(key) ?? false;
}
