/**
 * Printed numpy arrays, images and errors.
 *
 * Arrays: `[0. 0. 1. 0. …]` (print), `array([1.6e-12, …], dtype=float32)` (repr), possibly wrapped
 * over lines. A 2-D array with a single row (`array([[…]])`, predict on one sample) counts with its row.
 * Summarised arrays (`...`), several rows and plain Python lists (`[0.12, 0.98]`) do not.
 * One pass over the text with a stack of open brackets: linear in the text length.
 */
import type { ArrayFact, NotebookCell, OutputEvidence } from '../types.js';
import { cellOutputView, linesOf } from './cell-lines.js';

const ALLOWED = /[0-9.eE+\-,\s\[\]naifNI]/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$|^[-+]?(?:nan|inf)$/i;

interface Frame {
  open: number;
  line: number;
  rows: number;
}

/** Arrays printed in a text whose first line is `firstLine` of cell `cell`. */
export function arraysInText(text: string, cell: number, firstLine = 1): ArrayFact[] {
  const facts: ArrayFact[] = [];
  const stack: Frame[] = [];
  let validFloor = 0; // frames below this depth saw a character that no numeric array holds
  let line = firstLine;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (ch === '[') {
      const parent = stack[stack.length - 1];
      if (parent && stack.length - 1 >= validFloor) parent.rows++;
      stack.push({ open: i, line, rows: 0 });
    } else if (ch === ']') {
      const frame = stack.pop();
      if (!frame) continue;
      const valid = stack.length >= validFloor;
      validFloor = Math.min(validFloor, stack.length);
      const parentValid = stack.length > 0 && stack.length - 1 >= validFloor;
      if (valid && !parentValid && frame.rows <= 1) {
        const values = arrayValues(text, frame.open, i);
        if (values) facts.push({ values, at: { cell, line: frame.line } });
      }
    } else if (!ALLOWED.test(ch)) {
      validFloor = stack.length;
    }
  }
  return facts;
}

/** Values between brackets at `open` and `close`, or null when it is not a numpy array print. */
function arrayValues(text: string, open: number, close: number): number[] | null {
  const body = text.slice(open, close + 1);
  if (body.includes('...')) return null;
  const isRepr = /array\(\s*$/.test(text.slice(Math.max(0, open - 16), open));
  if (body.includes(',') && !isRepr) return null; // a Python list, not a numpy array
  const tokens = body.replace(/[[\],]/g, ' ').trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length < 2 || !tokens.every((t) => NUMBER.test(t))) return null;
  return tokens.map((t) => (/nan/i.test(t) ? Number.NaN : /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t)));
}

export function parseArrays(cells: readonly NotebookCell[]): ArrayFact[] {
  const facts: ArrayFact[] = [];
  for (const cell of cells) {
    if (cell.type !== 'code' || cell.outputs.length === 0) continue;
    const view = cellOutputView(cell);
    const lines = linesOf(view, ['stdout', 'execute_result', 'display_data']);
    // consecutive lines of one output are scanned together so that wrapped arrays stay whole
    let start = 0;
    while (start < lines.length) {
      let end = start + 1;
      while (end < lines.length && lines[end]!.output === lines[start]!.output) end++;
      const text = lines.slice(start, end).map((l) => l.text).join('\n');
      facts.push(...arraysInText(text, cell.index, lines[start]!.line));
      start = end;
    }
  }
  return facts;
}

export function collectImages(cells: readonly NotebookCell[]): OutputEvidence['images'] {
  return cells.flatMap((cell) => {
    const view = cellOutputView(cell);
    return cell.outputs.flatMap((output, i) => output.images.map((mime) => ({ mime, at: { cell: cell.index, line: view.outputStart[i] ?? 1 } })));
  });
}

export function collectErrors(cells: readonly NotebookCell[]): OutputEvidence['errors'] {
  return cells.flatMap((cell) => {
    const view = cellOutputView(cell);
    return cell.outputs.flatMap((output, i) =>
      output.kind === 'error' ? [{ ename: output.ename ?? '', message: output.evalue ?? '', at: { cell: cell.index, line: view.outputStart[i] ?? 1 } }] : [],
    );
  });
}
