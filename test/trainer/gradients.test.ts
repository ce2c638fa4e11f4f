/**
 * The explicit-gradient trainer against TensorFlow.js's own automatic differentiation of the same
 * built model, on one small batch: outputs, losses and every parameter's gradient must agree.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/trainer/backend.js';
import { buildModel } from '../../src/trainer/build-model.js';
import { LECTURE_LAYERS } from '../helpers/lecture.js';
import { batchLoss, EPSILON, lossKind } from '../../src/trainer/loss.js';
import { Net } from '../../src/trainer/net.js';
import { dropoutMask } from '../../src/trainer/ops.js';
import { planFromModel } from '../../src/trainer/plan.js';
import { Rng } from '../../src/trainer/rng.js';
import { loadMnist } from '../../src/trainer/mnist.js';
import type { LayerSpec } from '../../src/types.js';
import { dense, layer } from './helpers.js';

const ROWS = 8;

function batch(seed: number): { x: Float32Array; y: Float32Array } {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: ROWS * 784 }, () => (rng.next() < 0.7 ? 0 : rng.next()));
  const y = new Float32Array(ROWS * 10);
  for (let r = 0; r < ROWS; r++) y[r * 10 + rng.int(10)] = 1;
  return { x, y };
}

/** Keras's loss written with tfjs ops on the model's (probability) output. */
function tfLoss(loss: string, out: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (loss === 'mse') return tf.mean(tf.mean(tf.square(tf.sub(out, y)), -1));
  const normalised = tf.div(out, tf.sum(out, -1, true));
  return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(normalised, EPSILON, 1 - EPSILON))), -1)));
}

function compare(layers: LayerSpec[], loss: string): void {
  const { x, y } = batch(3);
  const model = buildModel(layers, { seed: 11 });
  const plan = planFromModel(model);
  const last = plan.ops[plan.ops.length - 1]!;
  const kind = lossKind(loss, (last.kind === 'dense' || last.kind === 'activation') && last.activation === 'softmax');
  const net = new Net(plan, kind === 'cce-logits', ROWS);

  const predicted = tf.tidy(() => (model.predict(tf.tensor2d(x, [ROWS, 784])) as tf.Tensor).dataSync());
  const inferred = net.forward(x, ROWS, false, null);
  const probabilities = kind === 'cce-logits' ? tf.tidy(() => tf.softmax(tf.tensor2d(inferred, [ROWS, 10])).dataSync()) : inferred;
  expectClose(probabilities, predicted, 1e-5);

  const out = net.forward(x, ROWS, true, null);
  const ours = batchLoss(kind, out, y, 10, new Float32Array(out.length));
  net.backward(ours.grad!);

  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tfLoss(loss, model.apply(tf.tensor2d(x, [ROWS, 784]), { training: true }) as tf.Tensor, tf.tensor2d(y, [ROWS, 10])),
    variables,
  );
  expect(ours.loss).toBeCloseTo(value.dataSync()[0]!, 5);
  expect(plan.params.map((p) => p.name)).toEqual(model.trainableWeights.map((w) => w.originalName));
  variables.forEach((v, i) => expectClose(plan.params[i]!.grad, grads[v.name]!.dataSync(), 1e-4));
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-12;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  expect(worst / scale).toBeLessThan(tolerance);
}

describe('explicit gradients agree with tfjs autodiff of the built model', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('lecture model, softmax cross-entropy from logits', () => compare(LECTURE_LAYERS, 'categorical_crossentropy'));

  it('BatchNormalization (training mode) and an Activation(softmax) layer', () =>
    compare(
      [dense(16, 'tanh', [784]), layer('BatchNormalization'), layer('Activation', { activation: 'sigmoid' }), dense(12, 'elu'), dense(10), layer('Activation', { activation: 'softmax' })],
      'categorical_crossentropy',
    ));

  it('other activations', () =>
    compare([dense(12, 'selu', [784]), dense(12, 'softsign'), dense(12, 'swish'), dense(12, 'relu6'), dense(12, 'softplus'), dense(10, 'softmax')], 'categorical_crossentropy'));

  it('widths that use every column pass of the kernels (blocks of 32, of 4, single columns)', () =>
    compare([dense(70, 'relu', [784]), dense(37, 'tanh'), dense(10, 'softmax')], 'categorical_crossentropy'));

  it('cross-entropy on a non-softmax output (renormalised and clipped, as Keras does)', () =>
    compare([dense(16, 'relu', [784]), dense(10, 'sigmoid')], 'categorical_crossentropy'));

  it('mean squared error', () => compare([dense(16, 'relu', [784]), dense(10, 'softmax')], 'mse'));

  it('forwardImages (sparse image rows straight into the first product) gives the bits forward gives on the same dense rows', () => {
    const data = loadMnist({ trainLimit: 40, testLimit: 1 });
    const rows = Int32Array.from([3, 17, 17, 0, 39, 8, 21, 5]);
    const dense = new Float32Array(ROWS * 784);
    rows.forEach((r, i) => dense.set(data.trainImages.subarray(r * 784, (r + 1) * 784), i * 784));
    const { y } = batch(5);
    const run = (sparse: boolean) => {
      const model = buildModel(LECTURE_LAYERS, { seed: 3 });
      const net = new Net(planFromModel(model), true, ROWS, [data.trainSparse]);
      model.dispose();
      const out = sparse ? net.forwardImages(0, rows, 0, ROWS, true, null) : net.forward(dense, ROWS, true, null);
      const logits = [...out];
      net.backward(batchLoss('cce-logits', out, y, 10, new Float32Array(out.length)).grad!);
      return { logits, grads: net.params.map((p) => [...p.grad]) };
    };
    const dense1 = run(false);
    const sparse1 = run(true);
    expect(sparse1).toEqual(dense1);
    expect(() => new Net(planFromModel(buildModel(LECTURE_LAYERS)), true, ROWS).forwardImages(0, rows, 0, ROWS, false, null)).toThrow(/image set/);
  });

  it('Dropout: inverted dropout mask, only in training', () => {
    const mask = dropoutMask(10000, 0.25, new Rng(1), new Float32Array(10000));
    const dropped = mask.filter((m) => m === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.23);
    expect(dropped).toBeLessThan(0.27);
    expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    const model = buildModel([dense(16, 'relu', [784]), layer('Dropout', { rate: 0.5 }), dense(10, 'softmax')], { seed: 1 });
    const net = new Net(planFromModel(model), true, ROWS);
    const { x } = batch(4);
    const eval1 = [...net.forward(x, ROWS, false, null)];
    expect([...net.forward(x, ROWS, false, null)]).toEqual(eval1);
    expect([...net.forward(x, ROWS, true, new Rng(2))]).not.toEqual(eval1);
    model.dispose();
  });
});
