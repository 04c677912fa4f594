// The TypeScript side of bench/list-memory.mjs (bench_tasks.py holds the Python twin).
import { task, types } from '@tasklens/core';

/** Sums a list of integers: its memory is the decoding of the list input. */
export const sumList = task(
  { name: 'bench.sum_list', inputs: { xs: types.list(types.integer()) }, outputs: types.integer() },
  async ({ xs }) => xs.reduce((total, value) => total + value, 0),
);
