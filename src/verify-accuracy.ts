/**
 * Opt-in (`grade --verify-accuracy`): is the final val_accuracy a notebook reports plausible for the
 * model its code builds? For the assignment's own model the reference band answers at once; a student's
 * variant is trained once with the trainer (Keras semantics, seed 1) and cached on disk. The distinct
 * variants of a class that the cache does not hold are trained first, in parallel worker threads; a
 * second run on the same class trains nothing. A report better than the replay by more than the
 * tolerance is flagged for a human — never scored.
 */
import { availableParallelism } from 'node:os';
import type { Expected, FitSpec, GradeRow, LayerSpec, ModelSpec } from './types.js';
import type { BackendName } from './trainer/backend.js';
import type { AssignmentModel } from './core/rubric/schema.js';
import { assignmentLayers } from './rubric/resolve-expected.js';
import { defaultLearningRate } from './core/keras-defaults.js';
import { readCachedTraining, trainingCacheKey, writeCachedTraining, type CacheKeyInput } from './trainer/cache.js';
import { loadMnist, type MnistData } from './trainer/mnist.js';
import { runJobs, type JobOutcome } from './trainer/pool.js';
import { untrainableReason, type TrainResult } from './trainer/train.js';

export interface ReplaySpec {
  layers: LayerSpec[];
  compile: { loss: string | null; optimizer: string | null; learningRate: number | null };
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit' | 'hasValidationData'>;
}

/** Trains a spec (cached) and returns its final val_accuracy, or why the trainer cannot train it. */
export type Replay = ((spec: ReplaySpec, label: string) => Promise<{ valAccuracy: number | null; cached: boolean } | { error: string }>) & {
  /** Called first with every spec the run will replay: trains those not cached, in parallel. */
  prepare?: (requests: { spec: ReplaySpec; label: string }[]) => Promise<void>;
};

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

/** The spec a row's replay trains, or null when the row needs none (no report, no model, or the assignment's model). */
function replayOf(row: GradeRow, asked: AssignmentModel, expected: Expected): { reported: number; spec: ReplaySpec | null } | null {
  const log = row.evidence?.outputs.trainingLogs.at(-1);
  const reported = log?.final?.val_accuracy;
  const model = row.evidence?.code.models.at(-1);
  const fit = row.evidence?.code.fits.at(-1);
  if (reported === undefined || !model || !fit) return null;
  if (isAssignmentModel(model, fit, asked) && expected.accuracy) return { reported, spec: null };
  const compile = { loss: model.compile?.loss ?? null, optimizer: model.compile?.optimizer ?? null, learningRate: model.compile?.learningRate ?? null };
  return { reported, spec: { layers: model.layers, compile, fit } };
}

export async function verifyAccuracy(row: GradeRow, asked: AssignmentModel, expected: Expected, replay: Replay, tolerance: number): Promise<AccuracyVerdict | null> {
  const what = replayOf(row, asked, expected);
  if (!what) return null;
  const { reported, spec } = what;
  if (!spec && expected.accuracy) {
    const top = expected.accuracy.band.max;
    return { reported, expected: top, basis: 'reference-band', implausible: reported > top + tolerance, detail: `reported ${reported}, reference runs reach ${expected.accuracy.band.min}–${top}` };
  }
  if (!spec) return null;
  const outcome = await replay(spec, row.studentId ?? row.file);
  if ('error' in outcome) return { reported, expected: null, basis: 'not-trainable', implausible: false, detail: `cannot replay: ${outcome.error}` };
  const replayed = outcome.valAccuracy;
  if (replayed === null) return { reported, expected: null, basis: 'replay', implausible: false, detail: 'the replayed run has no validation data' };
  const rounded = Math.round(replayed * 10_000) / 10_000;
  return { reported, expected: rounded, basis: 'replay', implausible: reported > replayed + tolerance, detail: `reported ${reported}, its own model replayed reaches ${rounded}${outcome.cached ? ' (cached)' : ''}` };
}

export interface TrainerReplayOptions {
  /** Worker threads for the variants not cached (default: one per core; 0 trains in this thread). */
  workers?: number;
  /** The data to train on (default: the full MNIST set, loaded when first needed). */
  data?: MnistData;
  /** Told before training: how many distinct variants the cache lacks, and in how many worker threads. */
  onStart?: (variants: number, workers: number) => void;
}

