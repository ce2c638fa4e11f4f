/**
 * nbformat 3 (IPython 1–3): cells live in `worksheets[].cells`; code cells keep their source in `input`
 * and their count in `prompt_number`; outputs are `pyout`/`pyerr`/`stream`/`display_data` with mime data
 * stored under short keys (`text`, `html`, `png`, `jpeg`, `svg`). Rewritten here into nbformat 4 shapes.
 */
import { isRecord } from './colab-metadata.js';

const SHORT_MIME: Record<string, string> = {
  text: 'text/plain',
  html: 'text/html',
  png: 'image/png',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  latex: 'text/latex',
  javascript: 'application/javascript',
  json: 'application/json',
};

/** The v3 cells of every worksheet, rewritten as nbformat 4 cells; null when there is no worksheet list. */
export function cellsFromWorksheets(worksheets: unknown): unknown[] | null {
  if (!Array.isArray(worksheets)) return null;
  const cells: unknown[] = [];
  for (const sheet of worksheets) {
    if (!isRecord(sheet) || !Array.isArray(sheet['cells'])) continue;
    for (const cell of sheet['cells']) cells.push(upgradeCell(cell));
  }
  return cells;
}

function upgradeCell(cell: unknown): unknown {
  if (!isRecord(cell)) return cell;
  const type = cell['cell_type'];
  if (type === 'code') {
    return {
      cell_type: 'code',
      source: cell['input'] ?? '',
      execution_count: cell['prompt_number'] ?? null,
      metadata: cell['metadata'] ?? {},
      outputs: Array.isArray(cell['outputs']) ? cell['outputs'].map(upgradeOutput) : [],
    };
  }
  return {
    cell_type: type === 'markdown' || type === 'heading' ? 'markdown' : 'raw',
    source: cell['source'] ?? '',
    metadata: cell['metadata'] ?? {},
  };
}

function upgradeOutput(output: unknown): unknown {
  if (!isRecord(output)) return output;
  const type = output['output_type'];
  if (type === 'stream') return { output_type: 'stream', name: output['stream'] ?? 'stdout', text: output['text'] ?? '' };
  if (type === 'pyerr' || type === 'error') {
    return { output_type: 'error', ename: output['ename'], evalue: output['evalue'], traceback: output['traceback'] };
  }
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    const mime = SHORT_MIME[key] ?? (key.includes('/') ? key : undefined);
    if (mime) data[mime] = value;
  }
  return { output_type: type === 'pyout' ? 'execute_result' : 'display_data', data };
}
