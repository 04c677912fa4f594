import type { LegacyOperation } from './legacy-operation';

const int32Minimum = -2_147_483_648;
const int32Maximum = 2_147_483_647;

/**
 * The operations `run[path] = value` produces in the 1.x client: numbers become AssignInt when
 * they are integers in int32 range (the server's int type; JS has no separate int, so larger
 * integers are kept as AssignFloat where Python would skip them), booleans AssignBool, strings
 * AssignString, dates AssignDatetime, plain objects assign each entry under `path/key`. Anything
 * else (null, undefined, arrays, functions, non-finite numbers) is unsupported and reported.
 */
export function assignOperations(
  path: string[],
  value: unknown,
  unsupported: (path: string[], value: unknown) => void,
  seen: ReadonlySet<object> = new Set(),
): LegacyOperation[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      unsupported(path, value);
      return [];
    }
    const isInt32 = Number.isInteger(value) && value >= int32Minimum && value <= int32Maximum;
    return [{ type: isInt32 ? 'AssignInt' : 'AssignFloat', path, value }];
  }
  if (typeof value === 'boolean') return [{ type: 'AssignBool', path, value }];
  if (typeof value === 'string') return [{ type: 'AssignString', path, value }];
  if (typeof value === 'bigint') {
    return assignOperations(path, Number(value), unsupported);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      unsupported(path, value);
      return [];
    }
    return [{ type: 'AssignDatetime', path, value: value.getTime() }];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value);
    // A cycle is unsupported at the point it closes; everything before it is still assigned.
    if ((prototype === Object.prototype || prototype === null) && !seen.has(value)) {
      const inside = new Set(seen).add(value);
      return Object.entries(value).flatMap(([key, entry]) =>
        assignOperations([...path, ...key.split('/')], entry, unsupported, inside),
      );
    }
  }
  unsupported(path, value);
  return [];
}
