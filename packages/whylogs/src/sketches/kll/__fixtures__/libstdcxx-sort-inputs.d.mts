export interface SortCase {
  seed: number;
  size: number;
  shape: 'random' | 'ascending' | 'descending' | 'zeros';
}
export function caseInput(seed: number, size: number, shape: SortCase['shape']): Float64Array;
export const cases: SortCase[];
