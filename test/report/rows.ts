/** Small GradeRow / GradeRun builders for the report tests (plain data, no grading). */
import { latePolicySchema } from '../../src/core/rubric/schema.js';
import { integritySettings } from '../../src/integrity/index.js';
import type { CriterionResult, Finding, GradeRow, GradeRun } from '../../src/types.js';

/** A criterion's result; findings given without a cost cost the whole criterion. */
export function criterion(
  id: string,
  points: number,
  maxPoints: number,
  extra: Omit<Partial<CriterionResult>, 'findings'> & { findings?: (Omit<Finding, 'cost'> & { cost?: number })[] } = {},
): CriterionResult {
  const status = points === maxPoints ? 'met' : points > 0 ? 'partly-met' : 'not-met';
  const findings = (extra.findings ?? []).map((f) => ({ cost: 1, ...f }));
  return { id, title: `項目 ${id}`, points, maxPoints, status, feedback: status === 'met' ? null : `${id} をやり直してください。`, ...extra, findings };
}

export function gradeRow(extra: Partial<GradeRow> = {}): GradeRow {
  const criteria = extra.criteria === undefined ? [criterion('a', 2, 2), criterion('b', 0, 3)] : extra.criteria;
  const score = criteria ? criteria.reduce((s, c) => s + c.points, 0) : 0;
  return {
    studentId: '2312001', name: '山田太郎', file: '2312001_山田太郎_4.ipynb', sha256: 'a'.repeat(64), submittedAt: '2023-11-16 22:38:17',
    timeSource: 'submission-times', status: 'graded', score, maxScore: 5, criteria, flags: [], reason: null, comment: '',
    notebook: null, evidence: null, deadline: '2023-11-16 23:59', extension: null, late: null, overrides: [], primary: true,
    ...extra,
  };
}

export function gradeRun(rows: GradeRow[]): GradeRun {
  return {
    rubricTitle: '第4回 課題', criteria: [{ id: 'a', title: '項目 a', points: 2 }, { id: 'b', title: '項目 b', points: 3 }], maxScore: 5,
    deadline: '2023-11-16 23:59', tz: 'Asia/Tokyo', expectedSource: 'test', accuracy: null, latePolicy: latePolicySchema.parse({ policy: 'reject' }),
    rows, warnings: [],
    integrity: { clusters: [], findings: [], settings: integritySettings(null, rows.length) },
  };
}
