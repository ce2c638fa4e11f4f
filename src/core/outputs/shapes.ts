/**
 * Printed array shapes: `(60000, 28, 28)`, `(60000,)`, `(60000, 784) float32`,
 * `('Training matrix shape', (60000, 784))`, `(60000, 784) (10000, 784)`.
 * Only tuples of whole numbers count, so Keras summary shapes `(None, 32)` and sizes `(99.41 KB)` do not.
 */
import type { Location, NotebookCell, ShapeFact } from '../../types.js';
import { cellOutputView, linesOf } from './cell-lines.js';
import { MAX_FACTS_PER_CELL } from './limits.js';

/**
 * A tuple of non-negative integers with at least one comma; not preceded by a name (a call such as `f(1, 2)`).
 * At most 64 dimensions (numpy's limit): the bound also keeps the regex's backtracking small on a huge tuple,
 * and no two `\s*` touch (`\s*(?:,\s*)?` rather than `\s*,?\s*`), which would be quadratic on long blank runs.
 */
const SHAPE_TUPLE = /(?<![\w.])\(\s*(\d+)\s*,((?:\s*\d+\s*,){0,62}\s*\d+)?\s*(?:,\s*)?\)/g;
/** A Keras 2 summary row: `dense (Dense)   (32, 10)   330`. */
const SUMMARY_ROW = /^\s*\S+\s+\(\w+\)\s+\(.*\)\s+\d[\d,]*\s*$/;

/** Shapes printed in one line of output text. */
export function shapesInText(text: string, at: Location, limit = Infinity): ShapeFact[] {
  const facts: ShapeFact[] = [];
  const lines = text.split('\n');
  lines.forEach((line, offset) => {
    if (SUMMARY_ROW.test(line) || line.includes('│')) return;
    for (const match of line.matchAll(SHAPE_TUPLE)) {
      if (facts.length >= limit) return;
      const dims = [match[1]!, ...(match[2] ?? '').split(',')].map((d) => d.trim()).filter((d) => d !== '');
      facts.push({ shape: dims.map(Number), at: { cell: at.cell, line: (at.line ?? 1) + offset } });
    }
  });
  return facts;
}

/** Shapes printed to stdout or shown as a cell's result, in cell and line order. */
export function parseShapes(cells: readonly NotebookCell[]): ShapeFact[] {
  const facts: ShapeFact[] = [];
  for (const cell of cells) {
    if (cell.type !== 'code') continue;
    const { texts, lineNumbers } = linesOf(cellOutputView(cell), ['stdout', 'execute_result']);
    let found = 0;
    for (let i = 0; i < texts.length && found < MAX_FACTS_PER_CELL; i++) {
      const text = texts[i]!;
      if (!text.includes('(')) continue;
      for (const fact of shapesInText(text, { cell: cell.index, line: lineNumbers[i]! }, MAX_FACTS_PER_CELL - found)) {
        facts.push(fact);
        found++;
      }
    }
  }
  return facts;
}
