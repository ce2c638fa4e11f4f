/**
 * What one notebook contributes to copy detection, computed where the notebook is graded (a worker
 * thread) so that the main thread only compares: code fingerprints with the template's removed, the
 * per-epoch training metrics, hashes of image outputs, and the Colab accounts that ran its cells.
 */
import { sha256Hex } from '../util/sha256.js';
import type { Parser } from 'web-tree-sitter';
import type { EpochRecord, Evidence, Notebook, TrainingLog } from '../../types.js';
import { normaliseCellText, type Template } from './template.js';
import { tokenizePieces } from './tokens.js';
import { winnow, type Fingerprint } from './winnow.js';

export interface CellFingerprint {
  hash: number;
  /** 0-based cell index, 1-based lines inside the cell. */
  cell: number;
  line: number;
  endLine: number;
}

export interface EpochSignature {
  /** 0-based cell of the log. */
  cell: number;
  epoch: number;
  /** `loss=0.2362 accuracy=0.9266 …`, metric names sorted: equal strings mean every metric is equal. */
  values: string;
  metrics: number;
}

export interface ColabAccount {
  /** userId when saved, else the display name (normalised). */
  key: string;
  label: string;
  cells: number[];
}

export interface NotebookFacts {
  fingerprints: CellFingerprint[];
  epochs: EpochSignature[];
  /**
   * sha256 of each PNG/JPEG output (its base64 text), with the cell, for the images that depend on a
   * training run: only cells whose plots the interpreter found drawing from a model (a learning curve,
   * predictions), template cells included (their pictures still differ from run to run). A plot of dataset arrays or constants is the same for every
   * student, and a plot the interpreter cannot follow proves nothing either: neither is evidence.
   */
  images: { hash: string; cell: number }[];
  accounts: ColabAccount[];
  /** Code cells whose executionInfo names a user. */
  cellsWithUser: number;
  /** The random seeds the code fixes ('keras.utils.set_random_seed=42'), sorted; null when none is fixed. */
  seeds: string | null;
}

export function notebookFacts(notebook: Notebook, evidence: Evidence, template: Template, parser: Parser | null): NotebookFacts {
  const code = notebook.cells.filter((cell) => cell.type === 'code' && cell.source.trim() !== '');
  const own = code.filter((cell) => !isTemplateCell(template, cell.source));
  return {
    fingerprints: parser ? fingerprints(parser, own.map((cell) => ({ key: cell.index, source: cell.source })), template) : [],
    epochs: epochSignatures(evidence),
    images: imageHashes(notebook, trainedImageCells(evidence)),
    seeds: seedKey(evidence),
    ...accounts(notebook),
  };
}

/** Winnowed fingerprints by cell source: students share many cells that are not the template's (a changed Dense, epochs=10). */
const printCache = new Map<string, Fingerprint[]>();
const PRINT_CACHE_LIMIT = 2000;

function fingerprints(parser: Parser, pieces: { key: number; source: string }[], template: Template): CellFingerprint[] {
  const byCell = new Map<number, Fingerprint[]>();
  const missing = pieces.filter((piece) => {
    const hit = printCache.get(piece.source);
    if (hit) byCell.set(piece.key, hit);
    return !hit;
  });
  for (const [cell, tokens] of tokenizePieces(parser, missing)) {
    const prints = winnow(tokens);
    byCell.set(cell, prints);
    const source = missing.find((piece) => piece.key === cell)?.source;
    if (source !== undefined && printCache.size < PRINT_CACHE_LIMIT) printCache.set(source, prints);
  }
  const seen = new Set<number>();
  const result: CellFingerprint[] = [];
  for (const piece of pieces) {
    for (const print of byCell.get(piece.key) ?? []) {
      if (template.hashes.has(print.hash) || seen.has(print.hash)) continue;
      seen.add(print.hash);
      result.push({ hash: print.hash, cell: piece.key, line: print.line, endLine: print.endLine });
    }
  }
  return result;
}

