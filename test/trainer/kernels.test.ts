/** The trainer's own WebAssembly SIMD kernels against plain loops (float64), at every column pass. */
import { describe, expect, it } from 'vitest';
import { assemble, Fn } from '../../src/trainer/wasm/assembler.js';
import { Kernels, kernelModule } from '../../src/trainer/wasm/kernels.js';
import { Rng } from '../../src/trainer/rng.js';
import { loadMnist } from '../../src/trainer/mnist.js';

function filled(k: Kernels, length: number, rng: Rng, zeros = 0) {
  const b = k.floats(length);
  for (let i = 0; i < length; i++) b.view[i] = rng.next() < zeros ? 0 : rng.next() * 2 - 1;
  return b;
}

function worst(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < expected.length; i++) w = Math.max(w, Math.abs(actual[i]! - expected[i]!));
  return w;
}

describe('WebAssembly kernels', () => {
  it('assemble: a valid module; the kernel module compiles once', () => {
    const f = new Fn('answer', [], ['i32']);
    f.i32(42);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(assemble([f])), { env: { memory: new WebAssembly.Memory({ initial: 1 }) } });
    expect((instance.exports['answer'] as () => number)()).toBe(42);
    expect(kernelModule()).toBe(kernelModule());
  });

  for (const [rows, inner, n] of [[7, 13, 37], [64, 784, 32], [5, 9, 10], [3, 4, 1], [2, 33, 70]] as const) {
    it(`csr, spmm, spmmT, transpose: ${rows}×${inner} by ${inner}×${n}, 70 % zeros`, () => {
      const rng = new Rng(rows * 1000 + n);
      const k = new Kernels(8 << 20);
      const a = filled(k, rows * inner, rng, 0.7);
      const b = filled(k, inner * n, rng);
      const bias = filled(k, n, rng);
      const d = filled(k, rows * n, rng);
      const c = k.floats(rows * n);
      const dw = k.floats(inner * n);
      const bt = k.floats(n * inner);
      a.view[0] = -0; // a negative zero is skipped like a zero
      const csr = k.csrBuffers(rows, inner, n);
      const nnz = k.csr(a, rows, inner, csr);
      expect(nnz).toBe(a.view.filter((x) => x !== 0).length);
      expect(csr.rowPtr.view[rows]).toBe(nnz);
      expect([...csr.value.view.subarray(0, nnz)]).toEqual([...a.view].filter((x) => x !== 0));
      expect([...csr.index.view.subarray(0, nnz)]).toEqual([...a.view.keys()].filter((i) => a.view[i] !== 0).map((i) => (i % inner) * n * 4));

      k.spmm(csr, rows, b, n, bias, c);
      const expected = new Float64Array(rows * n);
      for (let i = 0; i < rows; i++) for (let j = 0; j < n; j++) {
        let t = bias.view[j]!;
        for (let p = 0; p < inner; p++) t += a.view[i * inner + p]! * b.view[p * n + j]!;
        expected[i * n + j] = t;
      }
      expect(worst(c.view, expected)).toBeLessThan(1e-5);

      dw.view.fill(0.5);
      k.spmmT(csr, rows, d, n, dw);
      const expectedDw = new Float64Array(inner * n).fill(0.5);
      for (let p = 0; p < inner; p++) for (let j = 0; j < n; j++) for (let i = 0; i < rows; i++) expectedDw[p * n + j] = expectedDw[p * n + j]! + a.view[i * inner + p]! * d.view[i * n + j]!;
      expect(worst(dw.view, expectedDw)).toBeLessThan(1e-5);

      const relu = k.floats(rows * n);
      k.spmm(csr, rows, b, n, bias, relu, true);
      expect([...relu.view]).toEqual([...c.view].map((x) => (x > 0 ? x : 0)));
      const grad = k.floats(rows * n);
      k.reluGrad(relu, d, grad, rows * n);
      expect([...grad.view]).toEqual([...d.view].map((x, i) => (relu.view[i]! > 0 ? x : 0)));
      const sums = k.floats(n);
      k.colSums(d, rows, n, sums);
      const expectedSums = Array.from({ length: n }, (_, j) => Array.from({ length: rows }, (_, i) => d.view[i * n + j]!).reduce((x, y) => x + y, 0));
      expect(worst(sums.view, expectedSums)).toBeLessThan(1e-5);

      k.transpose(b, inner, n, bt);
      for (let p = 0; p < inner; p++) for (let j = 0; j < n; j++) expect(bt.view[j * inner + p]).toBe(b.view[p * n + j]);
    });
  }

  it('gatherCsr: chosen rows of a sparse image set give the CSR that csr() makes of the same dense rows', () => {
    const data = loadMnist({ trainLimit: 50, testLimit: 1 });
    const k = new Kernels(0);
    const [set] = k.loadImages([data.trainSparse]);
    k.reserve(4 << 20);
    const ids = k.ints(5);
    ids.view.set([49, 0, 7, 7, 23]);
    const fromSet = k.csrBuffers(5, 784, 32);
    k.gatherCsr(set!, ids, 5, fromSet);
    const dense = k.floats(5 * 784);
    [...ids.view].forEach((r, i) => dense.view.set(data.trainImages.subarray(r * 784, (r + 1) * 784), i * 784));
    const fromDense = k.csrBuffers(5, 784, 32);
    const nnz = k.csr(dense, 5, 784, fromDense);
    expect([...fromSet.rowPtr.view]).toEqual([...fromDense.rowPtr.view]);
    expect([...fromSet.index.view.subarray(0, nnz)]).toEqual([...fromDense.index.view.subarray(0, nnz)]);
    expect([...fromSet.value.view.subarray(0, nnz)]).toEqual([...fromDense.value.view.subarray(0, nnz)]);
    expect(k.loadImages([data.trainSparse])).toEqual([set]); // loaded once
  });

  it('a NaN in the left operand is kept (training that diverges shows it)', () => {
    const k = new Kernels(1 << 16);
    const a = k.floats(4);
    a.view.set([0, Number.NaN, 0, 0]);
    const b = k.floats(4 * 2);
    b.view.fill(1);
    const c = k.floats(2);
    const csr = k.csrBuffers(1, 4, 2);
    expect(k.csr(a, 1, 4, csr)).toBe(1);
    k.spmm(csr, 1, b, 2, k.floats(2), c);
    expect([...c.view].every(Number.isNaN)).toBe(true);
  });

  it('the same inputs give the same bits', () => {
    const run = () => {
      const rng = new Rng(9);
      const k = new Kernels(1 << 20);
      const a = filled(k, 64 * 100, rng, 0.8);
      const b = filled(k, 100 * 32, rng);
      const c = k.floats(64 * 32);
      const csr = k.csrBuffers(64, 100, 32);
      k.csr(a, 64, 100, csr);
      k.spmm(csr, 64, b, 32, k.floats(32), c);
      return Buffer.from(c.view.buffer, c.view.byteOffset, c.view.byteLength).toString('hex');
    };
    expect(run()).toBe(run());
  });

  it('the arena refuses to outgrow what was reserved (a growth would detach the views made before)', () => {
    const k = new Kernels(64);
    const a = k.floats(16);
    expect(() => k.floats(1 << 20)).toThrow(/arena overflow/);
    k.reserve(4 << 20);
    expect(k.floats(1 << 20).view).toHaveLength(1 << 20);
    expect(a.view).toHaveLength(0); // detached by the growth
  });
});
