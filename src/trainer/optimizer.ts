/**
 * Optimizers with Keras's update rules and defaults, applied in place to Float32Array parameters.
 *
 * Adam (keras/src/optimizers/adam.py): lr 0.001, β1 0.9, β2 0.999, ε 1e-7 ("epsilon hat"):
 *   α = lr·√(1−β2^t)/(1−β1^t); m += (g−m)(1−β1); v += (g²−v)(1−β2); p −= α·m/(√v + ε)
 * SGD: lr 0.01, no momentum: p −= lr·g.
 */
import type { Param } from './plan.js';
import { LEARNING_RATES } from '../core/keras-defaults.js';

export interface Optimizer {
  readonly name: string;
  readonly learningRate: number;
  /** One update of every param from its grad. */
  step(params: Param[]): void;
}

export class UnsupportedOptimizerError extends Error {
  constructor(name: string | null) {
    super(
      name === null
        ? "no optimizer given (Keras's compile() default is rmsprop, which the reference trainer does not support)"
        : `optimizer '${name}' is not supported by the reference trainer (supported: adam, sgd)`,
    );
    this.name = 'UnsupportedOptimizerError';
  }
}

export const KERAS_DEFAULTS = {
  adam: { learningRate: LEARNING_RATES.adam, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  sgd: { learningRate: LEARNING_RATES.sgd },
} as const;

class Adam implements Optimizer {
  readonly name = 'adam';
  private t = 0;
  private readonly slots = new Map<Param, { m: Float32Array; v: Float32Array }>();

  constructor(
    readonly learningRate: number,
    private readonly beta1 = KERAS_DEFAULTS.adam.beta1,
    private readonly beta2 = KERAS_DEFAULTS.adam.beta2,
    private readonly epsilon = KERAS_DEFAULTS.adam.epsilon,
  ) {}

  private slot(p: Param): { m: Float32Array; v: Float32Array } {
    let s = this.slots.get(p);
    if (!s) {
      s = { m: new Float32Array(p.value.length), v: new Float32Array(p.value.length) };
      this.slots.set(p, s);
    }
    return s;
  }

  step(params: Param[]): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    const alpha = (this.learningRate * Math.sqrt(1 - Math.pow(b2, this.t))) / (1 - Math.pow(b1, this.t));
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    for (const p of params) {
      const { m, v } = this.slot(p);
      const w = p.value;
      const g = p.grad;
      const n = w.length;
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        const mi = m[i]! + (gi - m[i]!) * c1;
        const vi = v[i]! + (gi * gi - v[i]!) * c2;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i]! - (alpha * mi) / (Math.sqrt(vi) + eps);
      }
    }
  }
}

class Sgd implements Optimizer {
  readonly name = 'sgd';
  constructor(readonly learningRate: number) {}

  step(params: Param[]): void {
    for (const p of params) {
      for (let i = 0; i < p.value.length; i++) p.value[i] = p.value[i]! - this.learningRate * p.grad[i]!;
    }
  }
}

/** Keras optimizer name (any case: 'Adam', 'adam') and optional learning rate → optimizer. */
export function makeOptimizer(name: string | null, learningRate: number | null): Optimizer {
  const key = name?.toLowerCase() ?? null;
  if (key === 'adam') return new Adam(learningRate ?? KERAS_DEFAULTS.adam.learningRate);
  if (key === 'sgd') return new Sgd(learningRate ?? KERAS_DEFAULTS.sgd.learningRate);
  throw new UnsupportedOptimizerError(name);
}
