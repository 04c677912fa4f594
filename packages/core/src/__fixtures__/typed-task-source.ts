// Compiled by decks/source-code-deck.test.ts with the TypeScript compiler (with a source map) to
// check that the Source Code deck shows this TypeScript, not the JavaScript made from it.
interface Row {
  id: number;
  score: number;
}

export async function scoreRows(rows: readonly Row[], weight: number): Promise<number> {
  const total: number = rows.reduce((sum: number, row: Row) => sum + row.score * weight, 0);
  return total satisfies number;
}
