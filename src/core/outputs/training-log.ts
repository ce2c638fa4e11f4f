/**
 * model.fit() logs → TrainingLog, one per fit output block: a run of `Epoch i/N` headers in a cell's
 * stream output. A new block starts at `Epoch 1/N`, when the epoch number goes back, or when N changes.
 * An epoch counts once its first finished metrics line after the header is seen; later lines with a
 * `loss:` before the next header (evaluate after the last epoch) are ignored.
 *
 * A log is `diverged` when any epoch printed a loss-like metric (a name containing `loss`) as nan or ±inf.
 */
import type { EpochRecord, Location, NotebookCell, TrainingLog } from '../../types.js';
import { cellOutputView, linesOf } from './cell-lines.js';
import { MAX_FACTS_PER_CELL } from './limits.js';
import { readEpochHeader, readProgressLine, type ProgressLine } from './progress-line.js';
import { withProps } from '../util/objects.js';

const TRUNCATION = /Streaming output truncated to the last \d+ lines/;
const TRAIN_ON_SAMPLES = /^\s*Train on \d+ samples/;

interface LogBuilder {
  at: Location;
  epochsTotal: number;
  lastHeader: number;
  awaiting: number | null;
  epochs: EpochRecord[];
  lastLine: ProgressLine | null;
  truncated: boolean;
  samplesHint: boolean;
}

/** Training logs in a sequence of output lines; `lineNumbers[i]` is the Location.line of `lines[i]`. */
export function trainingLogsInLines(lines: readonly string[], cell: number, lineNumbers?: ArrayLike<number>): TrainingLog[] {
  const logs: TrainingLog[] = [];
  let current: LogBuilder | null = null;
  let truncatedPending = false;
  let samplesPending = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (TRUNCATION.test(text)) {
      truncatedPending = true;
      continue;
    }
    if (TRAIN_ON_SAMPLES.test(text)) {
      samplesPending = true;
      continue;
    }
    const header = readEpochHeader(text);
    if (header) {
      if (!current || header.epoch === 1 || header.epoch <= current.lastHeader || header.total !== current.epochsTotal) {
        if (current) logs.push(finish(current));
        if (logs.length >= MAX_FACTS_PER_CELL) return logs;
        current = {
          at: { cell, line: lineNumbers?.[i] ?? i + 1 },
          epochsTotal: header.total,
          lastHeader: 0,
          awaiting: null,
          epochs: [],
          lastLine: null,
          truncated: truncatedPending,
          samplesHint: samplesPending,
        };
        truncatedPending = false;
        samplesPending = false;
      }
      current.lastHeader = header.epoch;
      current.awaiting = header.epoch;
      continue;
    }
    if (current?.awaiting == null) continue;
    const progress = readProgressLine(text);
    if (!progress || !progress.complete || Object.keys(progress.metrics).length === 0) continue;
    current.epochs.push(withProps(progress.metrics, { epoch: current.awaiting }));
    current.lastLine = progress;
    current.awaiting = null;
  }
  if (current) logs.push(finish(current));
  return logs;
}

function finish(log: LogBuilder): TrainingLog {
  return {
    epochsLogged: new Set(log.epochs.map((e) => e.epoch)).size,
    epochsTotal: log.epochsTotal,
    stepsPerEpoch: log.lastLine?.total ?? null,
    counterUnit: counterUnit(log.lastLine, log.samplesHint),
    epochs: log.epochs,
    final: log.epochs[log.epochs.length - 1] ?? null,
    truncated: log.truncated,
    diverged: log.epochs.some(hasDivergedLoss),
    at: log.at,
  };
}

/** A loss-like metric (loss, val_loss, custom_loss, …) that is nan or ±inf. */
export function hasDivergedLoss(record: EpochRecord): boolean {
  for (const [name, value] of Object.entries(record)) {
    if (name !== 'epoch' && name.toLowerCase().includes('loss') && !Number.isFinite(value)) return true;
  }
  return false;
}

/**
 * Samples (Keras ≤ 2.3, TF ≤ 2.1) or steps (TF ≥ 2.2, Keras 3). Keras 2.1–2.3 print `139us/step` while
 * counting samples, so the unit name alone does not decide: the per-unit time and the counter size do.
 */
function counterUnit(line: ProgressLine | null, samplesHint: boolean): TrainingLog['counterUnit'] {
  if (!line || line.total === null) return null;
  if (line.bar === 'keras3') return 'steps';
  if (line.timeUnit === 'sample' || samplesHint) return 'samples';
  if (line.bar === 'classic' && line.timeUnit === null) return 'samples';
  if (line.timeUnit === 'step' && (line.microsPerUnit ?? 0) >= 1000) return 'steps';
  return line.total >= 5000 ? 'samples' : 'steps';
}

/** Every fit log saved in the notebook's stream outputs, in cell order. */
export function parseTrainingLogs(cells: readonly NotebookCell[]): TrainingLog[] {
  const logs: TrainingLog[] = [];
  for (const cell of cells) {
    if (cell.type !== 'code' || cell.outputs.length === 0) continue;
    const lines = linesOf(cellOutputView(cell), ['stdout', 'stderr']);
    for (const log of trainingLogsInLines(lines.texts, cell.index, lines.lineNumbers)) logs.push(log);
  }
  return logs;
}
