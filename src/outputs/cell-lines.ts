/**
 * A cell's saved outputs seen as one sequence of text lines, which is how the parsers read them.
 *
 * Line numbers (Location.line) count through the cell's outputs in order: every output's text starts
 * on a new line, a trailing newline does not add an empty line. Keras 3 writes one model.summary() as
 * five or six display_data outputs; read this way they are consecutive lines again.
 */
import type { CleanOutput, NotebookCell, OutputKind } from '../types.js';

export interface OutputLine {
  /** Cleaned text of the line (no newline). */
  text: string;
  /** 1-based line number across the cell's outputs. */
  line: number;
  /** Index of the output inside the cell. */
  output: number;
  kind: OutputKind;
  stream?: 'stdout' | 'stderr';
}

export interface CellOutputView {
  cell: number;
  lines: OutputLine[];
  /** First line number of each output (the line it would start on when it has no text). */
  outputStart: number[];
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
  const lines: OutputLine[] = [];
  const outputStart: number[] = [];
  cell.outputs.forEach((output, index) => {
    outputStart.push(lines.length + 1);
    const text = outputText(output);
    if (text === '') return;
    const parts = text.split('\n');
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) {
      const line: OutputLine = { text: part, line: lines.length + 1, output: index, kind: output.kind };
      if (output.stream) line.stream = output.stream;
      lines.push(line);
    }
  });
  return { cell: cell.index, lines, outputStart };
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

/** Lines of the given kinds: 'stdout' / 'stderr' select streams, other names select output kinds. */
export function linesOf(view: CellOutputView, kinds: readonly (OutputKind | 'stdout' | 'stderr')[]): OutputLine[] {
  return view.lines.filter((line) =>
    line.kind === 'stream' ? kinds.includes(line.stream ?? 'stdout') || kinds.includes('stream') : kinds.includes(line.kind),
  );
}
