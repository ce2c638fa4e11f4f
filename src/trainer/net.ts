/**
 * Forward and explicit backward passes over a Plan, on the CPU. The matrix products run in the
 * trainer's own WebAssembly SIMD kernels (wasm/kernels.ts), which skip the zeros of their left
 * operand: the MNIST pixels, ReLU outputs and ReLU gradients are mostly zeros. The small element-wise
 * work (bias gradients, activations, dropout, batch norm) is plain JavaScript over the same memory.
 *
 * Every array a step touches, parameters included, lives in the kernels' one WebAssembly memory,
 * allocated when the Net is made (sized for `maxRows` rows at a time): a training step allocates
 * nothing and copies nothing but the batch itself.
 */
import { activate, activationGrad } from './activations.js';
import { batchNormBackward, batchNormInfer, batchNormTrain, dropoutMask, multiply, type BatchNormCache } from './ops.js';
import type { Param, Plan, PlanOp } from './plan.js';
import type { Rng } from './rng.js';
import type { SparseImages } from './mnist.js';
import { ByteCounter, Kernels, type Allocator, type Buf, type Csr, type ImageSet, type IntBuf } from './wasm/kernels.js';

/** A parameter whose value and gradient live in the kernels' memory, with room for the optimizer's slots. */
export interface KernelParam extends Param {
  readonly kernels: Kernels;
  readonly valueBuf: Buf;
  readonly gradBuf: Buf;
  /** Optimizer slots (Adam's m and v), zero at the start. */
  readonly slots: [Buf, Buf];
}

const head = (b: Buf, length: number) => b.view.subarray(0, length);

interface Layer {
  /** `input` holds rows × in floats; returns the buffer holding rows × out floats. */
  forward(input: Buf, rows: number, training: boolean, rng: Rng | null): Buf;
  /** dL/d(output) in `dOut`; fills the layer's param grads and returns dL/d(input), or null when not needed. */
  backward(dOut: Buf, rows: number, needInput: boolean): Buf | null;
}

/**
 * Dense: z = x·W + b in the kernels, then the activation: ReLU inside the product's kernel, others
 * in JavaScript; linear (or a softmax left to the loss) keeps z.
 */
class DenseLayer implements Layer {
  private readonly csrIn: Csr;
  /** z, or relu(z) for ReLU. */
  private readonly z: Buf;
  /** f(z) for other activations. */
  private readonly out: Buf | null;
  private readonly dz: Buf | null;
  private readonly wT: Buf | null;
  private readonly csrDz: Csr | null;
  private readonly dIn: Buf | null;
  private readonly zeros: Buf | null;
  private readonly mode: 'linear' | 'relu' | 'other';
  kernel!: KernelParam;
  bias!: KernelParam;

  constructor(
    private readonly op: Extract<PlanOp, { kind: 'dense' }>,
    fused: boolean,
    hasInputGrad: boolean,
    maxRows: number,
    a: Allocator,
  ) {
    const { inSize, outSize } = op;
    this.mode = fused || op.activation === 'linear' ? 'linear' : op.activation === 'relu' ? 'relu' : 'other';
    this.csrIn = a.csrBuffers(maxRows, inSize, outSize);
    this.z = a.floats(maxRows * outSize);
    this.out = this.mode === 'other' ? a.floats(maxRows * outSize) : null;
    this.dz = this.mode === 'linear' ? null : a.floats(maxRows * outSize);
    this.wT = hasInputGrad ? a.floats(outSize * inSize) : null;
    this.csrDz = hasInputGrad ? a.csrBuffers(maxRows, outSize, inSize) : null;
    this.dIn = hasInputGrad ? a.floats(maxRows * inSize) : null;
    this.zeros = hasInputGrad ? a.floats(inSize) : null;
  }

  forward(input: Buf, rows: number): Buf {
    this.kernel.kernels.csr(input, rows, this.op.inSize, this.csrIn);
    return this.forwardFromCsr(rows);
  }

  /** forward() for rows ids[0 … rows) of an image set, taken straight into the input's CSR. */
  forwardImages(set: ImageSet, ids: IntBuf, rows: number): Buf {
    this.kernel.kernels.gatherCsr(set, ids, rows, this.csrIn);
    return this.forwardFromCsr(rows);
  }

