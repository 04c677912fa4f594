const alphabet = 'abcdefghijklmnopqrstuvwxyz123456';
const utf8 = new TextEncoder();

/** FNV-1a, 32 bit, over UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Base32 of the 4 big-endian hash bytes with Flyte's lower-case alphabet, no padding (7 chars). */
function base32(hash: number): string {
  const bytes = [(hash >>> 24) & 0xff, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff];
  let bits = 0;
  let buffer = 0;
  let output = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * Flyte's `FixedLengthUniqueIDForParts`: the parts joined with `-` (a dash only after a non-empty
 * prefix) when its UTF-8 byte length (Go's `len`) fits in `maxLength`, else `f` +
 * base32(FNV-1a-32) — 8 characters.
 * This is how propeller names pods (max 50) and nested node ids (max 20).
 */
export function fixedLengthUniqueId(parts: readonly string[], maxLength: number): string {
  let joined = '';
  for (const [index, part] of parts.entries()) {
    if (index > 0 && joined.length > 0) joined += '-';
    joined += part;
  }
  if (utf8.encode(joined).length <= maxLength) return joined;
  return `f${base32(fnv1a32(joined))}`;
}

/** A single string shortened the same way (`FixedLengthUniqueID`). */
export function fixedLengthUniqueIdForString(text: string, maxLength: number): string {
  return fixedLengthUniqueId([text], maxLength);
}

/** The pod name propeller gives a task attempt: `<execution>-<unique node id>-<attempt>`, max 50. */
export function podName(executionName: string, uniqueNodeId: string, retryAttempt: number): string {
  return fixedLengthUniqueId([executionName, uniqueNodeId, String(retryAttempt)], 50);
}

/** The unique id of a node nested in a parent node (subworkflow, dynamic): max 20 characters. */
export function nestedNodeId(parentUniqueId: string, parentRetryAttempt: number, nodeId: string): string {
  return fixedLengthUniqueId([parentUniqueId, String(parentRetryAttempt), nodeId], 20);
}
