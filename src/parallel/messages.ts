/** What the main thread and a grading worker say to each other (plain data, structured-cloned). */
import type { NotebookJob, NotebookOutcome } from '../core/grade-notebook.js';
import type { TemplateSource } from '../core/integrity/analyse.js';
import type { Expected } from '../types.js';

/** Everything a worker needs, once, as plain data: the rubric (validated again there: its checks are functions) and the expected values. */
export interface WorkerSetup {
  rubric: unknown;
  rubricFile: string;
  expected: Expected;
  template: TemplateSource | null;
  tz: string;
  /** Send back the parsed notebook and evidence (reports, --verify-accuracy); otherwise only what the rows need. */
  keepDetails: boolean;
}

export type ToWorker = { kind: 'job'; id: number; job: NotebookJob };

export type FromWorker =
  /**
   * The notebook (plain strings and finite numbers, JSON-safe) travels as JSON text, which costs a third
   * of a structured clone of its many small objects; the rest (evidence may hold NaN) is cloned.
   */
  | { kind: 'done'; id: number; outcome: NotebookOutcome; notebookJson: string | null }
  | { kind: 'failed'; id: number; error: string };
