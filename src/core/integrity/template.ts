/**
 * The lecture's own code, which every student is expected to type: the rubric's `template` file (Python,
 * cells separated by `# %%` lines as in Jupytext's percent format). Its k-gram hashes — of each cell and
 * of the whole file as one stream, so that merged cells are covered too — are removed from every
 * submission's fingerprints before submissions are compared (JPlag's base code, Dolos's `-i`).
 */
import type { Parser } from 'web-tree-sitter';
import { tokenizePieces } from './tokens.js';
import { kgramHashes, K } from './winnow.js';

export interface Template {
  /** Display name (the file as the rubric names it). */
  name: string;
  /** Normalised text of each template cell: a student cell equal to one of them is pure template. */
  cells: Set<string>;
  /** Every k-gram hash of the template. */
  hashes: Set<number>;
}

/** Cells of a percent-format file; a file without markers is one cell. */
export function splitTemplateCells(text: string): string[] {
  const cells: string[] = [];
  let current: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^#\s*%%/.test(line)) {
      cells.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  cells.push(current.join('\n'));
  return cells.filter((cell) => normaliseCellText(cell) !== '');
}

/** Lines without trailing space, comment-only and blank lines dropped. */
export function normaliseCellText(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .join('\n');
}

export function buildTemplate(parser: Parser, name: string, text: string): Template {
  const sources = splitTemplateCells(text);
  const pieces = [...sources.map((source, key) => ({ key, source })), { key: sources.length, source: sources.join('\n') }];
  const hashes = new Set<number>();
  for (const tokens of tokenizePieces(parser, pieces).values()) {
    for (const hash of kgramHashes(tokens, K)) hashes.add(hash);
  }
  return { name, cells: new Set(sources.map(normaliseCellText)), hashes };
}

export const EMPTY_TEMPLATE: Template = { name: '', cells: new Set(), hashes: new Set() };
