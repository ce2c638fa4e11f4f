/**
 * The order in which the student's kernel ran the code cells: cells with an execution count are sorted
 * by it (ties keep document order) into the positions that counted cells occupy; cells never run
 * (count null) keep their document position.
 */
import type { NotebookCell } from '../../types.js';

export function codeCellsInExecutionOrder(cells: readonly NotebookCell[]): NotebookCell[] {
  const code = cells.filter((cell) => cell.type === 'code');
  const counted = code
    .map((cell, position) => ({ cell, position }))
    .filter((entry) => entry.cell.executionCount !== null)
    .sort((a, b) => (a.cell.executionCount ?? 0) - (b.cell.executionCount ?? 0) || a.position - b.position)
    .map((entry) => entry.cell);
  let next = 0;
  return code.map((cell) => (cell.executionCount === null ? cell : (counted[next++] ?? cell)));
}