  forwardFromCsr(rows: number): Buf {
    const { outSize } = this.op;
    this.kernel.kernels.spmm(this.csrIn, rows, this.kernel.valueBuf, outSize, this.bias.valueBuf, this.z, this.mode === 'relu');
    if (!this.out) return this.z;
    activate(this.op.activation, head(this.z, rows * outSize), outSize, head(this.out, rows * outSize));
    return this.out;
  }

  backward(dOut: Buf, rows: number, needInput: boolean): Buf | null {
    const { inSize, outSize } = this.op;
    const k = this.kernel.kernels;
    const n = rows * outSize;
    let dz = dOut;
    if (this.dz && this.mode === 'relu') {
      k.reluGrad(this.z, dOut, this.dz, n);
      dz = this.dz;
    } else if (this.dz && this.out) {
      activationGrad(this.op.activation, head(this.z, n), head(this.out, n), head(dOut, n), outSize, head(this.dz, n));
      dz = this.dz;
    }
    k.colSums(dz, rows, outSize, this.bias.gradBuf);
    this.kernel.grad.fill(0);
    k.spmmT(this.csrIn, rows, dz, outSize, this.kernel.gradBuf);
    if (!needInput || !this.wT || !this.csrDz || !this.dIn || !this.zeros) return null;
    k.transpose(this.kernel.valueBuf, inSize, outSize, this.wT);
    k.csr(dz, rows, outSize, this.csrDz);
    k.spmm(this.csrDz, rows, this.wT, inSize, this.zeros, this.dIn);
    return this.dIn;
  }
}

class ActivationLayer implements Layer {
  private readonly out: Buf | null;
  private readonly dIn: Buf | null;
  private input: Buf | null = null;

  constructor(
    private readonly op: Extract<PlanOp, { kind: 'activation' }>,
    fused: boolean,
    maxRows: number,
    a: Allocator,
  ) {
    const passThrough = fused || op.activation === 'linear';
    this.out = passThrough ? null : a.floats(maxRows * op.size);
    this.dIn = passThrough ? null : a.floats(maxRows * op.size);
  }

  forward(input: Buf, rows: number): Buf {
    this.input = input;
    if (!this.out) return input;
    const n = rows * this.op.size;
    activate(this.op.activation, head(input, n), this.op.size, head(this.out, n));
    return this.out;
  }

  backward(dOut: Buf, rows: number): Buf {
    if (!this.out || !this.dIn || !this.input) return dOut;
    const n = rows * this.op.size;
    activationGrad(this.op.activation, head(this.input, n), head(this.out, n), head(dOut, n), this.op.size, head(this.dIn, n));
    return this.dIn;
  }
}

class DropoutLayer implements Layer {
  private readonly mask: Buf;
  private readonly out: Buf;
  private readonly dIn: Buf;
  private masked = false;

  constructor(
    private readonly op: Extract<PlanOp, { kind: 'dropout' }>,
    maxRows: number,
    a: Allocator,
  ) {
    this.mask = a.floats(maxRows * op.size);
    this.out = a.floats(maxRows * op.size);
    this.dIn = a.floats(maxRows * op.size);
  }

  forward(input: Buf, rows: number, training: boolean, rng: Rng | null): Buf {
    this.masked = training && this.op.rate > 0;
    if (!this.masked) return input;
    if (!rng) throw new Error('dropout in training needs a random generator');
    const n = rows * this.op.size;
    dropoutMask(n, this.op.rate, rng, this.mask.view);
    multiply(head(input, n), head(this.mask, n), head(this.out, n));
    return this.out;
  }

  backward(dOut: Buf, rows: number): Buf {
    if (!this.masked) return dOut;
    const n = rows * this.op.size;
    multiply(head(dOut, n), head(this.mask, n), head(this.dIn, n));
    return this.dIn;
  }
}

class BatchNormLayer implements Layer {
  private readonly out: Buf;
  private readonly xhat: Buf;
  private readonly invStd: Buf;
  private readonly dIn: Buf;
  gamma!: KernelParam;
  beta!: KernelParam;

