/** The evidence stage: what the code says (static analysis) and what the saved outputs show. */
import { extractCodeEvidence } from './python/index.js';
import { extractOutputEvidence } from './outputs/index.js';
import type { Evidence, FitSpec, Notebook } from '../types.js';

function executionOrder(counts: number[]): Evidence['notebook']['executionOrder'] {
  if (counts.length === 0) return 'not-run';
  return counts.every((count, i) => i === 0 || count > (counts[i - 1] ?? 0)) ? 'in-order' : 'out-of-order';
}

/** A code cell with something to run: not blank and not only comments (a last `# name` cell is not code left unrun). */
const hasCode = (source: string): boolean => source.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'));

export function summariseNotebook(notebook: Notebook): Evidence['notebook'] {
  const code = notebook.cells.filter((cell) => cell.type === 'code' && hasCode(cell.source));
  const counts = code.flatMap((cell) => (cell.executionCount === null ? [] : [cell.executionCount]));
  // outputs saved without any execution count: the counts were stripped, the cells did run
  const stripped = counts.length === 0 && code.some((cell) => cell.outputs.length > 0);
  return {
    nbformat: notebook.nbformat,
    codeCells: code.length,
    executedCells: stripped ? code.length : counts.length,
    executionOrder: stripped ? 'unknown' : executionOrder(counts),
    colab: notebook.colab,
    accelerator: notebook.accelerator,
  };
}

/**
 * The fit call whose run printed each training log (same order as `evidence.outputs.trainingLogs`): the
 * fits that the log's cell ran, taken in order (a method's fit runs in the calling cell); null when the
 * cell ran no fit the interpreter saw.
 */
export function fitOfEachLog(evidence: Evidence): (FitSpec | null)[] {
  const fitsByCell = new Map<number, FitSpec[]>();
  for (const fit of evidence.code.fits) fitsByCell.set(fit.ranIn, [...(fitsByCell.get(fit.ranIn) ?? []), fit]);
  const used = new Map<number, number>();
  return evidence.outputs.trainingLogs.map((log) => {
    const index = used.get(log.at.cell) ?? 0;
    used.set(log.at.cell, index + 1);
    const fits = fitsByCell.get(log.at.cell) ?? [];
    return fits[Math.min(index, fits.length - 1)] ?? null;
  });
}

export async function extractEvidence(notebook: Notebook): Promise<Evidence> {
  return {
    notebook: summariseNotebook(notebook),
    code: await extractCodeEvidence(notebook.cells),
    outputs: extractOutputEvidence(notebook),
  };
}
