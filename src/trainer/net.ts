/**
 * Forward and explicit backward passes over a Plan. Only the matrix products run as tfjs kernels,
 * always in the untransposed form (the wasm backend sends only those to XNNPACK, so dW = xᵀ·dz is an
 * explicit Transpose kernel, then a plain product); everything small (bias gradients, activations,
 * dropout, batch norm, small transposes) is plain JavaScript. Tensors live for one product.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { activate, activationGrad } from './activations.js';
import { batchNormBackward, batchNormInfer, batchNormTrain, columnSums, dropoutMask, multiply, Scratch, type BatchNormCache } from './ops.js';
import type { Plan, PlanOp } from './plan.js';
import type { Rng } from './rng.js';

type TF = typeof import('@tensorflow/tfjs');

interface Cache {
  input: Float32Array;
  z?: Float32Array;
  out: Float32Array;
  mask?: Float32Array;
  bn?: BatchNormCache;
}

function download(t: tfjs.Tensor): Float32Array {
  const data = t.dataSync();
  t.dispose();
  if (!(data instanceof Float32Array)) throw new TypeError('expected float32 data');
  return data;
}

export class Net {
  private caches: Cache[] = [];
  private rows = 0;
  private readonly scratch = new Scratch();
  /** Index of the first op with parameters: no gradient flows below it. */
  private readonly firstParamOp: number;

  /**
   * @param fuseSoftmax the last op's softmax is left to the loss (cross-entropy from logits, as
   *   Keras does on TensorFlow): forward returns logits and backward starts from dL/dlogits.
   */
  constructor(
    private readonly tf: TF,
    readonly plan: Plan,
    readonly fuseSoftmax: boolean,
  ) {
    this.firstParamOp = plan.ops.findIndex((op) => op.kind === 'dense' || op.kind === 'batchnorm');
  }

  private isFusedLast(i: number): boolean {
    return this.fuseSoftmax && i === this.plan.ops.length - 1;
  }

  /** Runs the net on `rows` samples; in training mode keeps what backward needs. */
  forward(x: Float32Array, rows: number, training: boolean, rng: Rng | null): Float32Array {
    this.release();
    this.rows = rows;
    let a = x;
    this.plan.ops.forEach((op, i) => {
      const cache = this.step(op, i, a, rows, training, rng);
      if (training) this.caches.push(cache);
      a = cache.out;
    });
    return a;
  }

  private step(op: PlanOp, i: number, input: Float32Array, rows: number, training: boolean, rng: Rng | null): Cache {
    const tf = this.tf;
    const fused = this.isFusedLast(i);
    const out = () => this.scratch.get(`${i}:out`, rows * (op.kind === 'dense' ? op.outSize : op.size));
    switch (op.kind) {
      case 'dense': {
        let z = input;
        // tidy() must not return the arrays: it would walk every element looking for tensors.
        tf.tidy(() => {
          z = download(tf.fused.matMul({ a: tf.tensor2d(input, [rows, op.inSize]), b: tf.tensor2d(op.kernel.value, [op.inSize, op.outSize]), bias: tf.tensor1d(op.bias.value) }));
        });
        return { input, z, out: fused ? z : activate(op.activation, z, op.outSize, out()) };
      }
      case 'activation':
        return { input, z: input, out: fused ? input : activate(op.activation, input, op.size, out()) };
      case 'dropout': {
        if (!training || op.rate === 0) return { input, out: input };
        if (!rng) throw new Error('dropout in training needs a random generator');
        const mask = dropoutMask(input.length, op.rate, rng, this.scratch.get(`${i}:mask`, input.length));
        return { input, out: multiply(input, mask, out()), mask };
      }
      case 'batchnorm': {
        if (!training) return { input, out: batchNormInfer(input, op.size, op.state) };
        const { out, cache } = batchNormTrain(input, op.size, op.state);
        return { input, out, bn: cache };
      }
    }
  }

  /** Backpropagates dL/d(output) (dL/dlogits when fused) and fills every param's grad. */
  backward(dOut: Float32Array): void {
    const tf = this.tf;
    const rows = this.rows;
    let d = dOut;
    const buf = (i: number, role: string, length: number) => this.scratch.get(`${i}:${role}`, length);
    try {
      for (let i = this.caches.length - 1; i >= this.firstParamOp && i >= 0; i--) {
        const op = this.plan.ops[i]!;
        const c = this.caches[i]!;
        const fused = this.isFusedLast(i);
        if (op.kind === 'dense') {
          const dz = fused ? d : activationGrad(op.activation, c.z!, c.out, d, op.outSize, buf(i, 'dz', d.length));
          columnSums(dz, op.outSize, op.bias.grad);
          const needInputGrad = i > this.firstParamOp;
          tf.tidy(() => {
            const dzTensor = tf.tensor2d(dz, [rows, op.outSize]);
            const inputT = tf.transpose(tf.tensor2d(c.input, [rows, op.inSize]));
            op.kernel.grad.set(download(tf.matMul(inputT, dzTensor)));
            if (needInputGrad) d = download(tf.matMul(dzTensor, tf.transpose(tf.tensor2d(op.kernel.value, [op.inSize, op.outSize]))));
          });
        } else if (op.kind === 'activation') {
          if (!fused) d = activationGrad(op.activation, c.z!, c.out, d, op.size, buf(i, 'dz', d.length));
        } else if (op.kind === 'dropout') {
          if (c.mask) d = multiply(d, c.mask, buf(i, 'dz', d.length));
        } else {
          d = batchNormBackward(d, op.size, op.state.gamma, c.bn!, op.gamma.grad, op.beta.grad);
        }
      }
    } finally {
      this.release();
    }
  }

  /** Drops what a training forward pass kept for backward (tensors never outlive one product). */
  release(): void {
    this.caches = [];
  }
}
