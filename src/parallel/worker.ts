/**
 * A grading worker thread: rebuilds the grading context from the data the main thread gives it once
 * (the rubric is validated again: its checks are functions, which do not cross threads), then grades the
 * notebooks it is given, one message each. Runs from dist/ (dist/parallel/worker.js), started by
 * src/parallel/pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gradeNotebookSafely, withoutDetails, type NotebookContext } from '../core/grade-notebook.js';
import { validateRubric } from '../core/rubric/validate.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { withProps } from '../core/util/objects.js';

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const context: NotebookContext = { rubric: validateRubric(setup.rubric, setup.rubricFile), expected: setup.expected, template: setup.template, tz: setup.tz };
  const reply = (message: FromWorker): void => port.postMessage(message);
  port.on('message', (message: ToWorker) => {
    void gradeNotebookSafely(message.job, context)
      .then((outcome) =>
        setup.keepDetails
          ? reply({ kind: 'done', id: message.id, outcome: withProps(outcome, { notebook: null }), notebookJson: outcome.notebook ? JSON.stringify(outcome.notebook) : null })
          : reply({ kind: 'done', id: message.id, outcome: withoutDetails(outcome), notebookJson: null }),
      )
      .catch((error: unknown) => reply({ kind: 'failed', id: message.id, error: error instanceof Error ? error.message : String(error) }));
  });
}
