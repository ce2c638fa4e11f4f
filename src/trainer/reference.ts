/**
 * The reference file: what a correct submission's outputs look like, computed by training the model
 * with several seeds (computeReference) and written deterministically (writeReferenceFile).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CompileSpec, FitSpec, LayerSpec, ModelDescription } from '../types.js';
import type { WantedBackend } from './backend.js';
import { median } from '../stats.js';
import { stepsPerEpoch, trainRows } from '../core/split.js';
import { describeModel } from './build-model.js';
import { stableJson } from './json.js';
import { CLASSES, FEATURES, IMAGE_COLS, IMAGE_ROWS, loadMnist, TEST_COUNT, TRAIN_COUNT, type MnistData } from './mnist.js';
import { KERAS_DEFAULTS } from './optimizer.js';
import { defaultLearningRate } from '../core/keras-defaults.js';
import { runSeeds } from './pool.js';
import { TRAINER_VERSION } from './cache.js';
import type { EpochResult, TrainResult } from './train.js';
import { packageVersions } from './versions.js';

export const REFERENCE_VERSION = 1;

export interface Stat {
  mean: number;
  min: number;
  max: number;
}

export interface ReferenceFile {
  version: number;
  model: ModelDescription;
  compile: { loss: string | null; optimizer: string | null; learningRate: number; metrics: string[] | null };
  fit: { epochs: number; batchSize: number; validationSplit: number };
  shapes: {
    load: { x_train: number[]; y_train: number[]; x_test: number[]; y_test: number[] };
    flattened: { x_train: number[]; x_test: number[] };
    oneHot: { y_train: number[]; y_test: number[] };
    predict: number[];
  };
  data: { trainSamples: number; validationSamples: number; testSamples: number; stepsPerEpoch: number };
  epochs: { epoch: number; loss: Stat; accuracy: Stat; val_loss: Stat | null; val_accuracy: Stat | null }[];
  final: { val_accuracy: Stat | null; test_accuracy: Stat };
  seeds: { seed: number; finalValAccuracy: number | null; testAccuracy: number }[];
  run: {
    backend: string;
    /** The trainer's engine ('explicit' on wasm and cpu, 'device' on tensorflow) and its version (cache.ts TRAINER_VERSION). */
    engine: string;
    trainerVersion: number;
    notes: string[];
    packages: Record<string, string>;
    secondsPerEpoch: number;
    workers: number;
    /** Samples actually used (smaller than `data` only when a run was limited, as in tests). */
    samples: { train: number; validation: number; test: number };
  };
}

export interface ReferenceProgress {
  seed: number;
  epoch: EpochResult;
  epochs: number;
}

