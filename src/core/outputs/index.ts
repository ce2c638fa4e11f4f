/**
 * The outputs half of the evidence stage: facts read from a notebook's saved outputs. Every parser
 * reads one cell's outputs at a time, so the facts of a cell depend only on its index, its type and what
 * its outputs hold. Most of a class prints the same model summary, shapes and arrays in the same cells
 * (only the training logs differ), so a cell's facts are kept by that content and shared (frozen).
 */
import type { CleanOutput, NotebookCell, Notebook, OutputEvidence } from '../../types.js';
import { deepFreeze } from '../util/freeze.js';
import { collectErrors, collectImages, parseArrays } from './arrays.js';
import { parseSummaries } from './keras-summary.js';
import { parseShapes } from './shapes.js';
import { parseTrainingLogs } from './training-log.js';

export { parseArrays, parseShapes, parseSummaries, parseTrainingLogs, collectErrors, collectImages };

/** Cells whose outputs are longer than this are read without being kept. */
const MAX_KEPT_CELL_CHARS = 200_000;
/** What the kept cells' keys may hold in all (they hold the outputs' text). */
const MAX_KEPT_CHARS = 16_000_000;
const kept = new Map<string, OutputEvidence>();
let keptChars = 0;

/** Everything about an output that a parser reads: its kind, stream, text, HTML where it has no text, image types and error. */
function outputKey(output: CleanOutput): string {
  const html = output.text === '' && output.kind !== 'error' ? (output.html ?? '\u0004') : '';
  return `${output.kind}\u0002${output.stream ?? ''}\u0002${output.images.join(',')}\u0002${output.ename ?? ''}\u0002${output.evalue ?? ''}\u0002${output.text}\u0002${html}`;
}

function cellEvidence(cell: NotebookCell): OutputEvidence {
  const size = cell.outputs.reduce((sum, output) => sum + output.text.length + (output.html?.length ?? 0) + (output.evalue?.length ?? 0), 0);
  // a long output is read as it is: hashing it as a key would cost as much as reading it
  const key = size <= MAX_KEPT_CELL_CHARS ? `${cell.index}\u0001${cell.type}\u0001${cell.outputs.map(outputKey).join('\u0001')}` : null;
  const hit = key === null ? undefined : kept.get(key);
  if (hit) return hit;
  const one = [cell];
  const evidence = deepFreeze({
    shapes: parseShapes(one),
    summaries: parseSummaries(one),
    trainingLogs: parseTrainingLogs(one),
    arrays: parseArrays(one),
    images: collectImages(one),
    errors: collectErrors(one),
  });
  if (key !== null && keptChars + key.length <= MAX_KEPT_CHARS) {
    kept.set(key, evidence);
    keptChars += key.length;
  }
  return evidence;
}

export function extractOutputEvidence(notebook: Notebook): OutputEvidence {
  const all: OutputEvidence = { shapes: [], summaries: [], trainingLogs: [], arrays: [], images: [], errors: [] };
  for (const cell of notebook.cells) {
    if (cell.outputs.length === 0) continue;
    const one = cellEvidence(cell);
    all.shapes.push(...one.shapes);
    all.summaries.push(...one.summaries);
    all.trainingLogs.push(...one.trainingLogs);
    all.arrays.push(...one.arrays);
    all.images.push(...one.images);
    all.errors.push(...one.errors);
  }
  return all;
}
