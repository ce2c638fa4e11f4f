/**
 * The notebook, cell by cell, as a TA reads it: Markdown rendered without raw HTML, code highlighted,
 * outputs as text and verified images; beside each cell, the criteria whose result rests on it, and in
 * the cell the lines that decide them highlighted (a long log folded around them, never scrolled away).
 * Cells are anchored as #cell-<n> (1-based, as people count and as findings say "セル n").
 */
import { cellOutputView } from '../../core/outputs/cell-lines.js';
import type { CriterionResult, Notebook, NotebookCell } from '../../types.js';
import { html, raw, type Raw } from './escape.js';
import type { EvidenceKind } from './evidence-cells.js';
import { renderSource, renderTextLines } from './lines.js';
import { renderMarkdown } from './markdown.js';
import { renderOutput } from './outputs.js';

export const STATUS_MARK: Record<CriterionResult['status'], string> = {
  met: '○ 満たす',
  'partly-met': '△ 一部',
  'not-met': '× 満たさない',
  unreadable: '? 読めない',
};

export interface Pin {
  result: CriterionResult;
  /** Findings located in this cell (all of them when the pin comes from evidence, not findings). */
  messages: Raw[];
  /** What the criterion's check reads here. */
  kind: EvidenceKind;
}

/** Lines to highlight in one cell: source lines and output lines (1-based). */
export interface CellMarks {
  code: Set<number>;
  output: Set<number>;
}

const cellId = (index: number): string => `cell-${index + 1}`;
export const cellHref = (index: number): string => `#${cellId(index)}`;

function prompt(cell: NotebookCell): string {
  if (cell.type === 'markdown') return 'Markdown';
  if (cell.type === 'raw') return 'Raw';
  return `In [${cell.executionCount ?? ' '}]`;
}

const NO_MARKS: CellMarks = { code: new Set(), output: new Set() };

function cellBody(cell: NotebookCell, marks: CellMarks): Raw {
  if (cell.type === 'markdown') return html`<div class="md">${raw(renderMarkdown(cell.source, { headingOffset: 2 }))}</div>`;
  if (cell.type === 'raw') return renderTextLines(cell.source, 1, new Set(), 'raw-cell');
  const starts = cell.outputs.length > 0 ? cellOutputView(cell).outputStart : [];
  const outputs = cell.outputs.map((output, i) => renderOutput(output, starts[i] ?? 1, marks.output));
  const empty = cell.outputs.length === 0 ? html`<p class="omitted">(出力なし)</p>` : '';
  return html`${renderSource(cell.source, marks.code)}${outputs}${empty}`;
}

function evidenceNote(pin: Pin, cell: NotebookCell, marked: boolean): string {
  const hasOutput = cell.outputs.length > 0;
  const what = pin.kind === 'code' || !hasOutput ? 'コード' : pin.kind === 'output' ? '出力' : 'コードと出力';
  return `このセルの${what}${marked ? '(強調した行)' : ''}が根拠です。`;
}

function pinBox(pin: Pin, cell: NotebookCell, marks: CellMarks): Raw {
  const r = pin.result;
  const marked = marks.code.size + marks.output.size > 0;
  return html`<div class="pin c-${r.status}"><div class="t"><a href="${`#crit-${r.id}`}">${r.title}</a> <span class="badge c-${r.status}">${STATUS_MARK[r.status]} ${r.points}/${r.maxPoints}</span>${r.hidden ? html` <span class="badge hidden-crit">非公開</span>` : ''}</div>${
    pin.messages.length > 0 ? html`<ul class="findings">${pin.messages.map((m) => html`<li>${m}</li>`)}</ul>` : html`<div class="muted">${evidenceNote(pin, cell, marked)}</div>`
  }</div>`;
}

export function notebookView(notebook: Notebook, pins: Map<number, Pin[]>, marks: Map<number, CellMarks> = new Map()): Raw {
  const cells = notebook.cells.map((cell) => {
    const here = pins.get(cell.index) ?? [];
    const cellMarks = marks.get(cell.index) ?? NO_MARKS;
    return html`<div class="cell" id="${cellId(cell.index)}"><div class="body"><div class="prompt">セル ${cell.index + 1} · ${prompt(cell)}</div>${cellBody(cell, cellMarks)}</div><div class="pins">${here.map((pin) => pinBox(pin, cell, cellMarks))}</div></div>`;
  });
  return html`<div class="nb">${cells}</div>`;
}
