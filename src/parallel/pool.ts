/**
 * Grades notebooks in the main thread (jobs ≤ 1), or in the main thread and jobs − 1 worker threads (the
 * main thread has little else to do meanwhile). Results are keyed by job, never by arrival order, so the
 * rows are the same whatever the number of jobs. Workers start as soon as the pool is made (while the main
 * thread still reads and sorts the input); a worker that dies takes only its own notebooks down (those
 * rows say so) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import {
  gradeNotebookSafely,
  unreadableOutcome,
  withoutDetails,
  type NotebookContext,
  type NotebookJob,
  type NotebookOutcome,
} from '../core/grade-notebook.js';
import type { LoadedRubric } from '../core/rubric/validate.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { withProps } from '../core/util/objects.js';

export interface PoolOptions {
  jobs: number;
  /** Keep each outcome's parsed notebook and evidence (reports, --verify-accuracy); otherwise they are dropped. */
  keepDetails: boolean;
  /** Called after each notebook with (done, total submitted so far). */
  onProgress?: (done: number, total: number) => void;
}

export interface GradePool {
  grade(job: NotebookJob): Promise<NotebookOutcome>;
  close(): Promise<void>;
}

/**
 * A worker costs about as much CPU to start (its modules, its parser, its compiler warming up, its own
 * caches of parsed cells and evidence: 0.3–0.5 s measured here) as grading this many notebooks in a warm
 * thread: fewer per worker are not worth a thread.
 */
export const NOTEBOOKS_PER_WORKER = 400;

/** Threads actually used for `notebooks` notebooks when `jobs` are allowed (1 means the main thread only). */
export function threadsFor(jobs: number, notebooks: number): number {
  return Math.max(1, Math.min(jobs, Math.ceil(notebooks / NOTEBOOKS_PER_WORKER)));
}

/** Jobs in flight per worker: enough that a worker never idles on a message; few enough that the work stays balanced. */
const IN_FLIGHT = 8;

export function createGradePool(context: NotebookContext, options: PoolOptions): GradePool {
  let submitted = 0;
  let done = 0;
  const progress = (): void => options.onProgress?.(++done, submitted);
  const keep = (outcome: NotebookOutcome): NotebookOutcome => (options.keepDetails ? outcome : withoutDetails(outcome));
  const here = async (job: NotebookJob): Promise<NotebookOutcome> => keep(await gradeNotebookSafely(job, context));
  if (options.jobs <= 1) {
    // one notebook at a time, in the order given: a class handed over at once is not held in memory at once
    let last: Promise<unknown> = Promise.resolve();
    return {
      grade: (job) => {
        submitted += 1;
        const outcome = last.then(async () => {
          const graded = await here(job);
          progress();
          return graded;
        });
        last = outcome;
        return outcome;
      },
      close: async () => {},
    };
  }
  return workerPool(context, options, here, () => submitted++, progress);
}

interface Pending {
  id: number;
  job: NotebookJob;
  resolve: (outcome: NotebookOutcome) => void;
}

/** The rubric as plain data (its checks are functions): the worker validates it again. */
function rubricData(rubric: LoadedRubric): unknown {
  const { file: _file, criteria, ...rest } = rubric;
  return withProps(rest, { criteria: criteria.map(({ run: _run, parsedOptions: _options, ...criterion }) => criterion) });
}

function workerPool(
  context: NotebookContext,
  options: PoolOptions,
  here: (job: NotebookJob) => Promise<NotebookOutcome>,
  onSubmit: () => void,
  onDone: () => void,
): GradePool {
  const setup: WorkerSetup = {
    rubric: rubricData(context.rubric),
    rubricFile: context.rubric.file,
    expected: context.expected,
    template: context.template,
    tz: context.tz,
    keepDetails: options.keepDetails,
  };
  const queue: Pending[] = [];
  const workers = new Map<Worker, Map<number, Pending>>();
  let nextId = 0;
  let closed = false;
  let mainBusy = false;

  /**
   * The main thread takes one notebook at a time from the queue, between messages from the workers. It
   * goes back to the event loop (setImmediate) before the next one: grading a notebook never waits on
   * I/O, so chaining them as promise continuations would never let a worker's reply be read, and the
   * workers would starve after their first IN_FLIGHT notebooks.
   */
  const gradeHere = (): void => {
    if (mainBusy || queue.length === 0) return;
    mainBusy = true;
    const pending = queue.shift()!;
    void here(pending.job).then((outcome) => {
      pending.resolve(outcome);
      onDone();
      setImmediate(() => {
        mainBusy = false;
        gradeHere();
      });
    });
  };

  const spawn = (): void => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
    const inFlight = new Map<number, Pending>();
    workers.set(worker, inFlight);
    worker.on('message', (message: FromWorker) => {
      const pending = inFlight.get(message.id);
      if (!pending) return;
      inFlight.delete(message.id);
      pending.resolve(
        message.kind === 'done'
          ? withProps(message.outcome, { notebook: message.notebookJson === null ? null : (JSON.parse(message.notebookJson) as NotebookOutcome['notebook']) })
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
      if (queue.length > 0 && !closed) spawn();
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

  const size = options.jobs - 1;
  for (let i = 0; i < size; i++) spawn();
  return {
    grade(job) {
      onSubmit();
      return new Promise((resolve) => {
        queue.push({ id: nextId++, job, resolve });
        if (workers.size < size && !closed) spawn();
        else for (const worker of workers.keys()) feed(worker);
        gradeHere();
      });
    },
    async close() {
      closed = true;
      const all = [...workers.keys()];
      workers.clear();
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
