import { describe, expect, it } from 'vitest';
import { finishRows, primaryRows } from '../src/finish-rows.js';
import { judgeLateness } from '../src/core/rubric/late-policy.js';
import { latePolicySchema } from '../src/core/rubric/schema.js';
import { overridesByStudent, readOverrides } from '../src/rubric/overrides.js';
import { parseDeadline } from '../src/ingest/deadline.js';
import type { CriterionResult, GradeRow, Lateness } from '../src/types.js';

const HASH = 'b'.repeat(64);
const criteria = (executed: number, model: number): CriterionResult[] => [
  { id: 'executed', title: 'ノートブックの実行', points: executed, maxPoints: 2, status: executed === 2 ? 'met' : 'not-met', findings: [], feedback: null },
  { id: 'model', title: 'モデル', points: model, maxPoints: 8, status: model === 8 ? 'met' : 'not-met', findings: [{ messageId: 'x', message: '違います。', at: { cell: 3 }, cost: 1 }], feedback: null },
];

function row(file: string, studentId: string | null, status: GradeRow['status'], submittedAt: string, graded: CriterionResult[] | null = null): GradeRow {
  return {
    studentId, name: null, file, sha256: HASH, submittedAt, timeSource: 'submission-times', status, score: 0, maxScore: 10,
    criteria: graded, flags: [], reason: null, comment: '', notebook: null, evidence: null,
    deadline: '2023-11-16 23:59', extension: null, late: null, overrides: [], primary: false,
  };
}

const deadline = parseDeadline('2023-11-16T23:59', 'Asia/Tokyo');
const lateBy = (text: string): Lateness => judgeLateness(new Date(`${text}+09:00`), deadline, latePolicySchema.parse(undefined));

describe('primaryRows', () => {
  it('picks graded, then graded late, then the latest other row; superseded last; every row without an id', () => {
    const rows = [
      row('a-old', 'A', 'superseded', '2023-11-10 10:00:00'),
      row('a-new', 'A', 'graded', '2023-11-15 10:00:00', criteria(2, 8)),
      row('a-late', 'A', 'late', '2023-11-17 10:00:00'),
      row('b-late', 'B', 'late', '2023-11-17 10:00:00', criteria(2, 8)),
      row('b-py', 'B', 'not-a-notebook', '2023-11-18 10:00:00'),
      row('c-py', 'C', 'not-a-notebook', '2023-11-12 10:00:00'),
      row('c-late', 'C', 'late', '2023-11-17 10:00:00'),
      row('x', null, 'graded', '2023-11-12 10:00:00', criteria(2, 8)),
      row('y', null, 'unreadable', '2023-11-12 10:00:00'),
    ];
    const primary = primaryRows(rows);
    expect(rows.filter((_r, i) => primary[i]).map((r) => r.file)).toEqual(['a-new', 'b-late', 'c-late', 'x', 'y']);
  });
});

describe('finishRows', () => {
  const penalty = latePolicySchema.parse({ policy: 'penalty', per: 'hour', points: 1 });
  const overridesCsv = [
    'student_id,criterion,points,reason,grader,sha256',
    `A,model,8,Dense(64) も可,田中,${'c'.repeat(64)}`,
    'A,total,9.5,提出物の再確認,佐藤,',
    'B,executed,1,一部実行,田中,',
    'C,model,8,x,田中,',
  ].join('\n');
  const limits = { criteria: [{ id: 'executed', points: 2 }, { id: 'model', points: 8 }], maxScore: 10 };

  it('applies criterion overrides, then the late penalty, then the total override, and says so in the comment', () => {
    const given = [row('a', 'A', 'graded', '2023-11-15 10:00:00', criteria(2, 0)), row('b', 'B', 'late', '2023-11-17 01:30:00', criteria(2, 8)), row('c', 'C', 'unreadable', '2023-11-15 10:00:00')];
    const before = structuredClone(given);
    const overrides = overridesByStudent(readOverrides(overridesCsv, limits), ['A', 'B', 'C']);
    const { rows, warnings } = finishRows(given, [null, lateBy('2023-11-17T01:30:00'), null], { policy: penalty, maxScore: 10, overrides });
    const [a, b, c] = rows as [GradeRow, GradeRow, GradeRow];
    // rows are values: the rows given are not changed
    expect(given).toEqual(before);

    expect(a.criteria?.map((c) => c.points)).toEqual([2, 8]);
    expect(a.score).toBe(9.5);
    expect(a.overrides).toEqual([
      { criterion: 'model', from: 0, to: 8, reason: 'Dense(64) も可', grader: '田中', line: 2, stale: true },
      { criterion: 'total', from: 10, to: 9.5, reason: '提出物の再確認', grader: '佐藤', line: 3, stale: false },
    ]);
    expect(a.flags).toEqual(['override', 'override-stale']);
    expect(a.comment).toContain('9.5/10 点。');
    expect(a.comment).toContain('【修正 モデル: 0 → 8 点(理由: Dense(64) も可、田中)】');
    expect(a.comment).toContain('【修正 合計: 10 → 9.5 点(理由: 提出物の再確認、佐藤)】');

    // B: executed 2 → 1 by override, 9 before the penalty, 2 started hours late → 7.
    expect(b.score).toBe(7);
    expect(b.status).toBe('late');
    expect(b.late).toEqual({ policy: 'penalty', minutesLate: 91, periods: 2, per: 'hour', penalty: 2, scoreBeforePenalty: 9 });
    expect(b.comment.startsWith('締め切り(2023-11-16 23:59)から 2 時間以内の遅れ(91 分)のため 2 点減点しました(減点前 9 点)。7/10 点。')).toBe(true);

    // C was not graded: a criterion override cannot apply.
    expect(c.overrides).toEqual([]);
    expect(c.flags).toEqual([]);
    expect(warnings).toEqual([
      'overrides, line 5: C\'s c was not graded (unreadable), so model cannot be overridden; use criterion "total"',
    ]);
  });

  it('gives rejected late work 0 and records how late', () => {
    const [late] = finishRows([row('l', 'L', 'late', '2023-11-17 00:00:41')], [lateBy('2023-11-17T00:00:41')], { policy: latePolicySchema.parse(undefined), maxScore: 10, overrides: null }).rows as [GradeRow];
    expect(late.score).toBe(0);
    expect(late.late).toEqual({ policy: 'reject', minutesLate: 1, periods: 0, per: null, penalty: null, scoreBeforePenalty: null });
    expect(late.comment).toBe('締め切り(2023-11-16 23:59)後の提出(2023-11-17 00:00:41)のため受理できません。');
  });

  it('mentions an extension', () => {
    const given = { ...row('e', 'E', 'graded', '2023-11-18 10:00:00', criteria(2, 8)), deadline: '2023-11-20 23:59', extension: { deadline: '2023-11-20 23:59', reason: null, line: 2 } };
    const [r] = finishRows([given], [null], { policy: penalty, maxScore: 10, overrides: null }).rows as [GradeRow];
    expect(r.comment).toBe('10/10 点。すべての項目を満たしています。 提出期限は個別に 2023-11-20 23:59 まで延長されています。');
  });
});
