import { describe, expect, it } from 'vitest';
import { makeOptimizer, UnsupportedOptimizerError } from '../../src/trainer/optimizer.js';
import type { KernelParam } from '../../src/trainer/net.js';
import { Kernels } from '../../src/trainer/wasm/kernels.js';

/** A parameter in the trainer's kernel memory, as Net makes them. */
function param(value: number[]): KernelParam {
  const kernels = new Kernels(4096);
  const valueBuf = kernels.floats(value.length);
  const gradBuf = kernels.floats(value.length);
  valueBuf.view.set(value);
  return { name: 'p', shape: [value.length], value: valueBuf.view, grad: gradBuf.view, kernels, valueBuf, gradBuf, slots: [kernels.floats(value.length), kernels.floats(value.length)] };
}

describe('optimizers with Keras update rules', () => {
  it('Adam: α = lr·√(1−β2^t)/(1−β1^t), p −= α·m/(√v + 1e-7), defaults from compile(optimizer="Adam"); float32 in the SIMD kernel', () => {
    const p = param([0.5, -0.25, 0]);
    const adam = makeOptimizer('Adam', null);
    expect(adam.learningRate).toBe(0.001);
    const grads = [
      [0.1, -2, 1e-6],
      [0.3, 1, 1e-6],
      [-0.2, 0.5, 0],
    ];
    const w = [0.5, -0.25, 0];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    grads.forEach((g, step) => {
      p.grad.set(g);
      adam.step([p]);
      const t = step + 1;
      const alpha = (0.001 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      for (let i = 0; i < 3; i++) {
        m[i] = m[i]! + (g[i]! - m[i]!) * 0.1;
        v[i] = v[i]! + (g[i]! * g[i]! - v[i]!) * 0.001;
        w[i] = w[i]! - (alpha * m[i]!) / (Math.sqrt(v[i]!) + 1e-7);
      }
      w.forEach((x, i) => expect(p.value[i]).toBeCloseTo(x, 7));
    });
  });

  it('SGD: lr 0.01 by default, plain steps', () => {
    const p = param([1]);
    p.grad[0] = 2;
    makeOptimizer('sgd', null).step([p]);
    expect(p.value[0]).toBeCloseTo(0.98, 7);
  });

  it('others are refused clearly, including compile() without an optimizer (Keras: rmsprop)', () => {
    expect(() => makeOptimizer('rmsprop', null)).toThrow(UnsupportedOptimizerError);
    expect(() => makeOptimizer(null, null)).toThrow(/default is rmsprop/);
  });
});
