/**
 * A cell's saved outputs seen as one sequence of text lines, which is how the parsers read them.
 *
 * Line numbers (Location.line) count through the cell's outputs in order: every output's text starts
 * on a new line, a trailing newline does not add an empty line. Keras 3 writes one model.summary() as
 * five or six display_data outputs; read this way they are consecutive lines again.
 */
import type { CleanOutput, NotebookCell, OutputKind } from '../../types.js';

/** One output's text split into lines; its first line has number `firstLine`. */
export interface OutputSegment {
  /** Index of the output inside the cell. */
  output: number;
  kind: OutputKind;
  stream?: 'stdout' | 'stderr';
  /** 1-based line number (across the cell's outputs) of lines[0]. */
  firstLine: number;
  /** Cleaned text lines (no newline). */
  lines: string[];
}

export interface CellOutputView {
  cell: number;
  /** Outputs with text, in order. */
  segments: OutputSegment[];
  /** First line number of each output (the line it would start on when it has no text). */
  outputStart: number[];
  /** Selections already made (see linesOf), by kinds. */
  selections: Map<string, LineSelection>;
}

/**
 * The lines of some outputs as parallel lists (no object per line: an output may hold millions of lines):
 * texts[i] is the text of line number lineNumbers[i].
 */
export interface LineSelection {
  texts: readonly string[];
  lineNumbers: Int32Array;
}

/** Views are cached per cell object (notebooks are plain data that nothing mutates after parsing). */
const views = new WeakMap<NotebookCell, CellOutputView>();

export function cellOutputView(cell: NotebookCell): CellOutputView {
  const cached = views.get(cell);
  if (cached) return cached;
  const view = buildView(cell);
  views.set(cell, view);
  return view;
}

function buildView(cell: NotebookCell): CellOutputView {
  const segments: OutputSegment[] = [];
  const outputStart: number[] = [];
  let next = 1;
  cell.outputs.forEach((output, index) => {
    outputStart.push(next);
    const text = outputText(output);
    if (text === '') return;
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const segment: OutputSegment = { output: index, kind: output.kind, firstLine: next, lines };
    if (output.stream) segment.stream = output.stream;
    segments.push(segment);
    next += lines.length;
  });
  return { cell: cell.index, segments, outputStart, selections: new Map() };
}

/** HTML longer than this is not turned into text (a Keras 3 summary's `<pre>` is a few kilobytes). */
const MAX_HTML_CHARS = 1_000_000;

/** text/plain, or for a display without it the text of an HTML `<pre>` (Keras 3 rich output). */
function outputText(output: CleanOutput): string {
  if (output.text !== '' || output.html === undefined || output.kind === 'error') return output.text;
  if (output.html.length > MAX_HTML_CHARS) return '';
  return /^\s*<pre\b/i.test(output.html) ? htmlPreToText(output.html) : '';
}

export function htmlPreToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^<>]*>/g, '') // not <[^>]*>: quadratic on a run of '<' without '>'
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (_, entity: string) => decodeEntity(entity))
    .replace(/\n$/, '');
}

function decodeEntity(entity: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
  const lower = entity.toLowerCase();
  if (!lower.startsWith('#')) return named[lower] ?? '';
  const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

type LineKind = OutputKind | 'stdout' | 'stderr';

/** Outputs of the given kinds: 'stdout' / 'stderr' select streams, other names select output kinds. */
export function segmentsOf(view: CellOutputView, kinds: readonly LineKind[]): OutputSegment[] {
  return view.segments.filter((segment) =>
    segment.kind === 'stream' ? kinds.includes(segment.stream ?? 'stdout') || kinds.includes('stream') : kinds.includes(segment.kind),
  );
}

function joinLines(segments: readonly OutputSegment[]): string[] {
  const texts: string[] = [];
  for (const segment of segments) for (const line of segment.lines) texts.push(line);
  return texts;
}

/** The lines of the outputs of the given kinds, in order (cached on the view). */
export function linesOf(view: CellOutputView, kinds: readonly LineKind[]): LineSelection {
  const key = kinds.join(',');
  const cached = view.selections.get(key);
  if (cached) return cached;
  const segments = segmentsOf(view, kinds);
  const texts = segments.length === 1 ? segments[0]!.lines : joinLines(segments);
  const lineNumbers = new Int32Array(texts.length);
  let at = 0;
  for (const segment of segments) {
    for (let i = 0; i < segment.lines.length; i++) lineNumbers[at++] = segment.firstLine + i;
  }
  const selection: LineSelection = { texts, lineNumbers };
  view.selections.set(key, selection);
  return selection;
}
