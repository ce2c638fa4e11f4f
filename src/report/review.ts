/**
 * Who needs a TA's second look, and why: one list shared by the console summary and the review report,
 * most urgent first (files that could not be graded, criteria that could not be read, copies, identity,
 * late work, partial credit). System files (.DS_Store …) never need a look.
 */
import { flagText } from './flags.js';
import type { GradeRow, GradeRun } from '../types.js';

export interface ReviewReason {
  code: string;
  ja: string;
  en: string;
}

const FLAG_ORDER = ['needs-review', 'suspected-copy', 'override-stale', 'summary-mismatch', 'epochs-mismatch', 'impossible-log-values', 'colab-user-mismatch', 'colab-multiple-users', 'executed-after-deadline', 'executed-after-submission', 'execution-out-of-order', 'stale-outputs', 'name-unrecognised', 'ambiguous-in-submission-times', 'id-from-submission-times', 'assignment-mismatch', 'checkpoint-copy', 'syntax-error', 'time-unverified'];

function rank(code: string): number {
  if (code === 'unreadable' || code === 'not-a-notebook') return 0;
  const i = FLAG_ORDER.indexOf(code);
  if (i >= 0) return 1 + i;
  if (code === 'late') return 40;
  if (code === 'zero-score') return 41;
  if (code === 'partly-met') return 42;
  return 30;
}

export function reviewReasons(row: GradeRow): ReviewReason[] {
  if (row.flags.includes('system-file')) return [];
  const reasons: ReviewReason[] = [];
  if (row.status === 'unreadable') reasons.push({ code: 'unreadable', ja: `読み込めないファイル: ${row.reason ?? '理由不明'}`, en: `unreadable${row.reason ? ` — ${row.reason}` : ''}` });
  if (row.status === 'not-a-notebook') reasons.push({ code: 'not-a-notebook', ja: 'ノートブック(.ipynb)ではないファイル', en: 'not a notebook' });
  if (row.status === 'late') {
    const penalty = row.late?.penalty ?? null;
    reasons.push({
      code: 'late',
      ja: `締め切り(${row.deadline})後の提出(${row.submittedAt})${penalty === null ? 'で 0 点' : `で ${penalty} 点減点`}`,
      en: `late (${row.submittedAt})${penalty === null ? '' : `, −${penalty}`}`,
    });
  }
  for (const flag of row.flags) {
    const text = flagText(flag);
    if (text.review) reasons.push({ code: flag, ja: text.ja, en: text.en });
  }
  if (row.status === 'graded' && row.score === 0) reasons.push({ code: 'zero-score', ja: '採点済みで 0 点(保存された出力がないなど)', en: 'graded with 0 points' });
  const partly = (row.criteria ?? []).filter((c) => c.status === 'partly-met');
  if (partly.length > 0) {
    reasons.push({ code: 'partly-met', ja: `部分点の項目: ${partly.map((c) => `${c.title} ${c.points}/${c.maxPoints}`).join('、')}`, en: `partial credit: ${partly.map((c) => c.id).join(', ')}` });
  }
  return reasons.sort((a, b) => rank(a.code) - rank(b.code));
}

export interface ReviewItem {
  row: GradeRow;
  reasons: ReviewReason[];
}

/** Rows that need a look, most urgent first; ties keep the run's order (student id, then file). */
export function reviewQueue(run: GradeRun): ReviewItem[] {
  const items = run.rows.map((row, order) => ({ row, reasons: reviewReasons(row), order })).filter((item) => item.reasons.length > 0);
  items.sort((a, b) => rank(a.reasons[0]!.code) - rank(b.reasons[0]!.code) || a.order - b.order);
  return items.map(({ row, reasons }) => ({ row, reasons }));
}
