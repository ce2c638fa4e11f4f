/** Test helper: notebook cells from code sources. */
import type { NotebookCell } from '../../src/types.js';

export interface CellInput {
  source: string;
  count?: number | null;
  type?: NotebookCell['type'];
}

export function makeCells(inputs: (string | CellInput)[]): NotebookCell[] {
  return inputs.map((input, index) => {
    const cell = typeof input === 'string' ? { source: input } : input;
    return {
      index,
      type: cell.type ?? 'code',
      source: cell.source,
      executionCount: cell.count === undefined ? index + 1 : cell.count,
      outputs: [],
    };
  });
}
