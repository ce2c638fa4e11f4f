/**
 * `--json results.json`: everything in the grades CSV plus each criterion's findings with their location,
 * flags, overrides, late-policy effects, deadlines and where expected values came from. Deterministic:
 * rows sorted like the CSV, no wall-clock time, no absolute paths. The shape is a contract documented in
 * the README ("Results JSON"); change it only with a `version` bump.
 */
import type { LatePolicy } from '../core/rubric/late-policy.js';
import { isCharged } from '../core/rubric/score.js';
import type { AppliedOverride, GradeRow, GradeRun, LateEffect } from '../types.js';

export const RESULTS_JSON_VERSION = 1;

export interface ResultsFinding {
  messageId: string;
  message: string;
  /** 0-based cell index among all cells; line 1-based inside the cell's source or output text. Null when the finding has no place. */
  at: { cell: number; line: number | null } | null;
  /** Share of the criterion this finding costs when charged, 0..1. */
  cost: number;
  /** False when the finding follows from a mistake another criterion charges (consequenceOf) and costs nothing here. */
  charged: boolean;
  /** The criterion that charges the mistake this finding follows from; keepsPoints false: the points are still lost here (no evidence). */
  chargedBy: { criterion: string; title: string; keepsPoints: boolean } | null;
  /** For the TA: how a number was derived, a parser's message. Never shown to students. */
  detail: string | null;
}

export interface ResultsCriterion {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: 'met' | 'partly-met' | 'not-met' | 'unreadable';
  hidden: boolean;
  feedback: string | null;
  findings: ResultsFinding[];
  /** The override applied to this criterion, if any (its `from` is the automatic points). */
  override: AppliedOverride | null;
}

export interface ResultsRow {
  studentId: string | null;
  name: string | null;
  file: string;
  sha256: string;
  submittedAt: string;
  timeSource: GradeRow['timeSource'];
  status: GradeRow['status'];
  primary: boolean;
  score: number;
  maxScore: number;
  deadline: string;
  extension: GradeRow['extension'];
  late: LateEffect | null;
  criteria: ResultsCriterion[] | null;
  overrides: AppliedOverride[];
  flags: string[];
  reason: string | null;
  comment: string;
}

export interface ResultsJson {
  version: number;
  rubric: { title: string; maxScore: number; criteria: GradeRun['criteria']; late: LatePolicy };
  deadline: string;
  tz: string;
  expectedSource: string;
  rows: ResultsRow[];
  warnings: string[];
  /** Copy clusters and stale-output findings (src/integrity/types.ts); absent when the run has none to report on. */
  integrity?: GradeRun['integrity'];
}

function toRow(row: GradeRow): ResultsRow {
  const overrideOf = (id: string): AppliedOverride | null => row.overrides.find((o) => o.criterion === id) ?? null;
  return {
    studentId: row.studentId,
    name: row.name,
    file: row.file,
    sha256: row.sha256,
    submittedAt: row.submittedAt,
    timeSource: row.timeSource,
    status: row.status,
    primary: row.primary,
    score: row.score,
    maxScore: row.maxScore,
    deadline: row.deadline,
    extension: row.extension,
    late: row.late,
    criteria:
      row.criteria?.map((c) => ({
        id: c.id,
        title: c.title,
        points: c.points,
        maxPoints: c.maxPoints,
        status: c.status,
        hidden: c.hidden === true,
        feedback: c.feedback,
        findings: c.findings.map((f) => ({
          messageId: f.messageId,
          message: f.message,
          at: f.at ? { cell: f.at.cell, line: f.at.line ?? null } : null,
          cost: f.cost,
          charged: isCharged(f),
          chargedBy: f.chargedBy ?? null,
          detail: f.detail ?? null,
        })),
        override: overrideOf(c.id),
      })) ?? null,
    overrides: row.overrides,
    flags: row.flags,
    reason: row.reason,
    comment: row.comment,
  };
}

/** The parts of a run the JSON is made of. */
export type ResultsSource = Pick<GradeRun, 'rubricTitle' | 'criteria' | 'maxScore' | 'deadline' | 'tz' | 'expectedSource' | 'latePolicy' | 'rows' | 'warnings'> &
  Partial<Pick<GradeRun, 'integrity'>>;

export function resultsJson(run: ResultsSource): ResultsJson {
  return {
    version: RESULTS_JSON_VERSION,
    rubric: { title: run.rubricTitle, maxScore: run.maxScore, criteria: run.criteria, late: run.latePolicy },
    deadline: run.deadline,
    tz: run.tz,
    expectedSource: run.expectedSource,
    rows: run.rows.map(toRow),
    warnings: run.warnings,
    ...(run.integrity ? { integrity: run.integrity } : {}),
  };
}

export function resultsJsonText(run: ResultsSource): string {
  return `${JSON.stringify(resultsJson(run), null, 2)}\n`;
}
