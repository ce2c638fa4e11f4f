import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/trainer/backend.js';
import { buildModel } from '../../src/trainer/build-model.js';
import { LECTURE_COMPILE, LECTURE_LAYERS } from '../helpers/lecture.js';
import { loadMnist, type MnistData } from '../../src/trainer/mnist.js';
import { train, type TrainOptions } from '../../src/trainer/train.js';
import { dense, layer } from './helpers.js';

let data: MnistData;

beforeAll(async () => {
  await selectBackend('wasm');
  data = loadMnist({ trainLimit: 330, testLimit: 200 });
});

const run = (o: Partial<TrainOptions> = {}) =>
  train({
    layers: LECTURE_LAYERS,
    compile: LECTURE_COMPILE,
    fit: { epochs: 2, batchSize: 64, validationSplit: 0.2 },
    data,
    seed: 1,
    ...o,
  });

describe('train', () => {
  it('Keras semantics: last 20% validates, ceil(rows / batch) steps with the partial batch, loss falls', () => {
    const r = run({ epochs: 3 });
    expect(r).toMatchObject({ trainSamples: 264, validationSamples: 66, testSamples: 200, stepsPerEpoch: 5, batchSize: 64, validation: 'split', backend: 'wasm' });
    expect(r.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(r.epochs[2]!.loss).toBeLessThan(r.epochs[0]!.loss);
    expect(r.epochs[2]!.val_loss!).toBeLessThan(r.epochs[0]!.val_loss!);
    expect(r.testAccuracy).toBeGreaterThan(0.3);
    for (const e of r.epochs) for (const v of [e.accuracy, e.val_accuracy!]) expect(v).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('a seed makes a run repeatable; another seed differs', () => {
    const progress: number[] = [];
    const a = run({ onEpoch: (e) => progress.push(e.epoch) });
    const b = run();
    expect(progress).toEqual([1, 2]);
    expect(b.epochs.map(({ seconds: _, ...m }) => m)).toEqual(a.epochs.map(({ seconds: _, ...m }) => m));
    expect(run({ seed: 2 }).epochs[1]!.loss).not.toBe(a.epochs[1]!.loss);
  });

  it('the explicit engine gives the same numbers on the cpu backend as on wasm: its kernels are its own', async () => {
    const onWasm = run({ seed: 7 });
    await selectBackend('cpu');
    try {
      const onCpu = run({ seed: 7 });
      expect(onCpu).toMatchObject({ backend: 'cpu', engine: 'explicit' });
      expect(onCpu.epochs.map(({ seconds: _, ...m }) => m)).toEqual(onWasm.epochs.map(({ seconds: _, ...m }) => m));
      expect(onCpu.testAccuracy).toBe(onWasm.testAccuracy);
    } finally {
      await selectBackend('wasm');
    }
  });

  it('variants train too: Dropout, BatchNormalization, SGD, validation_data, Keras defaults', () => {
    const r = run({ layers: [dense(32, 'relu', [784]), layer('Dropout', { rate: 0.2 }), layer('BatchNormalization'), dense(10, 'softmax')] });
    expect(r.epochs[1]!.loss).toBeLessThan(r.epochs[0]!.loss);
    const sgd = run({ compile: { loss: 'categorical_crossentropy', optimizer: 'SGD', learningRate: 0.1 } });
    expect(sgd.epochs[1]!.loss).toBeLessThan(sgd.epochs[0]!.loss);
    const defaults = run({ fit: { epochs: null, batchSize: null, validationSplit: null, hasValidationData: true }, epochs: undefined });
    expect(defaults).toMatchObject({ validation: 'test', trainSamples: 330, validationSamples: 200, stepsPerEpoch: 11, batchSize: 32 });
    expect(defaults.epochs).toHaveLength(1);
    expect(run({ fit: { epochs: 1, batchSize: 64, validationSplit: 0.2, hasValidationData: true } })).toMatchObject({ validation: 'test', trainSamples: 330 });
  });

  it('refuses what it cannot train, with a clear message', () => {
    expect(() => run({ compile: { loss: 'categorical_crossentropy', optimizer: 'rmsprop', learningRate: null } })).toThrow(/optimizer 'rmsprop' is not supported/);
    expect(() => run({ compile: { loss: 'binary_crossentropy', optimizer: 'adam', learningRate: null } })).toThrow(/loss 'binary_crossentropy'/);
    expect(() => run({ layers: [dense(32, 'relu', [784]), dense(5, 'softmax')] })).toThrow(/5 outputs/);
    expect(() => run({ layers: [dense(32, 'gelu', [784]), dense(10, 'softmax')] })).toThrow(/activation 'gelu'/);
    expect(() => run({ layers: [dense(32, 'relu', [28, 28]), layer('Flatten'), dense(10, 'softmax')] })).toThrow(/layer dense: the reference trainer needs a rank-2/);
    expect(() => run({ epochs: 0 })).toThrow(/epochs must be a positive integer/);
    expect(() => run({ fit: { epochs: 1, batchSize: 64, validationSplit: 1 } })).toThrow(/validation_split/);
    expect(tf.memory().numTensors).toBe(0);
  });

  async function tfjsFit(optimizer: tf.Optimizer, fit: { epochs: number; batchSize: number; validationSplit: number }, seed: number) {
    const model = buildModel(LECTURE_LAYERS, { seed });
    model.compile({ loss: 'categoricalCrossentropy', optimizer, metrics: ['accuracy'] });
    const x = tf.tensor2d(data.trainImages, [330, 784]);
    const y = tf.tensor2d(data.trainOneHot, [330, 10]);
    const h = await model.fit(x, y, { ...fit, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    model.dispose();
    return (k: string) => h.history[k]!.map(Number);
  }

  function expectSameHistory(ours: ReturnType<typeof run>, theirs: (k: string) => number[], digits: number) {
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, digits));
    close(ours.epochs.map((e) => e.loss), theirs('loss'));
    close(ours.epochs.map((e) => e.accuracy), theirs('acc'));
    close(ours.epochs.map((e) => e.val_loss!), theirs('val_loss'));
    close(ours.epochs.map((e) => e.val_accuracy!), theirs('val_acc'));
  }

  it("matches tfjs's own model.fit (no shuffling) on a tiny problem: SGD exactly", async () => {
    const fit = { epochs: 3, batchSize: 32, validationSplit: 0.2 };
    const ours = run({ fit, shuffle: false, seed: 5, compile: { loss: 'categorical_crossentropy', optimizer: 'sgd', learningRate: 0.1 } });
    expectSameHistory(ours, await tfjsFit(tf.train.sgd(0.1), fit, 5), 5);
  });

  it("and Adam up to tfjs's different epsilon (tfjs adds ε to √v̂, Keras to √v)", async () => {
    const fit = { epochs: 3, batchSize: 32, validationSplit: 0.2 };
    const ours = run({ fit, shuffle: false, seed: 5 });
    const theirs = await tfjsFit(tf.train.adam(0.001, 0.9, 0.999, 1e-7), fit, 5);
    ours.epochs.forEach((e, i) => {
      expect(e.loss).toBeCloseTo(theirs('loss')[i]!, 2);
      expect(e.val_loss!).toBeCloseTo(theirs('val_loss')[i]!, 2);
      expect(Math.abs(e.val_accuracy! - theirs('val_acc')[i]!)).toBeLessThanOrEqual(2 / 66 + 1e-9);
    });
  });
});
