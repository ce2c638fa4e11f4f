/** The evidence stage: what the code says (static analysis) and what the saved outputs show. */
import { extractCodeEvidence } from './python/index.js';
import { extractOutputEvidence } from './outputs/index.js';
import type { Evidence, Notebook } from './types.js';

function executionOrder(counts: number[]): Evidence['notebook']['executionOrder'] {
  if (counts.length === 0) return 'not-run';
  return counts.every((count, i) => i === 0 || count > (counts[i - 1] ?? 0)) ? 'in-order' : 'out-of-order';
}

export function summariseNotebook(notebook: Notebook): Evidence['notebook'] {
  const code = notebook.cells.filter((cell) => cell.type === 'code' && cell.source.trim() !== '');
  const counts = code.flatMap((cell) => (cell.executionCount === null ? [] : [cell.executionCount]));
  return {
    nbformat: notebook.nbformat,
    codeCells: code.length,
    executedCells: counts.length,
    executionOrder: executionOrder(counts),
    colab: notebook.colab,
    accelerator: notebook.accelerator,
  };
}

export async function extractEvidence(notebook: Notebook): Promise<Evidence> {
  return {
    notebook: summariseNotebook(notebook),
    code: await extractCodeEvidence(notebook.cells),
    outputs: extractOutputEvidence(notebook),
  };
}