/** Whether a cell's source is one of the template's cells, remembered per template and source (a class types the same cells). */
const templateCellMemo = new WeakMap<Template, Map<string, boolean>>();
const TEMPLATE_MEMO_LIMIT = 20_000;

function isTemplateCell(template: Template, source: string): boolean {
  let memo = templateCellMemo.get(template);
  if (!memo) {
    memo = new Map();
    templateCellMemo.set(template, memo);
  }
  let known = memo.get(source);
  if (known === undefined) {
    known = template.cells.has(normaliseCellText(source));
    if (memo.size < TEMPLATE_MEMO_LIMIT) memo.set(source, known);
  }
  return known;
}

/** Signatures of one log, without its cell; logs are shared by notebooks whose cells print the same (outputs/index.ts). */
const logSignatures = new WeakMap<TrainingLog, Omit<EpochSignature, 'cell'>[]>();

function signaturesOf(log: TrainingLog): Omit<EpochSignature, 'cell'>[] {
  const known = logSignatures.get(log);
  if (known) return known;
  const result: Omit<EpochSignature, 'cell'>[] = [];
  let names: string[] = [];
  for (const record of log.epochs) {
    // The records of one log share their metric names: sort them again only when they change.
    if (!sameMetricNames(record, names)) names = Object.keys(record).filter((name) => name !== 'epoch').sort();
    if (names.length === 0) continue;
    // a diverged epoch (nan or inf) prints the same chance values in every run: no evidence
    let values = '';
    let finite = true;
    for (const name of names) {
      const value = record[name]!;
      if (!Number.isFinite(value)) finite = false;
      values += `${values === '' ? '' : ' '}${name}=${value}`;
    }
    if (finite) result.push({ epoch: record.epoch, values, metrics: names.length });
  }
  logSignatures.set(log, result);
  return result;
}

/** True when the record's metrics are exactly `names` (besides its epoch). */
function sameMetricNames(record: EpochRecord, names: readonly string[]): boolean {
  let count = 0;
  for (const name in record) {
    if (name === 'epoch') continue;
    count += 1;
    if (!names.includes(name)) return false;
  }
  return count === names.length;
}

function epochSignatures(evidence: Evidence): EpochSignature[] {
  return evidence.outputs.trainingLogs.flatMap((log) => signaturesOf(log).map((signature) => ({ cell: log.at.cell, ...signature })));
}

function seedKey(evidence: Evidence): string | null {
  const seeds = [...new Set(evidence.code.seeds.map((s) => `${s.call}=${s.seed ?? '?'}`))].sort();
  return seeds.length === 0 ? null : seeds.join(' ');
}

/** Cells that ran a plot drawn from a model. */
function trainedImageCells(evidence: Evidence): Set<number> {
  return new Set(evidence.code.shown.filter((s) => s.how === 'plot' && s.source === 'model').map((s) => s.ranIn));
}

function imageHashes(notebook: Notebook, ownCells: Set<number>): NotebookFacts['images'] {
  const result: NotebookFacts['images'] = [];
  for (const cell of notebook.cells) {
    if (!ownCells.has(cell.index)) continue;
    for (const output of cell.outputs) {
      for (const raster of output.rasters ?? []) {
        result.push({ hash: sha256Hex(raster.base64), cell: cell.index });
      }
    }
  }
  return result;
}

function accounts(notebook: Notebook): Pick<NotebookFacts, 'accounts' | 'cellsWithUser'> {
  const byKey = new Map<string, ColabAccount>();
  let cellsWithUser = 0;
  for (const cell of notebook.cells) {
    const user = cell.colab?.user;
    if (!user) continue;
    cellsWithUser += 1;
    const key = cell.colab?.userId ? `id:${cell.colab.userId}` : `name:${user.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')}`;
    const account = byKey.get(key) ?? { key, label: user, cells: [] };
    account.cells.push(cell.index);
    byKey.set(key, account);
  }
  return { accounts: [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), cellsWithUser };
}
