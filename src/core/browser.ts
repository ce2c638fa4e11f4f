/**
 * The core as one object for a browser page (bundled by test/core/bundle.ts; the student self-check page
 * and the portability test use it): grades one notebook exactly as the CLI's per-notebook path does,
 * from plain data only — the rubric as parsed YAML, the expected values, the template text and the
 * tree-sitter .wasm bytes. No file, no network, no TensorFlow.js.
 */
import type { CriterionResult, Expected, GradeRow } from '../types.js';
import { buildComment } from './comment/comment.js';
import { gradeNotebookSafely, type NotebookContext } from './grade-notebook.js';
import type { TemplateSource } from './integrity/analyse.js';
import { useTreeSitterWasm, type TreeSitterWasm } from './python/tree-sitter.js';
import { maxScore, totalPoints } from './rubric/score.js';
import { validateRubric } from './rubric/validate.js';

export interface CoreSetup {
  /** The rubric file's content, parsed (YAML → plain data). */
  rubric: unknown;
  /** Its name, for messages. */
  rubricFile: string;
  expected: Expected;
  template: TemplateSource | null;
  tz: string;
  wasm: TreeSitterWasm;
}

export interface CoreInput {
  bytes: Uint8Array;
  name: string | null;
  /** Epoch milliseconds. */
  submittedAt: number;
  deadline: number;
  /** The deadline as the comment writes it ("2023-11-16 23:59"). */
  deadlineLabel: string;
}

export interface CoreResult {
  status: GradeRow['status'];
  score: number;
  maxScore: number;
  criteria: CriterionResult[] | null;
  /** The notebook's own flags (needs-review, syntax-error) and integrity flags. */
  flags: string[];
  reason: string | null;
  /** The student's comment, as the grades CSV gives it. */
  comment: string;
}

export function createCore(setup: CoreSetup): { grade(input: CoreInput): Promise<CoreResult> } {
  useTreeSitterWasm(() => setup.wasm);
  const rubric = validateRubric(setup.rubric, setup.rubricFile);
  const context: NotebookContext = { rubric, expected: setup.expected, template: setup.template, tz: setup.tz };
  const max = maxScore(rubric);
  return {
    async grade(input) {
      const outcome = await gradeNotebookSafely({ bytes: input.bytes, name: input.name, submittedAt: input.submittedAt, deadline: input.deadline }, context);
      const flags = [...new Set([...outcome.flags, ...(outcome.integrity?.findings.map((f) => f.flag) ?? [])])].sort();
      const score = outcome.criteria ? totalPoints(outcome.criteria) : 0;
      const row = { status: outcome.status, score, maxScore: max, criteria: outcome.criteria, reason: outcome.reason, submittedAt: '' };
      return { status: outcome.status, score, maxScore: max, criteria: outcome.criteria, flags, reason: outcome.reason, comment: buildComment(row, { deadline: input.deadlineLabel }) };
    },
  };
}
