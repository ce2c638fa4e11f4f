/**
 * The notebook, cell by cell, as a TA reads it: Markdown rendered without raw HTML, code highlighted,
 * outputs as text and verified images; beside each cell, the criteria whose result rests on it.
 * Cells are anchored as #cell-<n> (1-based, as people count and as findings say "セル n").
 */
import type { CriterionResult, Notebook, NotebookCell } from '../../types.js';
import { highlightPython } from './code.js';
import { html, raw, type Raw } from './escape.js';
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
  messages: string[];
}

const cellId = (index: number): string => `cell-${index + 1}`;
export const cellHref = (index: number): string => `#${cellId(index)}`;

function prompt(cell: NotebookCell): string {
  if (cell.type === 'markdown') return 'Markdown';
  if (cell.type === 'raw') return 'Raw';
  return `In [${cell.executionCount ?? ' '}]`;
}

function cellBody(cell: NotebookCell): Raw {
  if (cell.type === 'markdown') return html`<div class="md">${raw(renderMarkdown(cell.source, { headingOffset: 2 }))}</div>`;
  if (cell.type === 'raw') return html`<pre class="src">${cell.source}</pre>`;
  const outputs = cell.outputs.map(renderOutput);
  const empty = cell.outputs.length === 0 ? html`<p class="omitted">(出力なし)</p>` : '';
  return html`<pre class="src"><code class="hljs language-python">${raw(highlightPython(cell.source))}</code></pre>${outputs}${empty}`;
}

function pinBox(pin: Pin): Raw {
  const r = pin.result;
  return html`<div class="pin c-${r.status}"><div class="t">${r.title} <span class="badge c-${r.status}">${STATUS_MARK[r.status]} ${r.points}/${r.maxPoints}</span>${r.hidden ? html` <span class="badge hidden-crit">非公開</span>` : ''}</div>${
    pin.messages.length > 0 ? html`<ul class="findings">${pin.messages.map((m) => html`<li>${m}</li>`)}</ul>` : html`<div class="muted">このセルの出力が根拠です。</div>`
  }</div>`;
}

export function notebookView(notebook: Notebook, pins: Map<number, Pin[]>): Raw {
  const cells = notebook.cells.map((cell) => {
    const here = pins.get(cell.index) ?? [];
    return html`<div class="cell" id="${cellId(cell.index)}"><div class="body"><div class="prompt">セル ${cell.index + 1} · ${prompt(cell)}</div>${cellBody(cell)}</div><div class="pins">${here.map(pinBox)}</div></div>`;
  });
  return html`<div class="nb">${cells}</div>`;
}
