/** Test helper: the text of a small nbformat 4 notebook, built from code cells and their raw outputs. */

export interface RawCell {
  source: string;
  outputs?: Record<string, unknown>[];
  count?: number | null;
  type?: 'code' | 'markdown';
}

export function notebookJson(cells: RawCell[], metadata: Record<string, unknown> = {}): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata,
    cells: cells.map((cell, i) =>
      cell.type === 'markdown'
        ? { cell_type: 'markdown', metadata: {}, source: cell.source }
        : { cell_type: 'code', metadata: {}, source: cell.source, execution_count: cell.count === undefined ? i + 1 : cell.count, outputs: cell.outputs ?? [] },
    ),
  });
}

export function stdout(text: string): Record<string, unknown> {
  return { output_type: 'stream', name: 'stdout', text };
}

export function display(data: Record<string, unknown>): Record<string, unknown> {
  return { output_type: 'display_data', metadata: {}, data };
}

export function errorOutput(ename: string, evalue: string): Record<string, unknown> {
  return { output_type: 'error', ename, evalue, traceback: [`\u001b[0;31m${ename}\u001b[0m: ${evalue}`] };
}
