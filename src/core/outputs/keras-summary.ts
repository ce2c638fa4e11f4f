/**
 * model.summary() → SummaryTable, in every format of the catalogue:
 * Keras 2 classic (`____` rules, with or without `Model:`), TF 2.6–2.13 spaced, TF 2.14/2.15 with sizes
 * (`Total params: 25450 (99.41 KB)`, `-----` rules too), and Keras 3 box tables whose header, table and
 * totals are separate display_data outputs (read as consecutive lines, see cell-lines.ts).
 */
import type { Location, NotebookCell, SummaryFormat, SummaryTable } from '../../types.js';
import { cellOutputView, linesOf } from './cell-lines.js';
import { MAX_FACTS_PER_CELL } from './limits.js';
import { isBoxTop, isKeras2Header, isRule, parseBoxTable, parseKeras2Table } from './summary-tables.js';

const TOTAL_LINE = /^\s*(Total|Trainable|Non-trainable|Optimizer) params:\s*(\d[\d,]*)\s*(\([^)]*\))?/;
const MODEL_LINE = /^\s*Model:\s*"?([^"]*?)"?\s*$/;

/** Summaries in a sequence of output lines; `lineNumbers[i]` is the Location.line of `lines[i]`. */
export function summariesInLines(lines: readonly string[], cell: number, lineNumbers?: ArrayLike<number>): SummaryTable[] {
  const tables: SummaryTable[] = [];
  const at = (i: number): Location => ({ cell, line: lineNumbers?.[i] ?? i + 1 });
  let i = 0;
  while (i < lines.length && tables.length < MAX_FACTS_PER_CELL) {
    const line = lines[i]!;
    const box = isBoxTop(line);
    if (!box && !isKeras2Header(line)) {
      i++;
      continue;
    }
    const parsed = box ? parseBoxTable(lines, i) : parseKeras2Table(lines, i);
    const head = tableHead(lines, i, box);
    const totals = readTotals(lines, parsed.end);
    tables.push({
      format: box ? 'keras3-box' : keras2Format(parsed.spacedHeader, totals.withSize),
      modelName: head.modelName,
      layers: parsed.layers,
      totalParams: totals.values.Total ?? null,
      trainableParams: totals.values.Trainable ?? null,
      nonTrainableParams: totals.values['Non-trainable'] ?? null,
      optimizerParams: totals.values.Optimizer ?? null,
      at: at(head.first),
    });
    i = Math.max(totals.end, i + 1);
  }
  return tables;
}

function keras2Format(spaced: boolean, withSize: boolean): SummaryFormat {
  if (withSize) return 'keras2-bytes';
  return spaced ? 'keras2-spaced' : 'keras2-classic';
}

/** The `Model: "name"` line and the rule above a Keras 2 header, when present. */
function tableHead(lines: readonly string[], start: number, box: boolean): { modelName: string | null; first: number } {
  let first = start;
  let j = start - 1;
  if (!box && j >= 0 && isRule(lines[j]!)) first = j--;
  while (j >= 0 && j >= start - 4 && lines[j]!.trim() === '') j--;
  const match = j >= 0 ? MODEL_LINE.exec(lines[j]!) : null;
  if (!match) return { modelName: null, first };
  return { modelName: match[1]!.trim() || null, first: j };
}

interface Totals {
  values: Partial<Record<'Total' | 'Trainable' | 'Non-trainable' | 'Optimizer', number>>;
  withSize: boolean;
  end: number;
}

/** Totals after the table: blank lines and rules may come between them; anything else ends them. */
function readTotals(lines: readonly string[], from: number): Totals {
  const totals: Totals = { values: {}, withSize: false, end: from };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const match = TOTAL_LINE.exec(line);
    if (match) {
      const kind = match[1] as keyof Totals['values'];
      if (totals.values[kind] !== undefined) break; // the next summary's totals
      totals.values[kind] = Number(match[2]!.replace(/,/g, ''));
      if (match[3]) totals.withSize = true;
      totals.end = i + 1;
    } else if (isRule(line)) {
      if (Object.keys(totals.values).length > 0) {
        totals.end = i + 1;
        break;
      }
    } else if (line.trim() !== '') break;
  }
  return totals;
}

/** Every model.summary() printed (stdout) or displayed (display_data, execute_result) in the notebook. */
export function parseSummaries(cells: readonly NotebookCell[]): SummaryTable[] {
  const tables: SummaryTable[] = [];
  for (const cell of cells) {
    if (cell.type !== 'code' || cell.outputs.length === 0) continue;
    const lines = linesOf(cellOutputView(cell), ['stdout', 'display_data', 'execute_result']);
    for (const table of summariesInLines(lines.texts, cell.index, lines.lineNumbers)) tables.push(table);
  }
  return tables;
}
