/** Rows of a small CSV options file (extensions, overrides) with their line numbers, for error messages. */
import { parse } from 'csv-parse/sync';
import { GraderError } from '../core/errors.js';
import { normaliseHeader } from './csv-columns.js';

export interface CsvRow {
  record: string[];
  /** 1-based line where the record ends. */
  line: number;
}

/** Throws GraderError (`<what>: …`) when the text is not CSV or has no header row. */
export function readCsvRows(text: string, what: string): { header: CsvRow; rows: CsvRow[] } {
  let parsed: unknown;
  try {
    parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new GraderError(`${what}: not a readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  // csv-parse with `info: true` yields { record, info }; its typings do not say so.
  const rows = (Array.isArray(parsed) ? parsed : []).map((item: unknown) => {
    const { record, info } = item as { record: string[]; info: { lines: number } };
    return { record, line: info.lines };
  });
  const header = rows[0];
  if (!header) throw new GraderError(`${what}: the CSV is empty`);
  return { header, rows: rows.slice(1) };
}

/** Index of the first header (normalised: NFKC, trimmed, lower case) among `names`, in the order of `names`. */
export function findHeader(header: readonly string[], names: readonly string[]): number | null {
  const normalised = header.map(normaliseHeader);
  for (const name of names) {
    const at = normalised.indexOf(name);
    if (at >= 0) return at;
  }
  return null;
}

export function describeHeader(header: readonly string[]): string {
  return `found: ${header.map((h) => JSON.stringify(h)).join(', ') || 'no header'}`;
}
