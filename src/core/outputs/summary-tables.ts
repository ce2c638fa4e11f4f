/**
 * The layer tables of model.summary(): Keras 2 column tables (rows at fixed columns given by the header,
 * separated by `____` rules or blank lines; long fields wrap character-wise onto following lines) and
 * Keras 3 rich box tables (`┏━┳━┓`, `│` cells, `├─┼─┤` between rows; cells wrap word-wise).
 */
import type { SummaryLayerRow } from '../../types.js';
import { withProps } from '../util/objects.js';

export interface ParsedTable {
  layers: SummaryLayerRow[];
  /** Index (into the lines given) just past the table. */
  end: number;
  /** Keras 2 only: the header line starts with a space (TF ≥ 2.6 layout). */
  spacedHeader: boolean;
}

const RULE = /^\s*(?:_{10,}|-{10,}|={10,})\s*$/;
/** Bounds on hostile text: no real model has this many layers, nor a row wrapped over this many lines. */
export const MAX_TABLE_ROWS = 10_000;
const MAX_ROW_LINES = 100;
const DOUBLE_RULE = /^\s*={10,}\s*$/;

export function isKeras2Header(line: string): boolean {
  return /^\s?Layer \(type\)\s{2,}Output Shape\s{2,}Param #/.test(line);
}

export function isBoxTop(line: string): boolean {
  return /^\s*┏━/.test(line);
}

export function isRule(line: string): boolean {
  return RULE.test(line);
}

/** Parses a Keras 2 table whose header is lines[start]. */
export function parseKeras2Table(lines: readonly string[], start: number): ParsedTable {
  const header = lines[start]!;
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index);
  starts[0] = 0;
  const layers: SummaryLayerRow[] = [];
  let group: string[] = [];
  const flush = (): void => {
    if (group.length > 0) layers.push(keras2Row(group, starts));
    group = [];
  };
  let i = start + 1;
  if (i < lines.length && DOUBLE_RULE.test(lines[i]!)) i++;
  for (; i < lines.length && layers.length < MAX_TABLE_ROWS && group.length < MAX_ROW_LINES; i++) {
    const line = lines[i]!;
    if (DOUBLE_RULE.test(line) || /^\s*(Total|Trainable|Non-trainable) params:/.test(line)) break;
    if (RULE.test(line) || line.trim() === '') flush();
    else group.push(line);
  }
  flush();
  if (i < lines.length && DOUBLE_RULE.test(lines[i]!)) i++;
  return { layers: layers.filter((row) => row.name !== ''), end: i, spacedHeader: header.startsWith(' ') };
}

function keras2Row(group: readonly string[], starts: readonly number[]): SummaryLayerRow {
  const column = (k: number): string =>
    group.map((line) => line.slice(starts[k] ?? line.length, starts[k + 1] ?? line.length).trim()).join('');
  const paramsText = group[0]!.slice(starts[2] ?? 0, starts[3] ?? undefined).trim();
  return withProps(nameAndType(column(0)), { outputShape: column(1), params: leadingInteger(paramsText) });
}

/** Parses a Keras 3 box table whose top border is lines[start]. */
export function parseBoxTable(lines: readonly string[], start: number): ParsedTable {
  const layers: SummaryLayerRow[] = [];
  let headerCells: string[] = [];
  let group: string[][] = [];
  const flush = (): void => {
    if (group.length > 0) layers.push(boxRow(group, headerCells));
    group = [];
  };
  let i = start + 1;
  for (; i < lines.length && layers.length < MAX_TABLE_ROWS && group.length < MAX_ROW_LINES; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('└')) {
      i++;
      break;
    }
    if (line.startsWith('┃')) headerCells = splitCells(line, '┃');
    else if (line.startsWith('│')) group.push(splitCells(line, '│'));
    else if (/^[├┡]/.test(line)) flush();
    else break; // not part of a table: stop here
  }
  flush();
  return { layers: layers.filter((row) => row.name !== ''), end: i, spacedHeader: false };
}

function splitCells(line: string, bar: string): string[] {
  return line.split(bar).slice(1, -1).map((cell) => cell.trim());
}

function boxRow(group: readonly string[][], headerCells: readonly string[]): SummaryLayerRow {
  const paramIndex = Math.max(2, headerCells.findIndex((cell) => /^Param/.test(cell)));
  const column = (k: number): string => group.map((cells) => cells[k] ?? '').filter((c) => c !== '').join(' ');
  return withProps(nameAndType(column(0)), { outputShape: column(1).replace(/\s*,\s*/g, ', ').replace(/\(\s+/g, '('), params: leadingInteger(column(paramIndex)) });
}

function nameAndType(text: string): { name: string; type: string } {
  const match = /^(.*?)\s*\(([^()]*)\)$/.exec(text.trim());
  if (match && match[1] !== '') return { name: match[1]!, type: match[2]! };
  const [name = '', ...rest] = text.trim().split(/\s+/);
  return { name, type: rest.join(' ').replace(/[()]/g, '') };
}

export function leadingInteger(text: string): number {
  const match = /^\d[\d,]*/.exec(text.trim());
  return match ? Number(match[0].replace(/,/g, '')) : 0;
}
