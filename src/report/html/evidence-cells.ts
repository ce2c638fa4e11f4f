/**
 * What a criterion's result rests on: the cells its findings name (finding.at) and, for each, the lines
 * that decide it — the code line a finding names ("セル 8 の 5 行目"), and the output lines its check
 * reads (the shapes printed, the summary's "Trainable params" line, the last epoch of the training log,
 * the printed prediction). A met criterion without findings rests on the evidence its check reads (by
 * check id: the registry in src/core/checks/index.ts). Used to pin each result beside its cell, to
 * highlight those lines there, and to quote them in the points table.
 */
import { cellOutputView, linesOf } from '../../core/outputs/cell-lines.js';
import { readEpochHeader, readProgressLine } from '../../core/outputs/progress-line.js';
import type { CriterionResult, Evidence, Expected, Finding, Location, Notebook, NotebookCell, TrainingLog } from '../../types.js';

export interface Mark {
  cell: number;
  /** 1-based: a line of the cell's source (code) or of its outputs read as one text (output). */
  line: number;
  kind: 'code' | 'output';
}

/** What the check reads: the code, the saved outputs, or both. */
export type EvidenceKind = 'code' | 'output' | 'both';

export const EVIDENCE_KIND: Record<string, EvidenceKind> = {
  'notebook-executed': 'output',
  'data-shapes': 'output',
  preprocessing: 'both',
  'one-hot': 'both',
  'model-architecture': 'code',
  'compile-settings': 'code',
  'summary-matches-reference': 'output',
  'summary-matches-code': 'output',
  'fit-settings': 'code',
  'training-log-complete': 'output',
  'accuracy-threshold': 'output',
  predictions: 'both',
  'image-shown': 'output',
};

