/**
 * Opt-in (`grade --verify-accuracy`): is the final val_accuracy a notebook reports plausible for the
 * model its code builds? For the assignment's own model the reference band answers at once; a student's
 * variant is trained once with the trainer (Keras semantics, seed 1) and cached on disk. A report better
 * than that by more than the tolerance is flagged for a human — never scored.
 */
import type { Expected, FitSpec, GradeRow, LayerSpec, ModelSpec } from './types.js';
import type { AssignmentModel } from './core/rubric/schema.js';
import { assignmentLayers } from './rubric/resolve-expected.js';
import { defaultLearningRate } from './core/keras-defaults.js';
import { cachedTraining } from './trainer/cache.js';
import { loadMnist, type MnistData } from './trainer/mnist.js';
import { train } from './trainer/train.js';

export interface ReplaySpec {
  layers: LayerSpec[];
  compile: { loss: string | null; optimizer: string | null; learningRate: number | null };
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit' | 'hasValidationData'>;
}

/** Trains a spec (cached) and returns its final val_accuracy; null when the trainer cannot train it. */
export type Replay = (spec: ReplaySpec, label: string) => Promise<{ valAccuracy: number | null; cached: boolean } | { error: string }>;

export interface AccuracyVerdict {
  reported: number;
  /** What the model reaches: the reference band's top, or the replayed run. */
  expected: number | null;
  basis: 'reference-band' | 'replay' | 'not-trainable';
  implausible: boolean;
  detail: string;
}

const sameLayers = (a: LayerSpec[], b: LayerSpec[]): boolean =>
  a.length === b.length &&
  a.every((l, i) => {
    const o = b[i];
    return o !== undefined && l.type === o.type && l.units === o.units && (l.activation ?? 'linear') === (o.activation ?? 'linear') && (l.rate ?? null) === (o.rate ?? null);
  });

function isAssignmentModel(model: ModelSpec, fit: FitSpec, asked: AssignmentModel): boolean {
  const c = model.compile;
  return (
    sameLayers(model.layers, assignmentLayers(asked)) &&
    c !== null && c.loss === asked.compile.loss && c.optimizer === asked.compile.optimizer.toLowerCase() &&
    (c.learningRate ?? defaultLearningRate(c.optimizer)) === defaultLearningRate(asked.compile.optimizer) &&
    fit.epochs === asked.fit.epochs && fit.batchSize === asked.fit.batchSize && fit.validationSplit === asked.fit.validationSplit
  );
}

export async function verifyAccuracy(row: GradeRow, asked: AssignmentModel, expected: Expected, replay: Replay, tolerance: number): Promise<AccuracyVerdict | null> {
  const log = row.evidence?.outputs.trainingLogs.at(-1);
  const reported = log?.final?.val_accuracy;
  const model = row.evidence?.code.models.at(-1);
  const fit = row.evidence?.code.fits.at(-1);
  if (reported === undefined || !model || !fit) return null;
  if (isAssignmentModel(model, fit, asked) && expected.accuracy) {
    const top = expected.accuracy.band.max;
    return { reported, expected: top, basis: 'reference-band', implausible: reported > top + tolerance, detail: `reported ${reported}, reference runs reach ${expected.accuracy.band.min}–${top}` };
  }
  const outcome = await replay(
    { layers: model.layers, compile: { loss: model.compile?.loss ?? null, optimizer: model.compile?.optimizer ?? null, learningRate: model.compile?.learningRate ?? null }, fit },
    row.studentId ?? row.file,
  );
  if ('error' in outcome) return { reported, expected: null, basis: 'not-trainable', implausible: false, detail: `cannot replay: ${outcome.error}` };
  const replayed = outcome.valAccuracy;
  if (replayed === null) return { reported, expected: null, basis: 'replay', implausible: false, detail: 'the replayed run has no validation data' };
  const rounded = Math.round(replayed * 10_000) / 10_000;
  return { reported, expected: rounded, basis: 'replay', implausible: reported > replayed + tolerance, detail: `reported ${reported}, its own model replayed reaches ${rounded}${outcome.cached ? ' (cached)' : ''}` };
}

/** The trainer as a Replay: seed 1, the spec's own settings, cached on disk by spec + settings + backend. */
export function trainerReplay(
  backend: string,
  cacheDir: string,
  onEpoch?: (label: string, epoch: number, epochs: number, valAccuracy: number | null) => void,
): Replay {
  let data: MnistData | null = null;
  return async (spec, label) => {
    const epochs = spec.fit.epochs ?? 1;
    try {
      const { result, cached } = await cachedTraining(
        { ...spec, epochs, seed: 1, backend },
        () => {
          data ??= loadMnist();
          return train({ ...spec, data, seed: 1, epochs, onEpoch: (e) => onEpoch?.(label, e.epoch, epochs, e.val_accuracy) });
        },
        cacheDir,
      );
      return { valAccuracy: result.epochs.at(-1)?.val_accuracy ?? null, cached };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Adds the flag `accuracy-implausible` to rows whose verdict says so; returns the verdicts by file. */
export async function verifyRunAccuracy(
  rows: GradeRow[],
  asked: AssignmentModel,
  expected: Expected,
  replay: Replay,
  tolerance: number,
): Promise<Map<string, AccuracyVerdict>> {
  const verdicts = new Map<string, AccuracyVerdict>();
  for (const row of rows) {
    if (row.evidence === null) continue;
    const verdict = await verifyAccuracy(row, asked, expected, replay, tolerance);
    if (!verdict) continue;
    verdicts.set(row.file, verdict);
    if (verdict.implausible) row.flags = [...new Set([...row.flags, 'accuracy-implausible'])].sort();
  }
  return verdicts;
}
