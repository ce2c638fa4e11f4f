/** What the main thread and a grading worker say to each other (plain data, structured-cloned). */
import type { NotebookJob, NotebookOutcome } from '../core/grade-notebook.js';
import type { TemplateSource } from '../core/integrity/analyse.js';
import type { Expected, ModelSpec, StudentModel } from '../types.js';

/** What a worker needs to rebuild the grading context: plain data only (the expected values follow in a message). */
export interface WorkerSetup {
  rubric: unknown;
  rubricFile: string;
  template: TemplateSource | null;
  tz: string;
  /** Send back the parsed notebook and evidence (reports, --verify-accuracy); otherwise only what the rows need. */
  keepDetails: boolean;
}

export type ToWorker =
  /** Sent once, before any job: workers start while the main thread still works out the expected values. */
  | { kind: 'expected'; expected: Expected }
  | { kind: 'job'; id: number; job: NotebookJob }
  | { kind: 'model'; id: number; model: StudentModel };

export type FromWorker =
  /**
   * The notebook (plain strings and finite numbers, JSON-safe) travels as JSON text, which costs a third
   * of a structured clone of its many small objects; the rest (evidence may hold NaN) is cloned.
   */
  | { kind: 'done'; id: number; outcome: NotebookOutcome; notebookJson: string | null }
  | { kind: 'failed'; id: number; error: string }
  /** The worker asks the main thread to build a model (TensorFlow.js is loaded there only). */
  | { kind: 'model'; id: number; spec: ModelSpec };