export interface EvidenceContext {
  evidence: Evidence | null;
  notebook: Notebook | null;
  /** The expected shapes, to pick the printed shapes a check reads; without them every shape of the right rank is taken. */
  shapes?: Expected['shapes'] | undefined;
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const code = (at: Location): Mark[] => (at.line ? [{ cell: at.cell, line: at.line, kind: 'code' }] : []);
const output = (at: Location): Mark[] => (at.line ? [{ cell: at.cell, line: at.line, kind: 'output' }] : []);

function shapesOf(e: Evidence, wanted: readonly (readonly number[])[] | undefined, fallback: (shape: number[]) => boolean, skipCells: ReadonlySet<number> = new Set()): Mark[] {
  return e.outputs.shapes
    .filter((s) => !skipCells.has(s.at.cell) && (wanted ? wanted.some((w) => sameShape(w, s.shape)) : fallback(s.shape)))
    .flatMap((s) => output(s.at));
}

/** Lines of a training log: each epoch's header and its finished metrics line (output line numbers). */
const epochLineCache = new WeakMap<TrainingLog, Map<number, { header: number; metrics: number | null }>>();

export function epochLines(cell: NotebookCell, log: TrainingLog): Map<number, { header: number; metrics: number | null }> {
  const cached = epochLineCache.get(log);
  if (cached) return cached;
  const result = scanEpochLines(cell, log);
  epochLineCache.set(log, result);
  return result;
}

function scanEpochLines(cell: NotebookCell, log: TrainingLog): Map<number, { header: number; metrics: number | null }> {
  const lines = linesOf(cellOutputView(cell), ['stdout', 'stderr']);
  const result = new Map<number, { header: number; metrics: number | null }>();
  const start = log.at.line ?? 1;
  let awaiting: number | null = null;
  let total: number | null = null;
  for (let i = 0; i < lines.texts.length; i++) {
    const number = lines.lineNumbers[i]!;
    if (number < start) continue;
    const text = lines.texts[i]!;
    const header = readEpochHeader(text);
    if (header) {
      // the next log of the cell starts here
      if (total !== null && (header.total !== total || (header.epoch === 1 && result.size > 0))) break;
      total = header.total;
      awaiting = header.epoch;
      if (!result.has(header.epoch)) result.set(header.epoch, { header: number, metrics: null });
      continue;
    }
    if (awaiting === null) continue;
    const progress = readProgressLine(text);
    if (!progress || !progress.complete || Object.keys(progress.metrics).length === 0) continue;
    const entry = result.get(awaiting);
    if (entry && entry.metrics === null) entry.metrics = number;
    awaiting = null;
  }
  return result;
}

function lastEpochMarks(context: EvidenceContext): Mark[] {
  const log = context.evidence?.outputs.trainingLogs.at(-1);
  const cell = log ? context.notebook?.cells[log.at.cell] : undefined;
  if (!log || !cell) return [];
  const lines = epochLines(cell, log);
  const final = log.final ? lines.get(log.final.epoch) : [...lines.values()].at(-1);
  if (!final) return output(log.at);
  return [{ cell: cell.index, line: final.header, kind: 'output' }, ...(final.metrics !== null ? [{ cell: cell.index, line: final.metrics, kind: 'output' as const }] : [])];
}

function summaryMarks(context: EvidenceContext): Mark[] {
  const summary = context.evidence?.outputs.summaries.at(-1);
  const cell = summary ? context.notebook?.cells[summary.at.cell] : undefined;
  if (!summary || !cell) return [];
  const lines = linesOf(cellOutputView(cell), ['stdout', 'stderr', 'execute_result', 'display_data']);
  const from = summary.at.line ?? 1;
  for (let i = 0; i < lines.texts.length; i++) {
    const number = lines.lineNumbers[i]!;
    if (number >= from && /^\s*Trainable params:/.test(lines.texts[i]!)) return [{ cell: cell.index, line: number, kind: 'output' }];
  }
  return output(summary.at);
}

const EVIDENCE: Record<string, (e: Evidence, context: EvidenceContext) => { cells: number[]; marks: Mark[] }> = {
  'data-shapes': (e, c) => {
    const marks = shapesOf(e, c.shapes?.load, (s) => s.length === 3 || s.length === 1);
    return { cells: marks.length > 0 ? marks.map((m) => m.cell) : e.outputs.shapes.map((s) => s.at.cell), marks };
  },
  preprocessing: (e, c) => {
    const all = e.code.dataSteps.filter((s) => s.kind === 'reshape' || s.kind === 'scale');
    // the preprocessing is what is assigned (x_train = …); a reshape inside imshow(…) only draws
    const assigned = all.filter((s) => s.target !== null);
    const steps = assigned.length > 0 ? assigned : all;
    return { cells: steps.map((s) => s.at.cell), marks: [...steps.flatMap((s) => code(s.at)), ...shapesOf(e, c.shapes?.flattened, (s) => s.length === 2 && s[1] === 784)] };
  },
  'one-hot': (e, c) => {
    const steps = e.code.dataSteps.filter((s) => s.kind === 'to_categorical');
    const predictCells = new Set(e.code.calls.filter((call) => call.method === 'predict').map((call) => call.ranIn));
    return { cells: steps.map((s) => s.at.cell), marks: [...steps.flatMap((s) => code(s.at)), ...shapesOf(e, c.shapes?.oneHot, (s) => s.length === 2 && s[1] === 10, predictCells)] };
  },
  'model-architecture': (e) => {
    const model = e.code.models.at(-1);
    return model ? { cells: [model.at.cell], marks: [...code(model.at), ...model.layers.flatMap((l) => code(l.at))] } : { cells: [], marks: [] };
  },
  'compile-settings': (e) => {
    const compile = e.code.models.flatMap((m) => (m.compile ? [m.compile] : [])).at(-1);
    return compile ? { cells: [compile.at.cell], marks: code(compile.at) } : { cells: [], marks: [] };
  },
  'summary-matches-reference': (e, c) => ({ cells: e.outputs.summaries.slice(-1).map((s) => s.at.cell), marks: summaryMarks(c) }),
  'summary-matches-code': (e, c) => ({ cells: e.outputs.summaries.slice(-1).map((s) => s.at.cell), marks: summaryMarks(c) }),
  'fit-settings': (e) => {
    const fit = e.code.fits.at(-1);
    return fit ? { cells: [fit.at.cell], marks: code(fit.at) } : { cells: [], marks: [] };
  },
  'training-log-complete': (e, c) => ({ cells: e.outputs.trainingLogs.slice(-1).map((l) => l.at.cell), marks: lastEpochMarks(c) }),
  'accuracy-threshold': (e, c) => ({ cells: e.outputs.trainingLogs.slice(-1).map((l) => l.at.cell), marks: lastEpochMarks(c) }),
  predictions: (e, c) => {
    const calls = e.code.calls.filter((call) => call.method === 'predict');
    return {
      cells: [...calls.map((call) => call.at.cell), ...e.outputs.arrays.map((a) => a.at.cell)],
      marks: [...calls.flatMap((call) => code(call.at)), ...e.outputs.arrays.flatMap((a) => output(a.at)), ...shapesOf(e, c.shapes ? [c.shapes.predict] : undefined, () => false)],
    };
  },
  'image-shown': (e) => ({ cells: e.outputs.images.map((i) => i.at.cell), marks: [] }),
};

const CODE_LINE = /セル (\d+) の (\d+) 行目/;

/** The line a finding names: a code line when its message says "セル n の m 行目", else an output line when it points into the outputs. */
export function findingMark(finding: Finding): Mark | null {
  const at = finding.at;
  if (!at || at.cell < 0 || !at.line) return null;
  const match = CODE_LINE.exec(finding.message);
  if (match && Number(match[1]) === at.cell + 1 && Number(match[2]) === at.line) return { cell: at.cell, line: at.line, kind: 'code' };
  if (finding.message.includes(`セル ${at.cell + 1} の出力`)) return { cell: at.cell, line: at.line, kind: 'output' };
  return null;
}

export interface CriterionPins {
  /** Cells the criterion is pinned to, sorted. */
  cells: number[];
  /** Lines to highlight in those cells. */
  marks: Mark[];
}

/**
 * Cells to pin the criterion to: the cells its findings name first, else the evidence its check read;
 * with the lines that decide it (the findings' lines and the check's evidence lines in those cells).
 */
export function criterionPins(result: CriterionResult, check: string | undefined, context: EvidenceContext): CriterionPins {
  const fromFindings = result.findings.flatMap((f) => (f.at && f.at.cell >= 0 ? [f.at.cell] : []));
  const pick = check ? EVIDENCE[check] : undefined;
  const read = context.evidence && pick ? pick(context.evidence, context) : { cells: [], marks: [] };
  const cells = [...new Set((fromFindings.length > 0 ? fromFindings : read.cells).filter((cell) => cell >= 0))].sort((a, b) => a - b);
  const inCells = new Set(cells);
  const readHere = read.marks.filter((m) => inCells.has(m.cell));
  // a finding in the outputs points at where its output starts (a log's first line); the check's own lines there decide
  const readOutput = new Set(readHere.filter((m) => m.kind === 'output').map((m) => m.cell));
  const named = result.findings.flatMap((f) => findingMark(f) ?? []).filter((m) => m.kind === 'code' || !readOutput.has(m.cell));
  const marks = [...named, ...readHere];
  const seen = new Set<string>();
  return {
    cells,
    marks: marks.filter((m) => {
      const key = `${m.cell}:${m.kind}:${m.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}
