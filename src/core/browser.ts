/**
 * The core as one object for a browser page (bundled by src/browser/bundle-core.ts; the student self-check
 * page and the portability test use it): grades one notebook exactly as the CLI's per-notebook path does,
 * from plain data only — the rubric as parsed YAML, the expected values, the template text and the
 * tree-sitter .wasm bytes. No file, no network, no TensorFlow.js.
 */
import type { Evidence, Expected, GradeRow } from '../types.js';
import { commentFromFeedback, studentFeedback, type StudentFeedback } from './comment/comment.js';
import { gradeNotebookSafely, type NotebookContext } from './grade-notebook.js';
import type { TemplateSource } from './integrity/analyse.js';
import { loadPythonParser, useTreeSitterWasm, type TreeSitterWasm } from './python/tree-sitter.js';
import { maxScore, totalPoints } from './rubric/score.js';
import { validateRubric } from './rubric/validate.js';
import { withProps } from './util/objects.js';

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

/**
 * A row's grading part, for one notebook: `flags` are the notebook's own (needs-review, syntax-error) and its
 * integrity flags; `comment` is the student's comment as the grades CSV gives it.
 */
export interface CoreResult extends Pick<GradeRow, 'status' | 'score' | 'maxScore' | 'criteria' | 'flags' | 'reason' | 'comment'> {
  /** What the comment is built from: the score and, per visible criterion, what was expected and found. */
  feedback: StudentFeedback;
  /** How much of the notebook was run before it was saved; null when it was not read. */
  run: Pick<Evidence['notebook'], 'codeCells' | 'executedCells' | 'executionOrder'> | null;
}

export interface Core {
  grade(input: CoreInput): Promise<CoreResult>;
  /** The result the CLI gives a file it does not read: not a notebook (a .py, .html …), or over the size limit. */
  notGraded(status: 'not-a-notebook' | 'unreadable'): CoreResult;
  /** Loads the parser and grades a tiny notebook once, so that the first real file is quick. */
  warmUp(): Promise<void>;
}

/** Smallest notebook that exercises the parser, the interpreter and every check. */
const TINY_NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [{ cell_type: 'code', metadata: {}, execution_count: 1, source: 'import numpy as np\nprint((1, 2))', outputs: [{ output_type: 'stream', name: 'stdout', text: '(1, 2)\n' }] }],
});

export function createCore(setup: CoreSetup): Core {
  useTreeSitterWasm(() => setup.wasm);
  const rubric = validateRubric(setup.rubric, setup.rubricFile);
  const context: NotebookContext = { rubric, expected: setup.expected, template: setup.template, tz: setup.tz };
  const max = maxScore(rubric);
  const result = (outcome: Pick<CoreResult, 'status' | 'criteria' | 'flags' | 'reason' | 'run'>, deadlineLabel: string): CoreResult => {
    const score = outcome.criteria ? totalPoints(outcome.criteria) : 0;
    const row = { status: outcome.status, score, maxScore: max, criteria: outcome.criteria, reason: outcome.reason, submittedAt: '' };
    const feedback = studentFeedback(row, { deadline: deadlineLabel });
    return withProps(outcome, { score, maxScore: max, comment: commentFromFeedback(feedback), feedback });
  };
  const core: Core = {
    async grade(input) {
      const outcome = await gradeNotebookSafely({ bytes: input.bytes, name: input.name, submittedAt: input.submittedAt, deadline: input.deadline }, context);
      const flags = [...new Set([...outcome.flags, ...(outcome.integrity?.findings.map((f) => f.flag) ?? [])])].sort();
      const facts = outcome.evidence?.notebook;
      const run = facts ? { codeCells: facts.codeCells, executedCells: facts.executedCells, executionOrder: facts.executionOrder } : null;
      return result({ status: outcome.status, criteria: outcome.criteria, flags, reason: outcome.reason, run }, input.deadlineLabel);
    },
    notGraded(status) {
      return result({ status, criteria: null, flags: [], reason: null, run: null }, '');
    },
    async warmUp() {
      await loadPythonParser();
      const now = Date.now();
      await core.grade({ bytes: new TextEncoder().encode(TINY_NOTEBOOK), name: null, submittedAt: now, deadline: now, deadlineLabel: '' });
    },
  };
  return core;
}
