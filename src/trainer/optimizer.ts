/**
 * Optimizers with Keras's update rules and defaults, applied in place to Float32Array parameters.
 *
 * Adam (keras/src/optimizers/adam.py): lr 0.001, β1 0.9, β2 0.999, ε 1e-7 ("epsilon hat"):
 *   α = lr·√(1−β2^t)/(1−β1^t); m += (g−m)(1−β1); v += (g²−v)(1−β2); p −= α·m/(√v + ε)
 * SGD: lr 0.01, no momentum: p −= lr·g.
 * Both run in float32 in the trainer's SIMD kernels (wasm/kernels.ts), as Keras's do in float32.
 */
import type { KernelParam } from './net.js';
import { LEARNING_RATES } from '../core/keras-defaults.js';

export interface Optimizer {
  readonly name: string;
  readonly learningRate: number;
  /** One update of every param from its grad (in the trainer's kernels, float32). */
  step(params: KernelParam[]): void;
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

  constructor(
    readonly learningRate: number,
    private readonly beta1 = KERAS_DEFAULTS.adam.beta1,
    private readonly beta2 = KERAS_DEFAULTS.adam.beta2,
    private readonly epsilon = KERAS_DEFAULTS.adam.epsilon,
  ) {}

  step(params: KernelParam[]): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    const alpha = (this.learningRate * Math.sqrt(1 - Math.pow(b2, this.t))) / (1 - Math.pow(b1, this.t));
    for (const p of params) p.kernels.adam(p.valueBuf, p.gradBuf, p.slots[0], p.slots[1], alpha, 1 - b1, 1 - b2, eps);
  }
}

class Sgd implements Optimizer {
  readonly name = 'sgd';
  constructor(readonly learningRate: number) {}

  step(params: KernelParam[]): void {
    for (const p of params) p.kernels.sgd(p.valueBuf, p.gradBuf, this.learningRate);
  }
}

/** Keras optimizer name (any case: 'Adam', 'adam') and optional learning rate → optimizer. */
export function makeOptimizer(name: string | null, learningRate: number | null): Optimizer {
  const key = name?.toLowerCase() ?? null;
  if (key === 'adam') return new Adam(learningRate ?? KERAS_DEFAULTS.adam.learningRate);
  if (key === 'sgd') return new Sgd(learningRate ?? KERAS_DEFAULTS.sgd.learningRate);
  throw new UnsupportedOptimizerError(name);
}