  constructor(
    private readonly op: Extract<PlanOp, { kind: 'batchnorm' }>,
    maxRows: number,
    a: Allocator,
  ) {
    this.out = a.floats(maxRows * op.size);
    this.xhat = a.floats(maxRows * op.size);
    this.invStd = a.floats(op.size);
    this.dIn = a.floats(maxRows * op.size);
  }

  private cache(rows: number): BatchNormCache {
    return { xhat: head(this.xhat, rows * this.op.size), invStd: this.invStd.view };
  }

  forward(input: Buf, rows: number, training: boolean): Buf {
    const n = rows * this.op.size;
    if (training) batchNormTrain(head(input, n), this.op.size, this.op.state, head(this.out, n), this.cache(rows));
    else batchNormInfer(head(input, n), this.op.size, this.op.state, head(this.out, n));
    return this.out;
  }

  backward(dOut: Buf, rows: number): Buf {
    const n = rows * this.op.size;
    batchNormBackward(head(dOut, n), this.op.size, this.op.state.gamma, this.cache(rows), this.gamma.grad, this.beta.grad, head(this.dIn, n));
    return this.dIn;
  }
}

/** Makes the layers with `a` (a ByteCounter to size the memory, then the Kernels themselves). */
function makeLayers(plan: Plan, fuseSoftmax: boolean, maxRows: number, a: Allocator): Layer[] {
  const firstParamOp = plan.ops.findIndex((op) => op.kind === 'dense' || op.kind === 'batchnorm');
  return plan.ops.map((op, i) => {
    const fused = fuseSoftmax && i === plan.ops.length - 1;
    switch (op.kind) {
      case 'dense':
        return new DenseLayer(op, fused, i > firstParamOp, maxRows, a);
      case 'activation':
        return new ActivationLayer(op, fused, maxRows, a);
      case 'dropout':
        return new DropoutLayer(op, maxRows, a);
      case 'batchnorm':
        return new BatchNormLayer(op, maxRows, a);
    }
  });
}

function widthOf(op: PlanOp): number {
  return op.kind === 'dense' ? op.outSize : op.size;
}

export class Net {
  readonly kernels: Kernels;
  /** The trainable parameters in model order (plan.params, now living in the kernels' memory). */
  readonly params: KernelParam[];
  private readonly layers: Layer[];
  private readonly inputBuf: Buf;
  private readonly outGrad: Buf;
  private readonly ids: IntBuf;
  private readonly images: ImageSet[];
  private readonly generation: number;
  /** Index of the first op with parameters: no gradient flows below it. */
  private readonly firstParamOp: number;
  private rows = 0;

  /**
   * @param fuseSoftmax the last op's softmax is left to the loss (cross-entropy from logits, as
   *   Keras does on TensorFlow): forward returns logits and backward starts from dL/dlogits.
   * @param maxRows the most rows one forward pass takes (the batch size, or the evaluation chunk).
   * @param images image sets that forwardImages reads (the training and test images), copied into
   *   the kernels' memory unless the thread's last Net had the same.
   * @param kernels default: this thread's; making a Net ends the previous Net on the same kernels.
   */
  constructor(
    readonly plan: Plan,
    readonly fuseSoftmax: boolean,
    readonly maxRows: number,
    images: SparseImages[] = [],
    kernels: Kernels = Kernels.forThread(),
  ) {
    this.firstParamOp = plan.ops.findIndex((op) => op.kind === 'dense' || op.kind === 'batchnorm');
    const outputs = plan.outputSize;
    const allocate = (a: Allocator) => {
      const input = a.floats(maxRows * plan.inputSize);
      const outGrad = a.floats(maxRows * outputs);
      const ids = a.ints(maxRows);
      const layers = makeLayers(plan, fuseSoftmax, maxRows, a);
      const params = plan.params.map((p) => ({ value: a.floats(p.value.length), grad: a.floats(p.value.length), slots: [a.floats(p.value.length), a.floats(p.value.length)] as [Buf, Buf] }));
      return { input, outGrad, ids, layers, params };
    };
    const counter = new ByteCounter();
    allocate(counter);
    this.kernels = kernels;
    this.images = kernels.loadImages(images);
    kernels.resetArena();
    this.generation = kernels.generation;
    kernels.reserve(counter.bytes);
    const made = allocate(kernels);
    this.inputBuf = made.input;
    this.outGrad = made.outGrad;
    this.ids = made.ids;
    this.layers = made.layers;
    // Move each parameter into the kernels' memory; the plan's Param objects now point there.
    this.params = plan.params.map((p, i) => {
      const { value, grad, slots } = made.params[i]!;
      value.view.set(p.value);
      const moved = Object.assign(p, { value: value.view, grad: grad.view, kernels: this.kernels, valueBuf: value, gradBuf: grad, slots });
      return moved;
    });
    const byParam = new Map<Param, KernelParam>(this.params.map((p) => [p, p]));
    plan.ops.forEach((op, i) => {
      const layer = this.layers[i]!;
      if (op.kind === 'dense' && layer instanceof DenseLayer) {
        layer.kernel = byParam.get(op.kernel)!;
        layer.bias = byParam.get(op.bias)!;
      } else if (op.kind === 'batchnorm' && layer instanceof BatchNormLayer) {
        layer.gamma = byParam.get(op.gamma)!;
        layer.beta = byParam.get(op.beta)!;
        op.state.gamma = op.gamma.value;
        op.state.beta = op.beta.value;
      }
    });
  }

