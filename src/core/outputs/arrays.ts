/**
 * Printed numpy arrays, images and errors.
 *
 * Arrays: `[0. 0. 1. 0. …]` (print), `array([1.6e-12, …], dtype=float32)` (repr), possibly wrapped
 * over lines. A 2-D array with a single row (`array([[…]])`, predict on one sample) counts with its row.
 * Summarised arrays (`...`), several rows and plain Python lists (`[0.12, 0.98]`) do not.
 * One pass over the text with a stack of open brackets: linear in the text length. Bounded on hostile text:
 * brackets nested deeper than numpy can print (32 dimensions) and arrays longer than MAX_ARRAY_CHARS are
 * not read.
 */
import type { ArrayFact, NotebookCell, OutputEvidence } from '../../types.js';
import { cellOutputView, segmentsOf } from './cell-lines.js';
import { MAX_FACTS_PER_CELL } from './limits.js';

/** Characters a printed numeric array may hold (ASCII; other whitespace is tested with \s). */
const ALLOWED = new Uint8Array(128);
for (const ch of '0123456789.eE+-,[]naifNI \t\n\r') ALLOWED[ch.charCodeAt(0)] = 1;
const WHITESPACE = /\s/;
/** numpy's NPY_MAXDIMS: deeper brackets are not an array print. */
const MAX_DEPTH = 32;
/** numpy summarises arrays over 1,000 values unless told not to; a print longer than this is not read. */
const MAX_ARRAY_CHARS = 1_000_000;
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
  let overflow = 0; // open brackets beyond MAX_DEPTH (not pushed)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) line++;
    if (code === 0x5b /* [ */) {
      if (stack.length >= MAX_DEPTH) {
        overflow++;
        validFloor = stack.length;
        continue;
      }
      const parent = stack[stack.length - 1];
      if (parent && stack.length - 1 >= validFloor) parent.rows++;
      stack.push({ open: i, line, rows: 0 });
    } else if (code === 0x5d /* ] */) {
      if (overflow > 0) {
        overflow--;
        continue;
      }
      const frame = stack.pop();
      if (!frame) continue;
      const valid = stack.length >= validFloor;
      validFloor = Math.min(validFloor, stack.length);
      const parentValid = stack.length > 0 && stack.length - 1 >= validFloor;
      if (valid && !parentValid && frame.rows <= 1 && facts.length < MAX_FACTS_PER_CELL) {
        const values = arrayValues(text, frame.open, i);
        if (values) facts.push({ values, at: { cell, line: frame.line } });
      }
    } else if (code < 128 ? ALLOWED[code] === 0 : !WHITESPACE.test(text[i]!)) {
      validFloor = stack.length;
    }
  }
  return facts;
}

/** Values between brackets at `open` and `close`, or null when it is not a numpy array print. */
function arrayValues(text: string, open: number, close: number): number[] | null {
  if (close - open > MAX_ARRAY_CHARS) return null;
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
    // the lines of one output are scanned together so that wrapped arrays stay whole
    let found = 0;
    for (const segment of segmentsOf(cellOutputView(cell), ['stdout', 'execute_result', 'display_data'])) {
      if (found >= MAX_FACTS_PER_CELL) break;
      const text = segment.lines.join('\n');
      if (!text.includes('[')) continue;
      for (const fact of arraysInText(text, cell.index, segment.firstLine)) if (found++ < MAX_FACTS_PER_CELL) facts.push(fact);
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