/**
 * The trainer as a Replay: seed 1, the spec's own settings, cached on disk by spec + settings +
 * backend + trainer and package versions. `prepare` trains the distinct variants missing from the
 * cache in parallel worker threads and stores them; the replay itself then reads the cache.
 */
export function trainerReplay(
  backend: BackendName,
  cacheDir: string,
  onEpoch?: (label: string, epoch: number, epochs: number, valAccuracy: number | null) => void,
  options: TrainerReplayOptions = {},
): Replay {
  let data: MnistData | null = options.data ?? null;
  const trainedNow = new Map<string, JobOutcome>();
  const keyInput = (spec: ReplaySpec): CacheKeyInput => ({ ...spec, epochs: spec.fit.epochs ?? 1, seed: 1, backend });
  const finalVal = (result: TrainResult) => result.epochs.at(-1)?.val_accuracy ?? null;

  const prepare = async (requests: { spec: ReplaySpec; label: string }[]) => {
    const missing = new Map<string, { spec: ReplaySpec; labels: string[] }>();
    for (const { spec, label } of requests) {
      const key = trainingCacheKey(keyInput(spec));
      if (trainedNow.has(key) || readCachedTraining(key, cacheDir)) continue;
      // What the trainer cannot train is known without training (nor a worker).
      const reason = untrainableReason(spec);
      if (reason !== null) {
        trainedNow.set(key, { error: reason });
        continue;
      }
      const entry = missing.get(key);
      if (entry) entry.labels.push(label);
      else missing.set(key, { spec, labels: [label] });
    }
    if (missing.size === 0) return;
    data ??= loadMnist({ shared: true });
    const todo = [...missing];
    const workers = Math.min(options.workers ?? availableParallelism(), todo.length);
    options.onStart?.(todo.length, workers);
    const run = await runJobs({
      jobs: todo.map(([, { spec }]) => ({ spec, seed: 1, epochs: spec.fit.epochs ?? 1 })),
      backend,
      data,
      workers,
      onEpoch: (job, e) => {
        const [, { spec, labels }] = todo[job]!;
        onEpoch?.(labels.join(', '), e.epoch, spec.fit.epochs ?? 1, e.val_accuracy);
      },
    });
    run.outcomes.forEach((outcome, i) => {
      const [key] = todo[i]!;
      trainedNow.set(key, outcome);
      if ('result' in outcome) writeCachedTraining(key, outcome.result, cacheDir);
    });
  };

  const replay: Replay = async (spec, label) => {
    const key = trainingCacheKey(keyInput(spec));
    const now = trainedNow.get(key);
    if (now) return 'error' in now ? { error: now.error } : { valAccuracy: finalVal(now.result), cached: false };
    const hit = readCachedTraining(key, cacheDir);
    if (hit) return { valAccuracy: finalVal(hit), cached: true };
    await prepare([{ spec, label }]);
    const done = trainedNow.get(key)!;
    return 'error' in done ? { error: done.error } : { valAccuracy: finalVal(done.result), cached: false };
  };
  replay.prepare = prepare;
  return replay;
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
  if (replay.prepare) {
    const requests = rows.flatMap((row) => {
      const spec = row.evidence ? replayOf(row, asked, expected)?.spec : null;
      return spec ? [{ spec, label: row.studentId ?? row.file }] : [];
    });
    if (requests.length > 0) await replay.prepare(requests);
  }
  for (const row of rows) {
    if (row.evidence === null) continue;
    const verdict = await verifyAccuracy(row, asked, expected, replay, tolerance);
    if (!verdict) continue;
    verdicts.set(row.file, verdict);
  }
  return verdicts;
}

/** The rows with `accuracy-implausible` added (once) where a verdict says so; the rows given are not changed. */
export function flagImplausible(rows: readonly GradeRow[], verdicts: ReadonlyMap<string, AccuracyVerdict>): GradeRow[] {
  return rows.map((row) => (verdicts.get(row.file)?.implausible ? { ...row, flags: [...new Set([...row.flags, 'accuracy-implausible'])].sort() } : row));
}