export interface ComputeReferenceOptions {
  layers: LayerSpec[];
  compile: Pick<CompileSpec, 'loss' | 'optimizer' | 'learningRate' | 'metrics'>;
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit'> & { hasValidationData?: boolean };
  seeds: number[];
  /** Overrides fit.epochs. */
  epochs?: number;
  backend: WantedBackend;
  onProgress?: (p: ReferenceProgress) => void;
  /** Worker threads (default: one per seed, at most one per CPU); 0 trains in this thread. */
  workers?: number;
  /** Data to train on (default: the full MNIST set). */
  data?: MnistData;
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

function stat(values: number[]): Stat {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean: round(mean), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}

function optionalStat(values: (number | null)[]): Stat | null {
  return values.some((v) => v === null) ? null : stat(values as number[]);
}

/** Builds the reference from finished runs (pure; computeReference's second half). */
export function summarize(o: ComputeReferenceOptions, results: TrainResult[], run: Omit<ReferenceFile['run'], 'samples'>): ReferenceFile {
  const model = describeModel(o.layers);
  const first = results[0];
  if (!first) throw new RangeError('no training results');
  const epochs = first.epochs.map((_, i) => {
    const at = results.map((r) => r.epochs[i]!);
    return {
      epoch: i + 1,
      loss: stat(at.map((e) => e.loss)),
      accuracy: stat(at.map((e) => e.accuracy)),
      val_loss: optionalStat(at.map((e) => e.val_loss)),
      val_accuracy: optionalStat(at.map((e) => e.val_accuracy)),
    };
  });
  const finalVal = results.map((r) => r.epochs[r.epochs.length - 1]?.val_accuracy ?? null);
  const optimizer = o.compile.optimizer?.toLowerCase() ?? null;
  const defaultRate = defaultLearningRate(optimizer) ?? KERAS_DEFAULTS.adam.learningRate;
  const split = o.fit.hasValidationData ? 0 : (o.fit.validationSplit ?? 0);
  const batchSize = o.fit.batchSize ?? 32;
  const outputs = model.layers[model.layers.length - 1]?.outputShape[1] ?? CLASSES;
  return {
    version: REFERENCE_VERSION,
    model,
    compile: { loss: o.compile.loss, optimizer, learningRate: o.compile.learningRate ?? defaultRate, metrics: o.compile.metrics },
    fit: { epochs: first.epochs.length, batchSize, validationSplit: split },
    shapes: {
      load: { x_train: [TRAIN_COUNT, IMAGE_ROWS, IMAGE_COLS], y_train: [TRAIN_COUNT], x_test: [TEST_COUNT, IMAGE_ROWS, IMAGE_COLS], y_test: [TEST_COUNT] },
      flattened: { x_train: [TRAIN_COUNT, FEATURES], x_test: [TEST_COUNT, FEATURES] },
      oneHot: { y_train: [TRAIN_COUNT, CLASSES], y_test: [TEST_COUNT, CLASSES] },
      predict: [TEST_COUNT, outputs],
    },
    data: {
      trainSamples: trainRows(TRAIN_COUNT, split),
      validationSamples: TRAIN_COUNT - trainRows(TRAIN_COUNT, split),
      testSamples: TEST_COUNT,
      stepsPerEpoch: stepsPerEpoch(TRAIN_COUNT, split, batchSize),
    },
    epochs,
    final: { val_accuracy: optionalStat(finalVal), test_accuracy: stat(results.map((r) => r.testAccuracy)) },
    seeds: results.map((r, i) => {
      const val = finalVal[i] ?? null;
      return { seed: r.seed, finalValAccuracy: val === null ? null : round(val), testAccuracy: round(r.testAccuracy) };
    }),
    run: { ...run, samples: { train: first.trainSamples, validation: first.validationSamples, test: first.testSamples } },
  };
}

/** Trains the model once per seed (in parallel worker threads where possible) and summarises. */
export async function computeReference(o: ComputeReferenceOptions): Promise<ReferenceFile> {
  const data = o.data ?? loadMnist({ shared: true });
  const workers = o.workers ?? Math.min(availableParallelism(), o.seeds.length);
  const epochs = o.epochs ?? o.fit.epochs ?? 1;
  const spec = { layers: o.layers, compile: o.compile, fit: o.fit };
  const run = await runSeeds({
    spec,
    seeds: o.seeds,
    epochs,
    backend: o.backend,
    data,
    workers,
    onEpoch: (seed, epoch) => o.onProgress?.({ seed, epoch, epochs }),
  });
  const seconds = median(run.results.map((r) => r.secondsPerEpoch));
  return summarize(o, run.results, {
    backend: run.backend,
    engine: run.results[0]?.engine ?? 'explicit',
    trainerVersion: TRAINER_VERSION,
    notes: run.notes,
    packages: packageVersions(),
    secondsPerEpoch: round(seconds, 3),
    workers,
  });
}

/** Writes the reference as stable JSON (sorted keys, trailing newline): same input, same bytes. */
export function writeReferenceFile(path: string, ref: ReferenceFile): void {
  writeFileSync(path, stableJson(ref));
}
