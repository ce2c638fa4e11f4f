import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/trainer/mnist.js';
import { runJobs, runSeeds } from '../../src/trainer/pool.js';
import { LECTURE_COMPILE, LECTURE_LAYERS } from '../helpers/lecture.js';

const data = loadMnist({ trainLimit: 200, testLimit: 50, shared: true });
const spec = { layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: { epochs: 1, batchSize: 64, validationSplit: 0.2 } };

describe('training jobs in worker threads', () => {
  it('outcomes in job order; a job the trainer refuses fails alone; same seed, same result as in this thread', async () => {
    const jobs = [
      { spec, seed: 1 },
      { spec: { ...spec, compile: { ...LECTURE_COMPILE, optimizer: 'rmsprop' } }, seed: 1 },
      { spec, seed: 2, epochs: 2 },
    ];
    const epochs: number[] = [];
    const inWorkers = await runJobs({ jobs, backend: 'wasm', data, workers: 2, onEpoch: (job) => epochs.push(job) });
    expect(inWorkers.backend).toBe('wasm');
    expect(epochs.sort()).toEqual([0, 2, 2]);
    expect(inWorkers.outcomes[1]).toEqual({ error: expect.stringMatching(/optimizer 'rmsprop' is not supported/) });
    const inThread = await runJobs({ jobs, backend: 'wasm', data, workers: 0 });
    const metrics = (o: (typeof inThread.outcomes)[number]) => ('result' in o ? o.result.epochs.map(({ seconds: _, ...m }) => m) : o);
    expect(inWorkers.outcomes.map(metrics)).toEqual(inThread.outcomes.map(metrics));
    await expect(runSeeds({ spec: jobs[1]!.spec, seeds: [1], backend: 'wasm', data, workers: 1 })).rejects.toThrow(/rmsprop/);
  });
});
