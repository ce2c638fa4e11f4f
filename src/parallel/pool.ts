/**
 * Grades notebooks in the main thread (jobs ≤ 1) or over worker threads. Results are keyed by job, never
 * by arrival order, so the rows are the same whatever the number of jobs. Workers start only when there
 * is work, at most one per job; a worker that dies takes only its own notebook down (that row says so)
 * and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { gradeNotebookSafely, unreadableOutcome, type NotebookContext, type NotebookJob, type NotebookOutcome } from '../grade-notebook.js';
import type { LoadedRubric } from '../rubric/load.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';

export interface PoolOptions {
  jobs: number;
  /** Called after each notebook with (done, total submitted so far). */
  onProgress?: (done: number, total: number) => void;
}

export interface GradePool {
  grade(job: NotebookJob): Promise<NotebookOutcome>;
  close(): Promise<void>;
}

/** A worker costs about as much to start as grading this many notebooks: fewer per worker are not worth a thread. */
export const NOTEBOOKS_PER_WORKER = 50;

/** Threads actually used for `notebooks` notebooks when `jobs` are allowed (1 means the main thread only). */
export function threadsFor(jobs: number, notebooks: number): number {
  return Math.max(1, Math.min(jobs, Math.ceil(notebooks / NOTEBOOKS_PER_WORKER)));
}

/** Jobs in flight per worker: one running, one waiting, so that a worker never idles on a message. */
const IN_FLIGHT = 2;

export function createGradePool(context: NotebookContext, options: PoolOptions): GradePool {
  let submitted = 0;
  let done = 0;
  const progress = (): void => options.onProgress?.(++done, submitted);
  if (options.jobs <= 1) {
    return {
      grade: async (job) => {
        submitted += 1;
        const outcome = await gradeNotebookSafely(job, context);
        progress();
        return outcome;
      },
      close: async () => {},
    };
  }
  return workerPool(context, options.jobs, () => submitted++, progress);
}

interface Pending {
  id: number;
  job: NotebookJob;
  resolve: (outcome: NotebookOutcome) => void;
}

/** The rubric as plain data (its checks are functions): the worker validates it again. */
function rubricData(rubric: LoadedRubric): unknown {
  const { file: _file, criteria, ...rest } = rubric;
  return { ...rest, criteria: criteria.map(({ run: _run, parsedOptions: _options, ...criterion }) => criterion) };
}

function workerPool(context: NotebookContext, size: number, onSubmit: () => void, onDone: () => void): GradePool {
  const setup: WorkerSetup = {
    rubric: rubricData(context.rubric),
    rubricFile: context.rubric.file,
    expected: context.expected,
    template: context.template,
    tz: context.tz,
  };
  const queue: Pending[] = [];
  const workers = new Map<Worker, Map<number, Pending>>();
  let nextId = 0;

  const spawn = (): void => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
    const inFlight = new Map<number, Pending>();
    workers.set(worker, inFlight);
    const send = (message: ToWorker): void => worker.postMessage(message);
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'model') {
        void context.describeModel(message.spec).then((model) => send({ kind: 'model', id: message.id, model }));
        return;
      }
      const pending = inFlight.get(message.id);
      if (!pending) return;
      inFlight.delete(message.id);
      pending.resolve(
        message.kind === 'done'
          ? { ...message.outcome, notebook: message.notebookJson === null ? null : (JSON.parse(message.notebookJson) as NotebookOutcome['notebook']) }
          : unreadableOutcome(`The grader failed on this notebook (${message.error}); please report it.`, ['needs-review']),
      );
      onDone();
      feed(worker);
    });
    const fail = (reason: string): void => {
      if (!workers.has(worker)) return;
      workers.delete(worker);
      for (const pending of inFlight.values()) {
        pending.resolve(unreadableOutcome(`The grading worker stopped on this notebook (${reason}); please report it.`, ['needs-review']));
        onDone();
      }
      inFlight.clear();
      if (queue.length > 0) spawn();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    feed(worker);
  };

  const feed = (worker: Worker): void => {
    const inFlight = workers.get(worker);
    while (inFlight && inFlight.size < IN_FLIGHT && queue.length > 0) {
      const pending = queue.shift()!;
      inFlight.set(pending.id, pending);
      const message: ToWorker = { kind: 'job', id: pending.id, job: pending.job };
      worker.postMessage(message);
    }
  };

  return {
    grade(job) {
      onSubmit();
      return new Promise((resolve) => {
        queue.push({ id: nextId++, job, resolve });
        if (workers.size < size) spawn();
        else for (const worker of workers.keys()) feed(worker);
      });
    },
    async close() {
      const all = [...workers.keys()];
      workers.clear();
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
