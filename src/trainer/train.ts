/**
 * Keras-faithful training of a LayerSpec[] model on MNIST: validation_split takes the LAST fraction
 * of the data before shuffling (floor(n·(1−split)) training rows), the training part is reshuffled
 * every epoch, batches of batch_size with the last partial batch included, per-epoch loss/accuracy as
 * the sample-weighted running mean over the epoch's batches (Keras's metric trackers), val_* on the
 * held-out part after each epoch, test accuracy on the test set at the end. A seed makes a run
 * repeatable on one backend.
 *
 * Two engines run the steps: 'explicit' (CPU: explicit gradients over typed arrays, the products and
 * Adam in the trainer's own SIMD kernels; used with the wasm and cpu backends) and 'device' (tfjs's
 * own kernels end to end, weights and batches kept on the device; used with the tensorflow backend,
 * i.e. tfjs-node-gpu). Both take the same shuffles and dropout masks from the run's seed.
 */
import * as tf from '@tensorflow/tfjs';
import type { CompileSpec, FitSpec, LayerSpec } from '../types.js';
import { EVAL_CHUNK, evaluate, gatherRows } from './batches.js';
import { median } from '../stats.js';
import { trainRows } from '../core/split.js';
import { buildModel } from './build-model.js';
import { deviceEngine } from './device.js';
import { batchLoss, lossKind, type LossKind } from './loss.js';
import { CLASSES, FEATURES, type MnistData } from './mnist.js';
import { Net } from './net.js';
import { makeOptimizer, type Optimizer } from './optimizer.js';
import { planFromModel, TrainerUnsupportedError, type Plan } from './plan.js';
import { deriveSeed, Rng } from './rng.js';

export interface TrainSpec {
  layers: LayerSpec[];
  compile: Pick<CompileSpec, 'loss' | 'optimizer' | 'learningRate'>;
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit'> & { hasValidationData?: boolean };
}

export interface EpochResult {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number | null;
  val_accuracy: number | null;
  seconds: number;
}

export interface TrainOptions extends TrainSpec {
  data: MnistData;
  seed: number;
  /** Overrides fit.epochs (Keras default 1 when neither is given). */
  epochs?: number;
  /** Keras's fit(shuffle=True) by default. */
  shuffle?: boolean;
  onEpoch?: (result: EpochResult) => void;
  /** Default: 'device' on the tensorflow backend (tfjs-node-gpu), else 'explicit'. */
  engine?: EngineName;
}

export type EngineName = 'explicit' | 'device';

/** What the training loop asks of an engine; rows are given as indices into the training images. */
export interface Engine {
  /** One epoch of steps over indices[0 … count) in batches; sums of per-sample loss and correct predictions. */
  trainEpoch(indices: Int32Array, count: number, batchSize: number, dropoutRng: Rng): { lossSum: number; correct: number };
  /** Mean loss and accuracy over rows [start, start+count) of the training images ('train') or of the test images ('test'). */
  evaluate(set: 'train' | 'test', start: number, count: number): { loss: number; accuracy: number };
  dispose(): void;
}

/** What an engine is made from: the model's plan, its loss, its optimizer, the data. */
export interface EngineInput {
  plan: Plan;
  kind: LossKind;
  optimizer: Optimizer;
  data: MnistData;
  batchSize: number;
}

export interface TrainResult {
  seed: number;
  backend: string;
  engine: EngineName;
  /**
   * 'split': the last validationSplit of the training data; 'test': validation_data given (it
   * overrides validation_split, as in Keras) and the test set stands in for it; 'none'.
   */
  validation: 'split' | 'test' | 'none';
  trainSamples: number;
  validationSamples: number;
  testSamples: number;
  batchSize: number;
  stepsPerEpoch: number;
  epochs: EpochResult[];
  testLoss: number;
  testAccuracy: number;
  /** Median over epochs 2… (epoch 1 alone when only one ran). */
  secondsPerEpoch: number;
}

function buildPlan(layers: LayerSpec[], loss: string | null, seed: number): { plan: Plan; kind: LossKind } {
  const model = buildModel(layers, { seed });
  try {
    const plan = planFromModel(model);
    if (plan.inputSize !== FEATURES) throw new TrainerUnsupportedError(`the model takes ${plan.inputSize} inputs; MNIST images have ${FEATURES}`);
    if (plan.outputSize !== CLASSES) throw new TrainerUnsupportedError(`the model gives ${plan.outputSize} outputs; MNIST has ${CLASSES} classes`);
    const last = plan.ops[plan.ops.length - 1];
    const endsInSoftmax = (last?.kind === 'dense' || last?.kind === 'activation') && last.activation === 'softmax';
    return { plan, kind: lossKind(loss, endsInSoftmax) };
  } finally {
    model.dispose();
  }
}

/**
 * Why the trainer cannot train `spec` (an unsupported layer, activation, loss or optimizer, a model
 * that does not fit MNIST, bad fit settings), or null when it can. Builds the model, trains nothing.
 */
