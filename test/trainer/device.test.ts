/**
 * The 'device' engine (tfjs kernels end to end: the GPU path with tfjs-node-gpu) run on the cpu
 * backend, which executes the same code: it must train like the explicit engine, keep weights and
 * batches on the device (no upload or download per product), and leak no tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/trainer/backend.js';
import { loadMnist, type MnistData } from '../../src/trainer/mnist.js';
import { defaultEngine, train, type TrainOptions, type TrainResult } from '../../src/trainer/train.js';
import { LECTURE_COMPILE, LECTURE_LAYERS } from '../helpers/lecture.js';
import { dense, layer } from './helpers.js';

let data: MnistData;

beforeAll(async () => {
  await selectBackend('cpu');
  data = loadMnist({ trainLimit: 330, testLimit: 200 });
});

const run = (o: Partial<TrainOptions> = {}) =>
  train({ layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: { epochs: 3, batchSize: 64, validationSplit: 0.2 }, data, seed: 1, ...o });

/** Per-epoch metrics of the two engines agree: losses to `digits` decimals, accuracies within `samples` samples. */
function expectSameRun(device: TrainResult, explicit: TrainResult, digits: number, samples: number) {
  expect(device.engine).toBe('device');
  expect(explicit.engine).toBe('explicit');
  device.epochs.forEach((e, i) => {
    const o = explicit.epochs[i]!;
    expect(e.loss).toBeCloseTo(o.loss, digits);
    expect(e.val_loss!).toBeCloseTo(o.val_loss!, digits);
    expect(Math.abs(e.accuracy - o.accuracy)).toBeLessThanOrEqual(samples / device.trainSamples + 1e-9);
    expect(Math.abs(e.val_accuracy! - o.val_accuracy!)).toBeLessThanOrEqual(samples / device.validationSamples + 1e-9);
  });
  expect(Math.abs(device.testAccuracy - explicit.testAccuracy)).toBeLessThanOrEqual(samples / device.testSamples + 1e-9);
}

describe('device engine (tfjs kernels end to end), on the cpu backend', () => {
  afterEach(() => expect(tf.memory().numTensors).toBe(0));

  it('is the default on the tensorflow backend only', () => {
    expect(defaultEngine('tensorflow')).toBe('device');
    expect(defaultEngine('wasm')).toBe('explicit');
    expect(defaultEngine('cpu')).toBe('explicit');
  });

  it('trains the lecture model like the explicit engine (Adam, shuffled batches, validation split)', () => {
    const device = run({ engine: 'device' });
    expect(device).toMatchObject({ backend: 'cpu', trainSamples: 264, validationSamples: 66, stepsPerEpoch: 5 });
    expectSameRun(device, run({ engine: 'explicit' }), 4, 1);
  });

  it('and the variants: Dropout (same masks), BatchNormalization, SGD, tanh, validation_data', () => {
    const variant: Partial<TrainOptions> = {
      layers: [dense(24, 'tanh', [784]), layer('Dropout', { rate: 0.3 }), layer('BatchNormalization'), dense(16, 'relu'), dense(10, 'softmax')],
    };
    expectSameRun(run({ ...variant, engine: 'device' }), run({ ...variant, engine: 'explicit' }), 3, 2);
    const sgd: Partial<TrainOptions> = { compile: { loss: 'categorical_crossentropy', optimizer: 'sgd', learningRate: 0.1 }, fit: { epochs: 2, batchSize: 32, validationSplit: null, hasValidationData: true } };
    expectSameRun(run({ ...sgd, engine: 'device' }), run({ ...sgd, engine: 'explicit' }), 4, 1);
    const mse: Partial<TrainOptions> = { compile: { loss: 'mse', optimizer: 'adam', learningRate: null }, layers: [dense(16, 'relu', [784]), dense(10, 'sigmoid')] };
    expectSameRun(run({ ...mse, engine: 'device' }), run({ ...mse, engine: 'explicit' }), 4, 1);
  });

  it('keeps weights and batches on the device: a step uploads its row indices and a few small tensors, an epoch reads back two sums', () => {
    const uploads: number[] = [];
    const downloads: string[] = [];
    const engine = tf.engine();
    const makeTensor = engine.makeTensor.bind(engine);
    const dataSync = tf.Tensor.prototype.dataSync;
    const dataAsync = tf.Tensor.prototype.data;
    engine.makeTensor = (...args: Parameters<typeof engine.makeTensor>) => {
      uploads.push((args[0] as ArrayLike<unknown>).length ?? 1);
      return makeTensor(...args);
    };
    tf.Tensor.prototype.dataSync = function <D extends tf.DataType>(this: tf.Tensor) {
      downloads.push(this.shape.join('x') || 'scalar');
      return dataSync.call(this) as tf.DataTypeMap[D];
    };
    tf.Tensor.prototype.data = function (this: tf.Tensor) {
      downloads.push('async');
      return dataAsync.call(this);
    } as typeof dataAsync;
    try {
      const r = run({ engine: 'device', epochs: 2, onEpoch: () => undefined });
      expect(r.epochs).toHaveLength(2);
    } finally {
      engine.makeTensor = makeTensor;
      tf.Tensor.prototype.dataSync = dataSync;
      tf.Tensor.prototype.data = dataAsync;
    }
    // Once per run, the built model's initial weights are read (into the plan); then per epoch the
    // train sums and the validation sums, and once the test pass's: two scalars each.
    expect(downloads).toEqual(['784x32', '32', '32x10', '10', ...new Array<string>(2 * 4 + 2).fill('scalar')]);
    const steps = 2 * 5;
    // Large uploads happen once a run: the initial kernel (built model, then the plan's copy), the
    // training images and labels, the test images and labels; never a batch of images or a weight.
    expect(uploads.filter((n) => n > 64 * 10)).toEqual([784 * 32, 330 * 784, 330 * 10, 784 * 32, 200 * 784, 200 * 10]);
    // A step uploads its 64 row indices, the step size α and the few ones/divisors that tfjs's own
    // gradient functions make (at most batch × classes floats each).
    expect(uploads.length).toBeLessThanOrEqual(30 + 8 * steps);
  });
});