  /** Where to write the next forward pass's input rows (forward then copies nothing). */
  input(rows: number): Float32Array {
    this.checkRows(rows);
    return head(this.inputBuf, rows * this.plan.inputSize);
  }

  private checkRows(rows: number): void {
    if (this.kernels.generation !== this.generation) throw new Error('this Net was replaced by a newer one on the same kernels');
    if (!Number.isInteger(rows) || rows < 1 || rows > this.maxRows) throw new RangeError(`a pass takes 1 to ${this.maxRows} rows, got ${rows}`);
  }

  /** Whether forwardImages can be used: the model starts with a Dense layer. */
  get takesImages(): boolean {
    return this.layers[0] instanceof DenseLayer;
  }

  /**
   * forward() on images of image set `set` (an index into the constructor's `images`): row k of the
   * pass is image rowAt[start + k], or start + k without rowAt. Same results as forward() on the
   * same rows, without copying them: the first product reads the sparse images.
   */
  forwardImages(set: number, rowAt: Int32Array | null, start: number, rows: number, training: boolean, rng: Rng | null): Float32Array {
    this.checkRows(rows);
    const first = this.layers[0];
    const images = this.images[set];
    if (!(first instanceof DenseLayer) || !images) throw new Error('forwardImages needs a model that starts with Dense, and a loaded image set');
    const ids = this.ids.view;
    for (let k = 0; k < rows; k++) {
      const r = rowAt ? rowAt[start + k]! : start + k;
      if (!(r >= 0 && r < images.rows)) throw new RangeError(`image ${r} is not in the set (${images.rows} images)`);
      ids[k] = r;
    }
    this.rows = rows;
    let a = first.forwardImages(images, this.ids, rows);
    for (let i = 1; i < this.layers.length; i++) a = this.layers[i]!.forward(a, rows, training, rng);
    return head(a, rows * this.plan.outputSize);
  }

  /** Runs the net on `rows` samples of `x`; in training mode keeps what backward needs. */
  forward(x: Float32Array, rows: number, training: boolean, rng: Rng | null): Float32Array {
    this.checkRows(rows);
    const inView = this.inputBuf.view;
    if (!(x.buffer === inView.buffer && x.byteOffset === inView.byteOffset)) inView.set(x.subarray(0, rows * this.plan.inputSize));
    this.rows = rows;
    let a = this.inputBuf;
    for (const layer of this.layers) a = layer.forward(a, rows, training, rng);
    const last = this.plan.ops[this.plan.ops.length - 1];
    return head(a, rows * (last ? widthOf(last) : this.plan.inputSize));
  }

  /** Backpropagates dL/d(output) (dL/dlogits when fused) through the last training forward pass and fills every param's grad. */
  backward(dOut: Float32Array): void {
    this.checkRows(this.rows);
    const rows = this.rows;
    this.outGrad.view.set(dOut.subarray(0, rows * this.plan.outputSize));
    let d: Buf = this.outGrad;
    for (let i = this.layers.length - 1; i >= this.firstParamOp && i >= 0; i--) {
      const next = this.layers[i]!.backward(d, rows, i > this.firstParamOp);
      if (next === null) break;
      d = next;
    }
  }
}
