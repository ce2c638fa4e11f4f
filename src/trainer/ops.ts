/**
 * Small dense-math helpers on row-major Float32Arrays for the explicit-gradient trainer: dropout
 * masks and batch normalisation (Keras semantics: biased batch variance,
 * moving statistics updated with `moving = moving * momentum + batch * (1 - momentum)`).
 */
import type { Rng } from './rng.js';

/** Inverted dropout mask (Keras and tfjs): 0 with probability `rate`, else 1 / (1 − rate). */
export function dropoutMask(length: number, rate: number, rng: Rng, mask: Float32Array): Float32Array {
  const keep = 1 / (1 - rate);
  for (let i = 0; i < length; i++) mask[i] = rng.next() < rate ? 0 : keep;
  return mask;
}

export function multiply(a: Float32Array, b: Float32Array, out: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
  return out;
}

export interface BatchNormState {
  gamma: Float32Array;
  beta: Float32Array;
  movingMean: Float32Array;
  movingVariance: Float32Array;
  momentum: number;
  epsilon: number;
}

export interface BatchNormCache {
  xhat: Float32Array;
  invStd: Float32Array;
}

/**
 * Training-mode forward: normalise with the batch's statistics (in float64) and update the moving
 * ones; writes `out`, and `cache` for the backward pass.
 */
export function batchNormTrain(x: Float32Array, n: number, s: BatchNormState, out: Float32Array, cache: BatchNormCache): Float32Array {
  const rows = x.length / n;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let r = 0; r < x.length; r += n) for (let j = 0; j < n; j++) mean[j] = mean[j]! + x[r + j]!;
  for (let j = 0; j < n; j++) mean[j] = mean[j]! / rows;
  for (let r = 0; r < x.length; r += n) {
    for (let j = 0; j < n; j++) {
      const d = x[r + j]! - mean[j]!;
      variance[j] = variance[j]! + d * d;
    }
  }
  const { xhat, invStd } = cache;
  for (let j = 0; j < n; j++) {
    variance[j] = variance[j]! / rows;
    invStd[j] = 1 / Math.sqrt(variance[j]! + s.epsilon);
    s.movingMean[j] = s.movingMean[j]! * s.momentum + mean[j]! * (1 - s.momentum);
    s.movingVariance[j] = s.movingVariance[j]! * s.momentum + variance[j]! * (1 - s.momentum);
  }
  for (let r = 0; r < x.length; r += n) {
    for (let j = 0; j < n; j++) {
      const h = (x[r + j]! - mean[j]!) * invStd[j]!;
      xhat[r + j] = h;
      out[r + j] = s.gamma[j]! * h + s.beta[j]!;
    }
  }
  return out;
}

/** Inference-mode forward with the moving statistics, into `out`. */
export function batchNormInfer(x: Float32Array, n: number, s: BatchNormState, out: Float32Array): Float32Array {
  for (let j = 0; j < n; j++) {
    const scale = s.gamma[j]! / Math.sqrt(s.movingVariance[j]! + s.epsilon);
    const shift = s.beta[j]! - s.movingMean[j]! * scale;
    for (let r = j; r < x.length; r += n) out[r] = x[r]! * scale + shift;
  }
  return out;
}

/** Backward through training-mode batch normalisation; writes dγ, dβ and dx (into `dx`). */
export function batchNormBackward(
  dy: Float32Array,
  n: number,
  gamma: Float32Array,
  cache: BatchNormCache,
  dGamma: Float32Array,
  dBeta: Float32Array,
  dx: Float32Array,
): Float32Array {
  const rows = dy.length / n;
  const sumD = new Float64Array(n);
  const sumDX = new Float64Array(n);
  for (let r = 0; r < dy.length; r += n) {
    for (let j = 0; j < n; j++) {
      sumD[j] = sumD[j]! + dy[r + j]!;
      sumDX[j] = sumDX[j]! + dy[r + j]! * cache.xhat[r + j]!;
    }
  }
  for (let j = 0; j < n; j++) {
    dBeta[j] = sumD[j]!;
    dGamma[j] = sumDX[j]!;
  }
  for (let r = 0; r < dy.length; r += n) {
    for (let j = 0; j < n; j++) {
      const k = (gamma[j]! * cache.invStd[j]!) / rows;
      dx[r + j] = k * (rows * dy[r + j]! - sumD[j]! - cache.xhat[r + j]! * sumDX[j]!);
    }
  }
  return dx;
}
