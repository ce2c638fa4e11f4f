/**
 * Losses with Keras semantics, per batch: the mean over the batch ('sum_over_batch_size'), the
 * gradient with respect to the net's output, and the number of correct argmax predictions
 * (categorical accuracy).
 *
 * categorical_crossentropy: when the model ends in softmax, Keras on TensorFlow takes the softmax's
 * logits (`_keras_logits`) and uses softmax_cross_entropy_with_logits, so no clipping applies; the
 * net then hands us logits ('cce-logits'). Otherwise Keras renormalises the output to sum 1 and
 * clips it to [1e-7, 1 − 1e-7] before the log ('cce-probabilities').
 */

export const EPSILON = 1e-7;

export type LossKind = 'cce-logits' | 'cce-probabilities' | 'mse';

export interface BatchLoss {
  /** Mean loss over the batch. */
  loss: number;
  correct: number;
  /** dL/d(output) for the batch mean (the array passed in); null when not asked for. */
  grad: Float32Array | null;
}

export class UnsupportedLossError extends Error {
  constructor(loss: string | null) {
    super(`loss '${loss}' is not supported by the reference trainer (supported: categorical_crossentropy, mean_squared_error)`);
    this.name = 'UnsupportedLossError';
  }
}

/** Normalised Keras loss name → family; the final softmax decides between the two cross-entropy forms. */
export function lossKind(loss: string | null, endsInSoftmax: boolean): LossKind {
  const name = (loss ?? '').toLowerCase().replace(/^keras\.losses\./, '');
  if (name === 'categorical_crossentropy' || name === 'categoricalcrossentropy') return endsInSoftmax ? 'cce-logits' : 'cce-probabilities';
  if (name === 'mse' || name === 'mean_squared_error' || name === 'meansquarederror') return 'mse';
  throw new UnsupportedLossError(loss);
}

function argmax(a: Float32Array, offset: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (a[offset + j]! > a[offset + best]!) best = j;
  return best;
}

function rowLoss(kind: LossKind, out: Float32Array, y: Float32Array, r: number, n: number, g: Float32Array | null, scale: number, dO: Float64Array): number {
  if (kind === 'mse') {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = out[r + j]! - y[r + j]!;
      s += e * e;
      if (g) g[r + j] = (2 * e * scale) / n;
    }
    return s / n;
  }
  if (kind === 'cce-logits') {
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, out[r + j]!);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(out[r + j]! - max);
      dO[j] = e;
      sum += e;
    }
    const lse = max + Math.log(sum);
    let l = 0;
    let ySum = 0;
    for (let j = 0; j < n; j++) {
      l += y[r + j]! * (lse - out[r + j]!);
      ySum += y[r + j]!;
    }
    // softmax = exp(z − max) / Σ exp(z − max)
    if (g) for (let j = 0; j < n; j++) g[r + j] = ((dO[j]! / sum) * ySum - y[r + j]!) * scale;
    return l;
  }
  let total = 0;
  for (let j = 0; j < n; j++) total += out[r + j]!;
  let l = 0;
  let dot = 0;
  for (let j = 0; j < n; j++) {
    const o = out[r + j]! / total;
    const clipped = Math.min(Math.max(o, EPSILON), 1 - EPSILON);
    l -= y[r + j]! * Math.log(clipped);
    dO[j] = o > EPSILON && o < 1 - EPSILON ? -y[r + j]! / o : 0;
    dot += dO[j]! * o;
  }
  if (g) for (let j = 0; j < n; j++) g[r + j] = ((dO[j]! - dot) / total) * scale;
  return l;
}

/**
 * Loss, correct count and, when `grad` is given (same length as `out`), the gradient written into
 * it, for the `out.length / n` samples of `n` classes.
 */
export function batchLoss(kind: LossKind, out: Float32Array, y: Float32Array, n: number, grad: Float32Array | null): BatchLoss {
  const rows = out.length / n;
  const dO = new Float64Array(n);
  let sum = 0;
  let correct = 0;
  for (let r = 0; r < out.length; r += n) {
    sum += rowLoss(kind, out, y, r, n, grad, 1 / rows, dO);
    if (argmax(out, r, n) === argmax(y, r, n)) correct++;
  }
  return { loss: sum / rows, correct, grad };
}
