/**
 * The per-notebook work of grading — parse, evidence, the student's model, scoring, the notebook's own
 * integrity findings and copy-detection facts — as one function over plain data, so that it runs the
 * same in the main thread (--jobs 1) and in a worker thread (src/parallel/). A failure inside it is that
 * notebook's problem only: the file gets a row that says so, and the batch goes on.
 */
import { extractEvidence } from './evidence.js';
import { analyseNotebook, type NotebookIntegrity, type TemplateSource } from './integrity/analyse.js';
import { parseNotebook } from './notebook/parse.js';
import type { LoadedRubric } from './rubric/validate.js';
import { scoreCriteria } from './rubric/score.js';
import { describeModelSpec } from './student-model.js';
import type { Expected, GradeRow } from '../types.js';
import { withProps } from './util/objects.js';

export interface NotebookJob {
  bytes: Uint8Array;
  /** The submitter's name (file name or LMS list), for the Colab-account check. */
  name: string | null;
  /** Epoch milliseconds. */
  submittedAt: number;
  /** The deadline that applies to this student, epoch milliseconds. */
  deadline: number;
}

export interface NotebookContext {
  rubric: LoadedRubric;
  expected: Expected;
  template: TemplateSource | null;
  tz: string;
}

export type NotebookOutcome = Pick<GradeRow, 'status' | 'criteria' | 'reason' | 'flags' | 'notebook' | 'evidence'> & {
  integrity?: NotebookIntegrity;
};

export const unreadableOutcome = (reason: string, flags: string[] = []): NotebookOutcome => ({
  status: 'unreadable',
  criteria: null,
  reason,
  flags,
  notebook: null,
  evidence: null,
});

export async function gradeNotebook(job: NotebookJob, context: NotebookContext): Promise<NotebookOutcome> {
  const bytes = job.bytes;
  const parsed = parseNotebook(bytes);
  if (!parsed.ok) return unreadableOutcome(parsed.reason);
  const evidence = await extractEvidence(parsed.notebook);
  const last = evidence.code.models.at(-1);
  const studentModel = last ? describeModelSpec(last) : null;
  const criteria = scoreCriteria(context.rubric, { evidence, expected: context.expected, studentModel });
  const flags = criteria.some((c) => c.status === 'unreadable') ? ['needs-review'] : [];
  if (evidence.code.syntaxErrors.length > 0) flags.push('syntax-error');
  const integrity = await analyseNotebook(
    { notebook: parsed.notebook, evidence, studentModel },
    context.template,
    { name: job.name, submittedAt: new Date(job.submittedAt), deadline: new Date(job.deadline), tz: context.tz },
  );
  return { status: 'graded', criteria, reason: null, flags, notebook: parsed.notebook, evidence, integrity };
}

/** The outcome without the parsed notebook and evidence, for runs that only need the rows (and less to send and keep). */
export const withoutDetails = (outcome: NotebookOutcome): NotebookOutcome => withProps(outcome, { notebook: null, evidence: null });

/** gradeNotebook, with an unexpected error turned into an unreadable row flagged `needs-review`. */
export async function gradeNotebookSafely(job: NotebookJob, context: NotebookContext): Promise<NotebookOutcome> {
  try {
    return await gradeNotebook(job, context);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unreadableOutcome(`The grader failed on this notebook (${detail}); please report it.`, ['needs-review']);
  }
}
