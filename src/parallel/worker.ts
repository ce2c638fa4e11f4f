/**
 * A grading worker thread: rebuilds the rubric (its checks are functions, which do not cross threads)
 * from the data the main thread sends, then grades the notebooks it is given, one message each. Student
 * models are built by the main thread on request (TensorFlow.js is not loaded here); their descriptions
 * are kept by layer settings, as the main thread keeps them.
 * Runs from dist/ (dist/parallel/worker.js), started by src/parallel/pool.ts.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { gradeNotebookSafely, withoutDetails, type NotebookContext } from '../core/grade-notebook.js';
import { validateRubric } from '../core/rubric/validate.js';
import { loadRubric } from '../rubric/load.js';
import type { Expected, ModelSpec, StudentModel } from '../types.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';

function modelClient(port: MessagePort): { describe: (spec: ModelSpec) => Promise<StudentModel>; answer: (id: number, model: StudentModel) => void } {
  const waiting = new Map<number, (model: StudentModel) => void>();
  const known = new Map<string, StudentModel['description']>();
  let next = 0;
  const keyOf = (spec: ModelSpec): string => JSON.stringify(spec.layers, (name, value: unknown) => (name === 'at' ? undefined : value));
  return {
    describe(spec) {
      const description = known.get(keyOf(spec));
      if (description) return Promise.resolve({ spec, description, error: null });
      const id = next++;
      const message: FromWorker = { kind: 'model', id, spec };
      port.postMessage(message);
      return new Promise((resolve) => waiting.set(id, (model) => {
        if (model.description) known.set(keyOf(spec), model.description);
        resolve({ ...model, spec });
      }));
    },
    answer(id, model) {
      waiting.get(id)?.(model);
      waiting.delete(id);
    },
  };
}

async function context(setup: WorkerSetup, expected: Promise<Expected>, describeModel: NotebookContext['describeModel']): Promise<NotebookContext> {
  let rubric;
  try {
    rubric = validateRubric(setup.rubric, setup.rubricFile);
  } catch {
    rubric = await loadRubric(setup.rubricFile);
  }
  return { rubric, expected: await expected, template: setup.template, tz: setup.tz, describeModel };
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const models = modelClient(port);
  let expectedArrived: (expected: Expected) => void = () => {};
  const ready = context(setup, new Promise<Expected>((resolve) => (expectedArrived = resolve)), models.describe);
  const reply = (message: FromWorker): void => port.postMessage(message);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'expected') return expectedArrived(message.expected);
    if (message.kind === 'model') return models.answer(message.id, message.model);
    void ready
      .then((ctx) => gradeNotebookSafely(message.job, ctx))
      .then((outcome) =>
        setup.keepDetails
          ? reply({ kind: 'done', id: message.id, outcome: { ...outcome, notebook: null }, notebookJson: outcome.notebook ? JSON.stringify(outcome.notebook) : null })
          : reply({ kind: 'done', id: message.id, outcome: withoutDetails(outcome), notebookJson: null }),
      )
      .catch((error: unknown) => reply({ kind: 'failed', id: message.id, error: error instanceof Error ? error.message : String(error) }));
  });
}
