/** The part of the report data the top-allocators list reads. */
export interface TopAllocatorsInput {
  hideInternal: boolean;
  strings: string[];
  nodes: { name: number[]; file: number[]; line: number[]; self: number[]; parent: number[]; kind: number[] };
  kinds: readonly string[];
}

/** One entry of the top-allocators list. */
export interface TopAllocator {
  name: string;
  location: string;
  bytes: number;
}

/**
 * Largest self bytes by function, with internal frames folded into their nearest visible caller
 * and named there ("parse via exec").
 * The report also runs it in the browser (a `--temporal` range changes the bytes), serialised with
 * `String()`, so it must stay self-contained.
 */
export function topAllocatorsOf(data: TopAllocatorsInput, count: number): TopAllocator[] {
  // The kinds "Hide Node internals & VM frames" hides (memray's "Hide Irrelevant Frames"), as the
  // flamegraph's own filter in report-client.ts.
  const internal = new Set(['node', 'builtin', 'profiler']);
  const nodes = data.nodes;
  const visible: number[] = [];
  // The outermost hidden Node/V8 frame under the visible owner ('' when none): bytes allocated
  // inside internals are listed as "caller via readFileSync", never as the caller's own.
  const via: string[] = [];
  const bytes = new Map<string, TopAllocator>();
  for (let index = 0; index < nodes.name.length; index++) {
    const kind = data.kinds[nodes.kind[index]!]!;
    const parent = nodes.parent[index]!;
    const hidden = data.hideInternal && internal.has(kind);
    visible[index] = hidden ? (parent === -1 ? -1 : visible[parent]!) : index;
    const inherited = parent === -1 ? '' : via[parent]!;
    via[index] = !hidden
      ? ''
      : kind === 'profiler' || inherited !== ''
        ? inherited
        : data.strings[nodes.name[index]!]!;
    const owner = visible[index]!;
    if (owner === -1 || nodes.self[index] === 0) continue;
    if (data.kinds[nodes.kind[owner]!] === 'thread') continue;
    const name =
      via[index] === ''
        ? data.strings[nodes.name[owner]!]!
        : `${data.strings[nodes.name[owner]!]!} via ${via[index]}`;
    const file = data.strings[nodes.file[owner]!]!;
    const location = file === '' ? '' : `${file}:${nodes.line[owner]}`;
    const key = `${name}\u0000${location}`;
    const entry = bytes.get(key) ?? { name, location, bytes: 0 };
    entry.bytes += nodes.self[index]!;
    bytes.set(key, entry);
  }
  return [...bytes.values()].sort((left, right) => right.bytes - left.bytes).slice(0, count);
}
