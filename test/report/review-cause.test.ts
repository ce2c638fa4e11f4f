/**
 * Cause first: each row's root cause in a few words and every criterion that lost points (zeros
 * included), from the findings' chargedBy; students with no submission (status missing) listed apart.
 */
import { describe, expect, it } from 'vitest';
import { consoleSummary } from '../../src/report/console.js';
import { buildReport } from '../../src/report/html/index.js';
import { lostPoints, reviewQueue, reviewReasons, rootCause } from '../../src/report/review.js';
import type { GradeRow } from '../../src/types.js';
import { NO_REFERENCE } from './fixture-run.js';
import { criterion, gradeRow, gradeRun } from './rows.js';

const notRunCriteria = [
  criterion('a', 0, 2, { findings: [{ messageId: 'notRun', message: 'ノートブックが実行されていません。' }] }),
  criterion('b', 0, 3, { findings: [{ messageId: 'noLog', message: '学習ログが見当たりません。', chargedBy: { criterion: 'a', title: '項目 a', keepsPoints: false } }] }),
];
const notRun = gradeRow({ studentId: '2312010', criteria: notRunCriteria });
const copy = gradeRow({ studentId: '2312011', flags: ['suspected-copy'], criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] });
const stale = gradeRow({ studentId: '2312012', flags: ['summary-mismatch'], criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] });
const partly = gradeRow({ studentId: '2312013', criteria: [criterion('a', 2, 2), criterion('b', 1.5, 3, { findings: [{ messageId: 'units', message: 'セル 8 の 5 行目: ユニット数は 64 でした(期待値 32)。', at: { cell: 7, line: 5 } }] })] });
const missing = { ...gradeRow({ studentId: '2312099', name: '欠席太郎', file: '', criteria: null, submittedAt: '' }), status: 'missing' } as GradeRow;

describe('root cause and lost points', () => {
  it('names a notebook never run 未実行, and lists every criterion that lost points, zeros included, with the one that took them', () => {
    expect(rootCause(notRun)).toMatchObject({ code: 'not-run', label: '未実行' });
    expect(lostPoints(notRun)).toEqual([
      { id: 'a', title: '項目 a', points: 0, maxPoints: 2, because: null },
      { id: 'b', title: '項目 b', points: 0, maxPoints: 3, because: '項目 a' },
    ]);
    expect(reviewReasons(notRun)[0]).toMatchObject({ code: 'not-run' });
  });

  it('names unreadable, late, copies, stale outputs and partial credit in a few Japanese words', () => {
    expect(rootCause(gradeRow({ status: 'unreadable', criteria: null, reason: 'The file is empty.' }))).toMatchObject({ label: '読み込めない', ja: expect.stringContaining('空のファイル') });
    expect(rootCause(gradeRow({ status: 'late', criteria: null, submittedAt: '2023-11-17 00:00:41' }))).toMatchObject({ label: '締め切り後' });
    expect(rootCause(copy)).toMatchObject({ label: 'コピーの疑い' });
    expect(rootCause(stale)).toMatchObject({ label: '出力が古い' });
    expect(rootCause(partly)).toEqual({ code: 'partly-met', label: '減点', ja: '項目 b: セル 8 の 5 行目: ユニット数は 64 でした(期待値 32)。' });
    expect(rootCause(gradeRow({ criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] }))).toBeNull();
  });

  it('lists a student with no submission as 未提出, apart from the review queue, and prints them at the end of the run', () => {
    const run = gradeRun([notRun, missing]);
    expect(rootCause(missing)).toMatchObject({ label: '未提出' });
    expect(reviewReasons(missing)).toEqual([]);
    expect(reviewQueue(run).map((item) => item.row.studentId)).toEqual(['2312010']);
    expect(consoleSummary(run, {})).toContain('no submission (1, on the roster): 2312099 欠席太郎');
  });

  it('gives a student with no submission a line on the class page and a table row, but no page', async () => {
    const files = await buildReport(gradeRun([notRun, missing]), { criteria: [{ id: 'a', check: 'notebook-executed' }, { id: 'b', check: 'training-log-complete' }], reference: NO_REFERENCE, threshold: null });
    expect(files.map((f) => f.path)).toEqual(['index.html', 'submissions/01-2312010.html', 'print.html']);
    const index = files[0]!.content;
    expect(index).toContain('<a href="#missing">未提出 (1)</a>');
    expect(index).toMatch(/<section id="missing"><h2>未提出 \(1\)<\/h2><p>名簿にあって提出のない学生\(0 点\): <span class="nowrap">2312099 欠席太郎<\/span>/);
    expect(index).toContain('<span class="badge st-missing">未提出</span>');
    expect(index).toContain('<span class="muted">(提出なし)</span>');
    expect(files[1]!.content).toContain('<span class="badge cause" title="not-run">未実行</span>');
  });
});
