/**
 * The grading pipeline over one folder or zip: ingest → notebook → evidence → rubric → rows.
 * A plain async function over plain data; src/cli.ts prints and writes what it returns.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { discoverFiles } from './ingest/discover.js';
import { parseIdentity } from './ingest/identity.js';
import { identityFromList } from './ingest/identity-from-list.js';
import { readSubmissionTimes, resolveSubmissionTime, type SubmissionTimeLookup } from './ingest/submission-times.js';
import { formatInZone, isLate, parseDeadline } from './ingest/deadline.js';
import { selectSubmissions } from './ingest/select.js';
import { isSystemPath, SYSTEM_FILE_PROBLEM } from './ingest/file-kinds.js';
import { parseNotebook } from './notebook/parse.js';
import { extractEvidence } from './evidence.js';
import { describeStudentModel } from './student-model.js';
import { scoreCriteria, maxScore, totalPoints, type CriterionResult } from './rubric/score.js';
import type { LoadedRubric } from './rubric/load.js';
import type { Expected } from './rubric/expected.js';
import type { Evidence, Identity, Notebook, SubmissionStatus, SubmittedFile, TimeSource } from './types.js';
import { buildComment } from './report/comment.js';

export interface GradeOptions {
  input: string;
  deadline: string;
  tz: string;
  submissionTimesFile?: string;
  rubric: LoadedRubric;
  expected: Expected;
}

export interface GradeRow {
  studentId: string | null;
  name: string | null;
  file: string;
  sha256: string;
  submittedAt: string;
  timeSource: TimeSource;
  status: SubmissionStatus;
  score: number;
  maxScore: number;
  /** Per criterion, for graded notebooks; null otherwise. */
  criteria: CriterionResult[] | null;
  flags: string[];
  /** Why a file could not be graded, or which file superseded it. */
  reason: string | null;
  comment: string;
  /** The parsed notebook and its evidence, for graded notebooks (reports and results JSON); null otherwise. */
  notebook: Notebook | null;
  evidence: Evidence | null;
}

export interface GradeRun {
  rubricTitle: string;
  criteria: { id: string; title: string; points: number }[];
  maxScore: number;
  deadline: string;
  tz: string;
  expectedSource: string;
  rows: GradeRow[];
}

interface Item {
  file: SubmittedFile;
  identity: Identity;
  submittedAt: Date;
  timeSource: TimeSource;
  isNotebook: boolean;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function compareRows(a: GradeRow, b: GradeRow): number {
  const ida = a.studentId ?? '\uffff';
  const idb = b.studentId ?? '\uffff';
  if (ida !== idb) return ida < idb ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

type Outcome = Pick<GradeRow, 'status' | 'criteria' | 'reason' | 'flags' | 'notebook' | 'evidence'>;

const notGraded = (status: SubmissionStatus, reason: string | null, flags: string[] = []): Outcome => ({
  status,
  criteria: null,
  reason,
  flags,
  notebook: null,
  evidence: null,
});

async function gradeNotebook(item: Item, options: GradeOptions): Promise<Outcome> {
  const parsed = parseNotebook(item.file.bytes);
  if (!parsed.ok) return notGraded('unreadable', parsed.reason);
  const evidence = await extractEvidence(parsed.notebook);
  const criteria = scoreCriteria(options.rubric, { evidence, expected: options.expected, studentModel: describeStudentModel(evidence.code) });
  const flags = criteria.some((c) => c.status === 'unreadable') ? ['needs-review'] : [];
  if (evidence.code.syntaxErrors.length > 0) flags.push('syntax-error');
  return { status: 'graded', criteria, reason: null, flags, notebook: parsed.notebook, evidence };
}

export async function gradeSubmissions(options: GradeOptions): Promise<GradeRun> {
  const deadline = parseDeadline(options.deadline, options.tz);
  const deadlineLabel = options.deadline.trim().replace('T', ' ');
  const lookup: SubmissionTimeLookup | null = options.submissionTimesFile
    ? readSubmissionTimes(await readFile(options.submissionTimesFile), options.tz)
    : null;
  const files = await discoverFiles(options.input, { tz: options.tz });
  const items: Item[] = files.map((file) => {
    const identity = identityFromList(parseIdentity(file.fileName, options.rubric.assignment), file.fileName, lookup);
    const time = resolveSubmissionTime(file, identity, lookup);
    const isNotebook = /\.ipynb$/i.test(file.fileName) && file.problems.length === 0;
    return { file, identity, submittedAt: time.submittedAt, timeSource: time.source, isNotebook };
  });
  const selection = selectSubmissions(
    items.map((item) => ({ key: item.file.displayPath, studentId: item.identity.studentId, submittedAt: item.submittedAt, isNotebook: item.isNotebook })),
    deadline,
  );
  const max = maxScore(options.rubric);
  const rows: GradeRow[] = [];
  for (const item of items) {
    const base = {
      studentId: item.identity.studentId,
      name: item.identity.name,
      file: item.file.displayPath,
      sha256: sha256(item.file.bytes),
      submittedAt: formatInZone(item.submittedAt, options.tz),
      timeSource: item.timeSource,
      maxScore: max,
    };
    const flags = [...item.identity.flags];
    if (item.timeSource === 'file-mtime') flags.push('time-unverified');
    let outcome: Outcome;
    if (isSystemPath(item.file.displayPath)) {
      outcome = notGraded('not-a-notebook', SYSTEM_FILE_PROBLEM, ['system-file']);
    } else if (item.file.problems.length > 0) {
      outcome = notGraded('unreadable', item.file.problems.join('; '));
    } else if (!item.isNotebook) {
      outcome = notGraded('not-a-notebook', null);
    } else {
      const selected = selection.get(item.file.displayPath);
      const status = selected?.status ?? (isLate(item.submittedAt, deadline) ? 'late' : 'graded');
      outcome =
        status === 'graded'
          ? await gradeNotebook(item, options)
          : notGraded(status, selected?.supersededBy ?? null);
    }
    const row: GradeRow = {
      ...base,
      status: outcome.status,
      criteria: outcome.criteria,
      score: outcome.criteria ? totalPoints(outcome.criteria) : 0,
      flags: [...new Set([...flags, ...outcome.flags])].sort(),
      reason: outcome.reason,
      comment: '',
      notebook: outcome.notebook,
      evidence: outcome.evidence,
    };
    row.comment = buildComment(row, { deadline: deadlineLabel });
    rows.push(row);
  }
  rows.sort(compareRows);
  return {
    rubricTitle: options.rubric.title,
    criteria: options.rubric.criteria.map((c) => ({ id: c.id, title: c.title, points: c.points })),
    maxScore: max,
    deadline: deadlineLabel,
    tz: options.tz,
    expectedSource: options.expected.source,
    rows,
  };
}
