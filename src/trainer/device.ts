/**
 * The 'device' engine: training with tfjs's own kernels end to end, for the tensorflow backend
 * (@tensorflow/tfjs-node-gpu: CUDA when a GPU is usable). Nothing is copied per product:
 *
 * - the images and labels are uploaded once per run; each step uploads only its batch's row indices
 *   (and, for a model with Dropout, its masks) and gathers the batch on the device;
 * - the weights, Adam's slots and BatchNormalization's moving statistics are tfjs Variables, updated
 *   in place on the device; gradients come from tfjs's automatic differentiation;
 * - loss and accuracy are summed on the device and read once per epoch (and once per evaluation).
 *
 * Same Keras semantics as the explicit engine (train.ts): Keras's Adam (ε added to √v, not tfjs's
 * own Adam), cross-entropy from logits when the model ends in softmax, the same shuffles and dropout
 * masks from the run's seed. Tested on the cpu backend (test/trainer/device.test.ts), which runs this
 * same code; it has not run on a GPU here.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { EVAL_CHUNK } from './batches.js';
import { EPSILON } from './loss.js';
import { CLASSES, FEATURES } from './mnist.js';
import { dropoutMask } from './ops.js';
import { KERAS_DEFAULTS } from './optimizer.js';
import type { Param, PlanOp } from './plan.js';
import type { Activation } from './activations.js';
import type { Rng } from './rng.js';
import type { Engine, EngineInput } from './train.js';

type TF = typeof import('@tensorflow/tfjs');
type T2 = tfjs.Tensor2D;

export function deviceEngine(tf: TF, { plan, kind, optimizer, data }: EngineInput): Engine {
  const owned: tfjs.Tensor[] = [];
  const own = <T extends tfjs.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  // Constants made once (a number in an op would be uploaded as a new scalar at every use).
  const scalar = (x: number) => own(tf.scalar(x));
  const one = scalar(1);

  const images = own(tf.tensor2d(data.trainImages, [data.trainCount, FEATURES]));
  const labels = own(tf.tensor2d(data.trainOneHot, [data.trainCount, CLASSES]));
  let test: [T2, T2] | null = null;
  const testSet = (): [T2, T2] =>
    (test ??= [own(tf.tensor2d(data.testImages, [data.testCount, FEATURES])), own(tf.tensor2d(data.testOneHot, [data.testCount, CLASSES]))]);

  const variables = new Map<Param, tfjs.Variable>();
  // tf.variable keeps its initial tensor alive: make that in a tidy.
  const variable = (make: () => tfjs.Tensor, trainable: boolean) => own(tf.tidy(() => tf.variable(make(), trainable)));
  for (const p of plan.params) variables.set(p, variable(() => tf.tensor(p.value, p.shape), true));
  const trainable = plan.params.map((p) => variables.get(p)!);
  const bn = new Map<PlanOp, { mean: tfjs.Variable; variance: tfjs.Variable; momentum: tfjs.Scalar; rest: tfjs.Scalar; epsilon: tfjs.Scalar }>();
  for (const op of plan.ops) {
    if (op.kind !== 'batchnorm') continue;
    const s = op.state;
    bn.set(op, {
      mean: variable(() => tf.tensor1d(s.movingMean), false),
      variance: variable(() => tf.tensor1d(s.movingVariance), false),
      momentum: scalar(s.momentum),
      rest: scalar(1 - s.momentum),
      epsilon: scalar(s.epsilon),
    });
  }

  const adam = optimizer.name === 'adam';
  const slots = adam ? trainable.map((v) => [variable(() => tf.zerosLike(v), false), variable(() => tf.zerosLike(v), false)] as const) : [];
  const c1 = scalar(1 - KERAS_DEFAULTS.adam.beta1);
  const c2 = scalar(1 - KERAS_DEFAULTS.adam.beta2);
  const adamEps = scalar(KERAS_DEFAULTS.adam.epsilon);
  const learningRate = scalar(optimizer.learningRate);
  let t = 0;

  const fuseLast = kind === 'cce-logits';
  const lastOp = plan.ops.length - 1;
  const dropouts = plan.ops.filter((op) => op.kind === 'dropout' && op.rate > 0);
  const maskScratch = new Map<PlanOp, Float32Array>();

  function act(a: Activation, x: T2): T2 {
    switch (a) {
      case 'linear':
        return x;
      case 'relu':
        return tf.relu(x);
      case 'relu6':
        return tf.relu6(x);
      case 'sigmoid':
        return tf.sigmoid(x);
      case 'tanh':
        return tf.tanh(x);
      case 'softmax':
        return tf.softmax(x);
      case 'elu':
        return tf.elu(x);
      case 'selu':
        return tf.selu(x);
      case 'softplus':
        return tf.softplus(x);
      case 'softsign':
        return tf.div(x, tf.add(one, tf.abs(x)));
      case 'swish':
        return tf.mul(x, tf.sigmoid(x));
    }
  }

  /** The net's output (logits when the loss takes them); training mode uses masks and records batch statistics. */
  function forward(x: T2, masks: Map<PlanOp, T2> | null, stats: Map<PlanOp, [tfjs.Tensor1D, tfjs.Tensor1D]> | null): T2 {
    let a = x;
    plan.ops.forEach((op, i) => {
      const fused = fuseLast && i === lastOp;
      switch (op.kind) {
        case 'dense': {
          const z = tf.add<T2>(tf.matMul(a, variables.get(op.kernel)!), variables.get(op.bias)!);
          a = fused ? z : act(op.activation, z);
          break;
        }
        case 'activation':
          if (!fused) a = act(op.activation, a);
          break;
        case 'dropout': {
          const mask = masks?.get(op);
          if (mask) a = tf.mul(a, mask);
          break;
        }
        case 'batchnorm': {
          const b = bn.get(op)!;
          let mean: tfjs.Tensor1D;
          let variance: tfjs.Tensor1D;
          if (stats) {
            mean = tf.mean<tfjs.Tensor1D>(a, 0);
            variance = tf.mean<tfjs.Tensor1D>(tf.square(tf.sub(a, mean)), 0);
            stats.set(op, [tf.keep(mean), tf.keep(variance)]);
          } else {
            mean = b.mean as tfjs.Tensor as tfjs.Tensor1D;
            variance = b.variance as tfjs.Tensor as tfjs.Tensor1D;
          }
          const xhat = tf.mul(tf.sub(a, mean), tf.rsqrt(tf.add(variance, b.epsilon)));
          a = tf.add<T2>(tf.mul(variables.get(op.gamma)!, xhat), variables.get(op.beta)!);
          break;
        }
      }
    });
    return a;
  }

  /** Per-sample loss (Keras's, before the batch mean). */
  function sampleLoss(out: T2, y: T2): tfjs.Tensor1D {
    if (kind === 'mse') return tf.mean<tfjs.Tensor1D>(tf.square(tf.sub(out, y)), 1);
    if (kind === 'cce-logits') return tf.sum<tfjs.Tensor1D>(tf.mul(y, tf.sub(tf.logSumExp(out, 1, true), out)), 1);
    const o = tf.div(out, tf.sum(out, 1, true));
    return tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(o, EPSILON, 1 - EPSILON))), 1)) as tfjs.Tensor1D;
  }

  const correctOf = (out: T2, y: T2) => tf.sum(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(y, 1)), 'int32'));

  /** Running sums on the device: replaced (old one disposed) at each add, read once. */
  class Sum {
    private value: tfjs.Tensor;
    constructor(dtype: 'float32' | 'int32') {
      this.value = tf.keep(tf.zeros([], dtype));
    }
    add(x: tfjs.Tensor): void {
      const next = tf.keep(tf.add(this.value, x));
      this.value.dispose();
      this.value = next;
    }
    read(): number {
      const v = this.value.dataSync()[0]!;
      this.value.dispose();
      return v;
    }
  }

  function update(grads: tfjs.NamedTensorMap): void {
    t += 1;
    const { beta1, beta2 } = KERAS_DEFAULTS.adam;
    const alpha = adam ? tf.scalar((optimizer.learningRate * Math.sqrt(1 - Math.pow(beta2, t))) / (1 - Math.pow(beta1, t))) : learningRate;
    trainable.forEach((w, i) => {
      const g = grads[w.name]!;
      if (!adam) {
        w.assign(tf.sub(w, tf.mul(alpha, g)));
        return;
      }
      const [m, v] = slots[i]!;
      m.assign(tf.add(m, tf.mul(tf.sub(g, m), c1)));
      v.assign(tf.add(v, tf.mul(tf.sub(tf.square(g), v), c2)));
      w.assign(tf.sub(w, tf.div(tf.mul(alpha, m), tf.add(tf.sqrt(v), adamEps))));
    });
  }

  function masksFor(rows: number, rng: Rng): Map<PlanOp, T2> | null {
    if (dropouts.length === 0) return null;
    const masks = new Map<PlanOp, T2>();
    for (const op of dropouts) {
      if (op.kind !== 'dropout') continue;
      let buf = maskScratch.get(op);
      if (!buf || buf.length < rows * op.size) maskScratch.set(op, (buf = new Float32Array(rows * op.size)));
      const mask = buf.subarray(0, rows * op.size);
      dropoutMask(mask.length, op.rate, rng, mask);
      masks.set(op, tf.tensor2d(mask, [rows, op.size]));
    }
    return masks;
  }

  return {
    trainEpoch(indices, count, batchSize, dropoutRng) {
      const lossSum = new Sum('float32');
      const correct = new Sum('int32');
      for (let s = 0; s < count; s += batchSize) {
        const rows = Math.min(batchSize, count - s);
        tf.tidy(() => {
          const idx = tf.tensor1d(indices.subarray(s, s + rows), 'int32');
          const xb = tf.gather(images, idx);
          const yb = tf.gather(labels, idx);
          const masks = masksFor(rows, dropoutRng);
          const stats = new Map<PlanOp, [tfjs.Tensor1D, tfjs.Tensor1D]>();
          let kept: tfjs.Tensor[] = [];
          const { grads } = tf.variableGrads(() => {
            const out = forward(xb, masks, stats);
            const losses = sampleLoss(out, yb);
            kept = [tf.keep(tf.sum(losses)), tf.keep(correctOf(out, yb))];
            return tf.mean<tfjs.Scalar>(losses);
          }, trainable);
          lossSum.add(kept[0]!);
          correct.add(kept[1]!);
          for (const [op, [mean, variance]] of stats) {
            const b = bn.get(op)!;
            b.mean.assign(tf.add(tf.mul(b.mean, b.momentum), tf.mul(mean, b.rest)));
            b.variance.assign(tf.add(tf.mul(b.variance, b.momentum), tf.mul(variance, b.rest)));
          }
          update(grads);
          tf.dispose([...kept, ...[...stats.values()].flat()]);
        });
      }
      return { lossSum: lossSum.read(), correct: correct.read() };
    },

    evaluate(set, start, count) {
      const [x, y] = set === 'train' ? [images, labels] : testSet();
      const lossSum = new Sum('float32');
      const correct = new Sum('int32');
      for (let s = start; s < start + count; s += EVAL_CHUNK) {
        const rows = Math.min(EVAL_CHUNK, start + count - s);
        tf.tidy(() => {
          const xs = tf.slice(x, [s, 0], [rows, FEATURES]);
          const ys = tf.slice(y, [s, 0], [rows, CLASSES]);
          const out = forward(xs, null, null);
          lossSum.add(tf.sum(sampleLoss(out, ys)));
          correct.add(correctOf(out, ys));
        });
      }
      return { loss: lossSum.read() / count, accuracy: correct.read() / count };
    },

    dispose() {
      tf.dispose(owned);
      owned.length = 0;
    },
  };
}
