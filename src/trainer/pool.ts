/**
 * Training jobs (a model spec, a seed, epochs) in worker threads: one job at a time per worker, as
 * many workers as asked; the MNIST arrays are shared with the workers, not copied. Or in this thread
 * (workers: 0, as tests do). Used for the reference's seeds and for --verify-accuracy's variants.
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
  job: number;
  spec: TrainSpec;
  seed: number;
  epochs: number | undefined;
}
export type WorkerReply =
  | { type: 'ready'; backend: BackendName; notes: string[] }
  | { type: 'epoch'; job: number; epoch: EpochResult }
  | { type: 'done'; job: number; result: TrainResult }
  | { type: 'failed'; job: number; message: string }
  | { type: 'error'; message: string };

export interface TrainJob {
  spec: TrainSpec;
  seed: number;
  /** Overrides spec.fit.epochs. */
  epochs?: number;
}

/** A job's outcome: its result, or why the trainer could not train it (unsupported layer, loss, …). */
export type JobOutcome = { result: TrainResult } | { error: string };

export interface RunJobsOptions {
  jobs: TrainJob[];
  backend: WantedBackend;
  data: MnistData;
  /** Worker threads (at most one per job); 0 trains in this thread. */
  workers: number;
  onEpoch?: (job: number, epoch: EpochResult) => void;
}

export interface RunJobsResult {
  /** In the order of `jobs`. */
  outcomes: JobOutcome[];
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

/** One job in this thread; a trainer error is the job's outcome, not a throw. */
export function runJob(job: TrainJob, data: MnistData, onEpoch?: (epoch: EpochResult) => void): JobOutcome {
  try {
    return { result: train({ ...job.spec, data, seed: job.seed, epochs: job.epochs, ...(onEpoch ? { onEpoch } : {}) }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function runInThread(o: RunJobsOptions): Promise<RunJobsResult> {
  const selected = await selectBackend(o.backend);
  const outcomes = o.jobs.map((job, i) => runJob(job, o.data, (e) => o.onEpoch?.(i, e)));
  return { outcomes, backend: selected.name, notes: selected.notes };
}

interface Sink {
  notes: string[];
  backend: BackendName | null;
  outcomes: Map<number, JobOutcome>;
  workers: Worker[];
}

function runWorker(o: RunJobsOptions, queue: number[], sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ backend: o.backend, data: o.data });
    sink.workers.push(worker);
    const next = () => {
      const job = queue.shift();
      if (job === undefined) {
        void worker.terminate().then(() => resolve());
        return;
      }
      const { spec, seed, epochs } = o.jobs[job]!;
      worker.postMessage({ job, spec, seed, epochs } satisfies WorkerRequest);
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        sink.backend = reply.backend;
        if (sink.notes.length === 0) sink.notes.push(...reply.notes);
        next();
      } else if (reply.type === 'epoch') {
        o.onEpoch?.(reply.job, reply.epoch);
      } else if (reply.type === 'done') {
        sink.outcomes.set(reply.job, { result: reply.result });
        next();
      } else if (reply.type === 'failed') {
        sink.outcomes.set(reply.job, { error: reply.message });
        next();
      } else {
        void worker.terminate();
        reject(new Error(reply.message));
      }
    });
    worker.on('error', reject);
  });
}

/**
 * Runs the jobs, in parallel worker threads when `workers` > 0; outcomes in job order. The backend is
 * chosen here first: on the tensorflow backend (tfjs-node-gpu) the jobs run one after the other in
 * this thread, since tfjs-node's native module does not load in a second thread (tensorflow/tfjs#8388)
 * and one GPU serves one training at a time anyway; the workers take the backend chosen here.
 */
export async function runJobs(o: RunJobsOptions): Promise<RunJobsResult> {
  if (o.workers <= 0 || o.jobs.length === 0) return runInThread(o);
  const chosen = await selectBackend(o.backend);
  if (chosen.name === 'tensorflow') return runInThread({ ...o, backend: 'tensorflow' });
  const queue = o.jobs.map((_, i) => i);
  const sink: Sink = { notes: [...chosen.notes], backend: null, outcomes: new Map(), workers: [] };
  o = { ...o, backend: chosen.name };
  const count = Math.min(o.workers, o.jobs.length);
  try {
    await Promise.all(Array.from({ length: count }, () => runWorker(o, queue, sink)));
  } catch (err) {
    await Promise.all(sink.workers.map((w) => w.terminate()));
    throw err;
  }
  if (sink.backend === null) throw new Error('no worker started');
  return { outcomes: o.jobs.map((_, i) => sink.outcomes.get(i)!), backend: sink.backend, notes: sink.notes };
}

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

/** One spec with several seeds (the reference); a seed the trainer cannot train is an error. */
export async function runSeeds(o: RunSeedsOptions): Promise<RunSeedsResult> {
  if (new Set(o.seeds).size !== o.seeds.length) throw new RangeError(`seeds must be distinct: ${o.seeds.join(', ')}`);
  const run = await runJobs({
    jobs: o.seeds.map((seed) => ({ spec: o.spec, seed, ...(o.epochs === undefined ? {} : { epochs: o.epochs }) })),
    backend: o.backend,
    data: o.data,
    workers: o.workers,
    onEpoch: (job, epoch) => o.onEpoch?.(o.seeds[job]!, epoch),
  });
  const results = run.outcomes.map((outcome) => {
    if ('error' in outcome) throw new Error(outcome.error);
    return outcome.result;
  });
  return { results, backend: run.backend, notes: run.notes };
}
