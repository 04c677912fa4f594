import { InvalidOptionError } from '../errors/invalid-option-error';

/** Edit distance with transpositions (optimal string alignment), for "did you mean" hints. */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(
        distance[row - 1]![column]! + 1,
        distance[row]![column - 1]! + 1,
        distance[row - 1]![column - 1]! + cost,
      );
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1])
        best = Math.min(best, distance[row - 2]![column - 2]! + 1);
      distance[row]![column] = best;
    }
  }
  return distance[left.length]![right.length]!;
}

/**
 * The candidate closest to `given`, if it is close enough to be a likely typo (a third of its
 * length, at least 2 edits) or `given` is a prefix of it (`--leak` → `--leaks`).
 */
export function suggestNearest(given: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(given) ? 0.5 : editDistance(given, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(given.length / 3)) ? best.candidate : undefined;
}

/** The error for an unknown `--flag`: names it and suggests the nearest known one. */
export function unknownFlagError(
  command: string,
  flag: string,
  known: readonly string[],
): InvalidOptionError {
  const nearest = suggestNearest(flag, known);
  const hint = nearest === undefined ? `known options: ${known.join(', ')}` : `did you mean ${nearest}?`;
  return new InvalidOptionError({
    option: flag,
    message: `${command}: unknown option ${flag} (${hint}); see \`${command} --help\``,
  });
}
