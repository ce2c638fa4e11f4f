/**
 * `--report DIR` and `--feedback DIR`: the review report (index.html and submissions/…) and the
 * per-student feedback files. Without --feedback, the feedback goes inside the report as DIR/feedback/.
 * Writes files and returns what it wrote, for the console summary; src/cli.ts prints.
 */
import { join } from 'node:path';
import type { LoadedRubric } from '../core/rubric/validate.js';
import { feedbackFiles } from './feedback.js';
import { readContents } from './html/file-content.js';
import { writeFiles, writeReport } from './html/index.js';
import { provenanceJa } from './html/provenance.js';
import { loadReferenceBand, referencePath } from './html/reference-band.js';
import type { Expected, GradeRun } from '../types.js';

export interface ReviewOutputOptions {
  rubric: LoadedRubric;
  expected: Expected;
  report?: string;
  feedback?: string;
  commentLimit?: number;
  /**
   * The submissions folder or zip graded (the CLI's path): the pages of files that were not graded (late,
   * superseded, unreadable, .py) show their content, read from it again. Without it those pages say so.
   */
  input?: string;
}

export async function writeReviewOutputs(run: GradeRun, options: ReviewOutputOptions): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  if (options.report) {
    const reference = await loadReferenceBand(referencePath(options.rubric.file, options.rubric.reference));
    const pages = await writeReport(options.report, run, {
      criteria: options.rubric.criteria.map((c) => ({ id: c.id, check: c.check })),
      reference,
      threshold: options.expected.accuracy?.threshold ?? null,
      provenance: provenanceJa({ expectedSource: run.expectedSource, accuracy: run.accuracy, rule: options.rubric.accuracy, band: reference.band }),
      shapes: options.expected.shapes,
      pointStep: options.rubric.pointStep,
      ...(options.input !== undefined ? { contents: await readContents(options.input, run.tz, run.rows) } : {}),
      ...(options.commentLimit !== undefined ? { commentLimit: options.commentLimit } : {}),
    });
    written['review report'] = `${join(options.report, 'index.html')} (+ ${pages - 1} pages${reference.band ? '' : '; no reference band'})`;
  }
  const feedbackDir = options.feedback ?? (options.report ? join(options.report, 'feedback') : undefined);
  if (feedbackDir) {
    const files = feedbackFiles(run);
    await writeFiles(feedbackDir, files);
    written.feedback = `${join(feedbackDir, '<学籍番号>.md')} (${files.length} students)`;
  }
  return written;
}
