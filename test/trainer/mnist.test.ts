import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnist, MnistFormatError, mnistDataDir, readIdx } from '../../src/trainer/mnist.js';

describe('loadMnist', () => {
  it('reads the first N samples, preprocessed as the lecture: /255 float32, one-hot 10', () => {
    const d = loadMnist({ trainLimit: 100, testLimit: 20 });
    expect(d.trainCount).toBe(100);
    expect(d.testCount).toBe(20);
    expect(d.trainImages).toHaveLength(100 * 784);
    expect(d.trainOneHot).toHaveLength(100 * 10);
    expect(d.testImages).toHaveLength(20 * 784);
    expect([...d.trainLabels.slice(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...d.testLabels.slice(0, 5)]).toEqual([7, 2, 1, 0, 4]);
    expect([...d.trainOneHot.slice(0, 10)]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const pixels = readFileSync(join(mnistDataDir(), 'train-images-idx3-ubyte')).subarray(16, 16 + 784);
    expect([...d.trainImages.slice(0, 784)]).toEqual([...pixels].map((p) => Math.fround(p / 255)));
    expect(Math.max(...d.trainImages)).toBe(1);
  });

  it('keeps the images also in sparse rows: exactly the non-zero pixels, in order', () => {
    const d = loadMnist({ trainLimit: 100, testLimit: 20 });
    for (const [dense, sparse, count] of [[d.trainImages, d.trainSparse, 100], [d.testImages, d.testSparse, 20]] as const) {
      expect(sparse.rowStart).toHaveLength(count + 1);
      for (let r = 0; r < count; r++) {
        const row = [...dense.subarray(r * 784, (r + 1) * 784)];
        const from = sparse.rowStart[r]!;
        const to = sparse.rowStart[r + 1]!;
        expect([...sparse.column.subarray(from, to)]).toEqual([...row.keys()].filter((c) => row[c] !== 0));
        expect([...sparse.value.subarray(from, to)]).toEqual(row.filter((x) => x !== 0));
      }
    }
  });

  it('can allocate on SharedArrayBuffers for worker threads', () => {
    const d = loadMnist({ trainLimit: 10, testLimit: 10, shared: true });
    expect(d.trainImages.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(d.trainSparse.value.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(d.testOneHot.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('rejects bad limits', () => {
    expect(() => loadMnist({ trainLimit: 0 })).toThrow(RangeError);
  });
});

describe('idx checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks magic numbers, dimensions and sizes', () => {
    const header = (magic: number, ...dims: number[]) => {
      const b = new Uint8Array(4 + 4 * dims.length);
      const v = new DataView(b.buffer);
      v.setUint32(0, magic);
      dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
      return b;
    };
    const withBody = (h: Uint8Array, n: number) => new Uint8Array([...h, ...new Uint8Array(n)]);
    expect(readIdx(withBody(header(0x801, 3), 3), 'x', [3])).toHaveLength(3);
    expect(() => readIdx(withBody(header(0x803, 3), 3), 'x', [3])).toThrow(/magic number 0x00000803, expected 0x00000801/);
    expect(() => readIdx(withBody(header(0x801, 4), 4), 'x', [3])).toThrow(/dimensions 4, expected 3/);
    expect(() => readIdx(withBody(header(0x801, 3), 2), 'x', [3])).toThrow(/bytes, expected/);
  });

  it('refuses files whose label counts differ from the published MNIST set', () => {
    const src = mnistDataDir();
    for (const f of ['train-images-idx3-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) symlinkSync(join(src, f), join(dir, f));
    const labels = readFileSync(join(src, 'train-labels-idx1-ubyte'));
    labels[8] = (labels[8]! + 1) % 10;
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), labels);
    expect(() => loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).toThrow(MnistFormatError);
    expect(() => loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).toThrow(/label counts/);
  });
});
