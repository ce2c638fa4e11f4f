/**
 * Copy detection across the graded notebooks of a batch, one kind of evidence at a time. Each function
 * returns the pairs worth a human's look, with a similarity in 0..1 and the evidence in words.
 *
 * - training-log: Keras training is random, so two independent runs never print the same per-epoch
 *   metrics; two or more identical epochs (at least six values) link two notebooks, unless both fix the
 *   same random seeds (then the same code may honestly print the same log).
 * - code: winnowed fingerprints of the code cells, the template's and the class's common ones removed;
 *   similarity is the share of the smaller notebook's own fingerprints found in the other.
 * - image: the same image output bytes (outside pure template cells, not common to the class).
 * - colab-user: one Colab account ran cells in both notebooks.
 */
import type { NotebookFacts } from '../core/integrity/facts.js';
import { countSharedFeatures, distinctiveCounts, parsePairKey } from './pairs.js';
import type { CopyKind } from '../types.js';

export interface Member {
  file: string;
  studentId: string | null;
  name: string | null;
  facts: NotebookFacts;
}

export interface FoundPair {
  kind: CopyKind;
  i: number;
  j: number;
  similarity: number;
  evidence: string;
}

export const MIN_SHARED_FINGERPRINTS = 15;
export const MIN_CODE_SIMILARITY = 0.6;
const MIN_SHARED_EPOCHS = 2;
const MIN_SHARED_METRIC_VALUES = 6;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const sameStudent = (a: Member, b: Member): boolean => a.studentId !== null && a.studentId === b.studentId;

function candidatePairs(members: readonly Member[], counts: Map<string, number>): [number, number, number][] {
  return [...counts]
    .map(([key, shared]): [number, number, number] => [...parsePairKey(key), shared])
    .filter(([i, j]) => !sameStudent(members[i]!, members[j]!));
}

export function logPairs(members: readonly Member[]): FoundPair[] {
  const features = members.map((m) => m.facts.epochs.map((e) => `${e.epoch}|${e.values}`));
  const found: FoundPair[] = [];
  for (const [i, j] of candidatePairs(members, countSharedFeatures(features, null))) {
    const a = members[i]!;
    const b = members[j]!;
    // the same seeds in both: the same code can print the same log on the same hardware, honestly
    if (a.facts.seeds !== null && a.facts.seeds === b.facts.seeds) continue;
    const inB = new Set(features[j]);
    const shared = a.facts.epochs.filter((e) => inB.has(`${e.epoch}|${e.values}`));
    const epochs = new Set(shared.map((e) => `${e.epoch}|${e.values}`)).size;
    const values = shared.reduce((sum, e) => sum + e.metrics, 0);
    if (epochs < MIN_SHARED_EPOCHS || values < MIN_SHARED_METRIC_VALUES) continue;
    const smaller = Math.min(new Set(features[i]).size, inB.size);
    const example = shared.at(-1)!;
    const cellB = b.facts.epochs.find((e) => e.epoch === example.epoch && e.values === example.values)?.cell ?? 0;
    found.push({
      kind: 'training-log',
      i,
      j,
      similarity: round3(epochs / smaller),
      evidence:
        `${a.file} (cell ${example.cell + 1}) and ${b.file} (cell ${cellB + 1}) print identical metrics for ${epochs} of ${smaller} epochs, ` +
        `e.g. epoch ${example.epoch}: ${example.values}`,
    });
  }
  return found;
}

export function codePairs(members: readonly Member[], commonLimit: number): FoundPair[] {
  const features = members.map((m) => m.facts.fingerprints.map((f) => f.hash));
  const sizes = distinctiveCounts(features, commonLimit);
  const counts = countSharedFeatures(features, commonLimit);
  const found: FoundPair[] = [];
  for (const [i, j, shared] of candidatePairs(members, counts)) {
    const similarity = shared / Math.max(1, Math.min(sizes[i] ?? 0, sizes[j] ?? 0));
    if (shared < MIN_SHARED_FINGERPRINTS || similarity < MIN_CODE_SIMILARITY) continue;
    const a = members[i]!;
    const b = members[j]!;
    const inA = new Set(features[i]);
    const inB = new Set(features[j]);
    found.push({
      kind: 'code',
      i,
      j,
      similarity: round3(Math.min(1, similarity)),
      evidence:
        `${shared} code fingerprints outside the template are shared: ${a.file} ${where(a, inB)} ↔ ${b.file} ${where(b, inA)}`,
    });
  }
  return found;
}

/** "cell 11 lines 1–8, cell 12 lines 2–4" for the fingerprints of m found in `other`. */
function where(m: Member, other: Set<number>): string {
  const byCell = new Map<number, [number, number]>();
  for (const f of m.facts.fingerprints) {
    if (!other.has(f.hash)) continue;
    const range = byCell.get(f.cell);
    byCell.set(f.cell, range ? [Math.min(range[0], f.line), Math.max(range[1], f.endLine)] : [f.line, f.endLine]);
  }
  return [...byCell]
    .sort((x, y) => x[0] - y[0])
    .map(([cell, [from, to]]) => `cell ${cell + 1} lines ${from}–${to}`)
    .join(', ');
}

export function imagePairs(members: readonly Member[], commonLimit: number): FoundPair[] {
  const features = members.map((m) => m.facts.images.map((image) => image.hash));
  const sizes = distinctiveCounts(features, commonLimit);
  const found: FoundPair[] = [];
  for (const [i, j, shared] of candidatePairs(members, countSharedFeatures(features, commonLimit))) {
    const a = members[i]!;
    const b = members[j]!;
    const hashB = new Set(features[j]);
    const image = a.facts.images.find((x) => hashB.has(x.hash))!;
    const cellB = b.facts.images.find((x) => x.hash === image.hash)?.cell ?? 0;
    found.push({
      kind: 'image',
      i,
      j,
      similarity: round3(Math.min(1, shared / Math.max(1, Math.min(sizes[i] ?? 0, sizes[j] ?? 0)))),
      evidence: `${shared} identical image output(s): ${a.file} cell ${image.cell + 1} = ${b.file} cell ${cellB + 1} (sha256 ${image.hash.slice(0, 12)}…)`,
    });
  }
  return found;
}

export function accountPairs(members: readonly Member[]): FoundPair[] {
  const features = members.map((m) => m.facts.accounts.map((account) => account.key));
  const found: FoundPair[] = [];
  for (const [i, j] of candidatePairs(members, countSharedFeatures(features, null))) {
    const a = members[i]!;
    const b = members[j]!;
    const keysB = new Set(features[j]);
    const shared = a.facts.accounts.filter((account) => keysB.has(account.key));
    const sharedKeys = new Set(shared.map((account) => account.key));
    const cells = (m: Member): number => m.facts.accounts.filter((x) => sharedKeys.has(x.key)).reduce((n, x) => n + x.cells.length, 0);
    const account = shared[0]!;
    const cellsB = b.facts.accounts.find((x) => x.key === account.key)?.cells.length ?? 0;
    found.push({
      kind: 'colab-user',
      i,
      j,
      similarity: round3((cells(a) + cells(b)) / Math.max(1, a.facts.cellsWithUser + b.facts.cellsWithUser)),
      evidence: `the Colab account "${account.label}" ran ${account.cells.length} cell(s) of ${a.file} and ${cellsB} cell(s) of ${b.file}`,
    });
  }
  return found;
}