export function untrainableReason(spec: TrainSpec): string | null {
  try {
    buildPlan(spec.layers, spec.compile.loss, 1);
    makeOptimizer(spec.compile.optimizer, spec.compile.learningRate);
    settings(spec.fit, undefined);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Epochs, batch size and validation split with Keras's defaults, checked. */
function settings(fit: TrainSpec['fit'], epochsOverride: number | undefined) {
  const epochs = epochsOverride ?? fit.epochs ?? 1;
  const batchSize = fit.batchSize ?? 32;
  const split = fit.validationSplit ?? 0;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch_size must be a positive integer, got ${batchSize}`);
  if (!(split >= 0 && split < 1)) throw new RangeError(`validation_split must be in [0, 1), got ${split}`);
  return { epochs, batchSize, split };
}

/** The CPU engine: explicit gradients, the products and the optimizer in the trainer's SIMD kernels. */
export function explicitEngine({ plan, kind, optimizer, data, batchSize }: EngineInput): Engine {
  const TRAIN = 0;
  const TEST = 1;
  const net = new Net(plan, kind === 'cce-logits', Math.max(batchSize, EVAL_CHUNK), [data.trainSparse, data.testSparse]);
  const labels = new Float32Array(batchSize * CLASSES);
  const grad = new Float32Array(batchSize * CLASSES);
  return {
    trainEpoch(indices, count, size, dropoutRng) {
      let lossSum = 0;
      let correct = 0;
      for (let s = 0; s < count; s += size) {
        const rows = Math.min(size, count - s);
        const yb = gatherRows(data.trainOneHot, CLASSES, indices, s, rows, labels);
        const out = net.takesImages
          ? net.forwardImages(TRAIN, indices, s, rows, true, dropoutRng)
          : net.forward(gatherRows(data.trainImages, FEATURES, indices, s, rows, net.input(rows)), rows, true, dropoutRng);
        const b = batchLoss(kind, out, yb, CLASSES, grad.subarray(0, rows * CLASSES));
        net.backward(b.grad!);
        optimizer.step(net.params);
        lossSum += b.loss * rows;
        correct += b.correct;
      }
      return { lossSum, correct };
    },
    evaluate(set, start, count) {
      return set === 'train'
        ? evaluate(net, kind, data.trainImages, TRAIN, data.trainOneHot, start, count)
        : evaluate(net, kind, data.testImages, TEST, data.testOneHot, start, count);
    },
    dispose() {},
  };
}

/** The engine a backend trains with: tfjs's own kernels on the tensorflow backend (tfjs-node-gpu), else the explicit CPU engine. */
export function defaultEngine(backend: string): EngineName {
  return backend === 'tensorflow' ? 'device' : 'explicit';
}

export function train(options: TrainOptions): TrainResult {
  const { data, seed, fit } = options;
  const { plan, kind } = buildPlan(options.layers, options.compile.loss, seed);
  const optimizer = makeOptimizer(options.compile.optimizer, options.compile.learningRate);
  const { epochs, batchSize, split } = settings(fit, options.epochs);
  // Keras: validation_data, when given, overrides validation_split.
  const validation = fit.hasValidationData ? 'test' : split > 0 ? 'split' : 'none';
  const n = data.trainCount;
  const splitAt = validation === 'split' ? trainRows(n, split) : n;
  if (splitAt <= 0) throw new RangeError(`validation_split ${split} leaves no training data`);
  const engineName: EngineName = options.engine ?? defaultEngine(tf.getBackend());
  const input: EngineInput = { plan, kind, optimizer, data, batchSize };
  const engine = engineName === 'device' ? deviceEngine(tf, input) : explicitEngine(input);
  try {
    const indices = Int32Array.from({ length: splitAt }, (_, i) => i);
    const shuffleRng = new Rng(deriveSeed(seed, 'shuffle'));
    const dropoutRng = new Rng(deriveSeed(seed, 'dropout'));
    const results: EpochResult[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      if (options.shuffle ?? true) shuffleRng.shuffle(indices);
      const { lossSum, correct } = engine.trainEpoch(indices, splitAt, batchSize, dropoutRng);
      const val =
        validation === 'split' ? engine.evaluate('train', splitAt, n - splitAt) : validation === 'test' ? engine.evaluate('test', 0, data.testCount) : null;
      const result: EpochResult = {
        epoch,
        loss: lossSum / splitAt,
        accuracy: correct / splitAt,
        val_loss: val?.loss ?? null,
        val_accuracy: val?.accuracy ?? null,
        seconds: (performance.now() - t0) / 1000,
      };
      results.push(result);
      options.onEpoch?.(result);
    }
    const test = engine.evaluate('test', 0, data.testCount);
    const timed = results.length > 1 ? results.slice(1) : results;
    return {
      seed,
      backend: tf.getBackend(),
      engine: engineName,
      validation,
      trainSamples: splitAt,
      validationSamples: validation === 'split' ? n - splitAt : validation === 'test' ? data.testCount : 0,
      testSamples: data.testCount,
      batchSize,
      stepsPerEpoch: Math.ceil(splitAt / batchSize),
      epochs: results,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      secondsPerEpoch: median(timed.map((r) => r.seconds)),
    };
  } finally {
    engine.dispose();
  }
}
