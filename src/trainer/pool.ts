/**
 * Trains one model with several seeds: in worker threads (one seed at a time per worker; the MNIST
 * arrays are shared, not copied) or in this thread (workers: 0, as tests do).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { selectBackend, type BackendName, type WantedBackend } from './backend.js';
import type { MnistData } from './mnist.js';
import { train, type EpochResult, type TrainResult, type TrainSpec } from './train.js';

export interface WorkerInit {
  backend: WantedBackend;
  data: MnistData;
}
export interface WorkerRequest {
  spec: TrainSpec;
  seed: number;
  epochs: number | undefined;
}
export type WorkerReply =
  | { type: 'ready'; backend: BackendName; notes: string[] }
  | { type: 'epoch'; seed: number; epoch: EpochResult }
  | { type: 'done'; result: TrainResult }
  | { type: 'error'; message: string };

export interface RunSeedsOptions {
  spec: TrainSpec;
  seeds: number[];
  epochs?: number;
  backend: WantedBackend;
  data: MnistData;
  /** Worker threads; 0 trains in this thread. */
  workers: number;
  onEpoch?: (seed: number, epoch: EpochResult) => void;
}

export interface RunSeedsResult {
  results: TrainResult[];
  backend: BackendName;
  notes: string[];
}

/** The worker entry next to this module: worker.js in dist/, worker.ts under tsx. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'worker.ts' : 'worker.js');
}

/**
 * Starts the worker. From source (.ts, under tsx) the worker registers tsx itself first: tsx's
 * loader does not reach worker threads (privatenumber/tsx#354).
 */
function startWorker(init: WorkerInit): Worker {
  const file = workerFile();
  if (!file.endsWith('.ts')) return new Worker(file, { workerData: init });
  const url = JSON.stringify(pathToFileURL(file).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${url}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

async function runInThread(o: RunSeedsOptions): Promise<RunSeedsResult> {
  const selected = await selectBackend(o.backend);
  const results = o.seeds.map((seed) =>
    train({ ...o.spec, data: o.data, seed, epochs: o.epochs, onEpoch: (e) => o.onEpoch?.(seed, e) }),
  );
  return { results, backend: selected.name, notes: selected.notes };
}

interface Sink {
  notes: string[];
  backend: BackendName | null;
  results: Map<number, TrainResult>;
  workers: Worker[];
}

function runWorker(o: RunSeedsOptions, queue: number[], sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ backend: o.backend, data: o.data });
    sink.workers.push(worker);
    const next = () => {
      const seed = queue.shift();
      if (seed === undefined) {
        void worker.terminate().then(() => resolve());
        return;
      }
      worker.postMessage({ spec: o.spec, seed, epochs: o.epochs } satisfies WorkerRequest);
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        sink.backend = reply.backend;
        if (sink.notes.length === 0) sink.notes.push(...reply.notes);
        next();
      } else if (reply.type === 'epoch') {
        o.onEpoch?.(reply.seed, reply.epoch);
      } else if (reply.type === 'done') {
        sink.results.set(reply.result.seed, reply.result);
        next();
      } else {
        void worker.terminate();
        reject(new Error(reply.message));
      }
    });
    worker.on('error', reject);
  });
}

export async function runSeeds(o: RunSeedsOptions): Promise<RunSeedsResult> {
  if (new Set(o.seeds).size !== o.seeds.length) throw new RangeError(`seeds must be distinct: ${o.seeds.join(', ')}`);
  if (o.workers <= 0 || o.seeds.length === 0) return runInThread(o);
  const queue = [...o.seeds];
  const sink: Sink = { notes: [], backend: null, results: new Map(), workers: [] };
  const count = Math.min(o.workers, o.seeds.length);
  try {
    await Promise.all(Array.from({ length: count }, () => runWorker(o, queue, sink)));
  } catch (err) {
    await Promise.all(sink.workers.map((w) => w.terminate()));
    throw err;
  }
  if (sink.backend === null) throw new Error('no worker started');
  return { results: o.seeds.map((s) => sink.results.get(s)!), backend: sink.backend, notes: sink.notes };
}
