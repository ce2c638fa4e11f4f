/**
 * nbformat 4 cells and outputs → NotebookCell / CleanOutput.
 * The raw JSON is typed with @jupyterlab/nbformat's interfaces but checked field by field: student
 * files are not guaranteed to follow the schema.
 */
import type { ICell, IOutput, IMimeBundle } from '@jupyterlab/nbformat';
import type { CleanOutput, NotebookCell } from '../../types.js';
import { cleanTerminalText, joinMultiline } from './clean-text.js';
import { cellExecutionInfo, isRecord } from './colab-metadata.js';
import { rasterImages } from './rasters.js';

export function convertCell(raw: unknown, index: number): NotebookCell {
  if (!isRecord(raw)) return { index, type: 'raw', source: '', executionCount: null, outputs: [] };
  const cell = raw as ICell;
  const type = cell.cell_type === 'code' || cell.cell_type === 'markdown' ? cell.cell_type : 'raw';
  const converted: NotebookCell = {
    index,
    type,
    source: joinMultiline(cell.source).replace(/\r\n?/g, '\n'),
    executionCount: null,
    outputs: [],
  };
  if (type === 'code') {
    const count = cell['execution_count'];
    // Jupyter counts from 1: old Colab exports write 0 for every cell, which says nothing about a run
    converted.executionCount = typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : null;
    converted.outputs = convertOutputs(cell['outputs']);
  }
  const colab = cellExecutionInfo(cell.metadata);
  if (colab) converted.colab = colab;
  return converted;
}

/** Converts a cell's outputs; consecutive streams of the same name are joined before cleaning. */
export function convertOutputs(raw: unknown): CleanOutput[] {
  if (!Array.isArray(raw)) return [];
  const result: CleanOutput[] = [];
  let streamName: 'stdout' | 'stderr' | null = null;
  let parts: string[] = [];
  const flush = (): void => {
    if (streamName) result.push({ kind: 'stream', stream: streamName, text: cleanTerminalText(parts.join('')), images: [] });
    streamName = null;
    parts = [];
  };
  for (const item of raw) {
    if (!isRecord(item)) continue;
    const output = item as IOutput;
    if (output.output_type === 'stream') {
      const name = output['name'] === 'stderr' ? 'stderr' : 'stdout';
      if (streamName !== name) {
        flush();
        streamName = name;
      }
      parts.push(joinMultiline(output['text']));
      continue;
    }
    flush();
    const converted = convertNonStream(output);
    if (converted) result.push(converted);
  }
  flush();
  return result;
}

function convertNonStream(output: IOutput): CleanOutput | null {
  switch (output.output_type) {
    case 'display_data':
    case 'execute_result':
      return fromMimeBundle(output.output_type, output['data']);
    case 'error': {
      const traceback = Array.isArray(output['traceback']) ? output['traceback'] : [];
      const lines = traceback.filter((line): line is string => typeof line === 'string');
      return {
        kind: 'error',
        text: cleanTerminalText(lines.join('\n')),
        images: [],
        ename: typeof output['ename'] === 'string' ? output['ename'] : '',
        evalue: typeof output['evalue'] === 'string' ? output['evalue'] : '',
      };
    }
    default:
      return null;
  }
}

function fromMimeBundle(kind: 'display_data' | 'execute_result', data: unknown): CleanOutput {
  const bundle: IMimeBundle = isRecord(data) ? (data as IMimeBundle) : {};
  const output: CleanOutput = { kind, text: cleanTerminalText(joinMultiline(bundle['text/plain'])), images: [] };
  if (bundle['text/html'] !== undefined) output.html = joinMultiline(bundle['text/html']);
  output.images = Object.keys(bundle).filter((mime) => mime.startsWith('image/')).sort();
  const rasters = rasterImages(bundle);
  if (rasters.length > 0) output.rasters = rasters;
  return output;
}
