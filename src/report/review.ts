/**
 * Who needs a TA's second look, and why: one list shared by the console summary and the review report,
 * most urgent first (files that could not be graded, notebooks never run, criteria that could not be
 * read, copies, identity, late work, partial credit). System files (.DS_Store …) never need a look.
 *
 * Each row also gets its root cause in a few words (未実行, 締め切り後, 読み込めない, コピーの疑い, 出力が古い …)
 * and the criteria that lost points, zeros included: the report starts every entry with these.
 */
import { flagText } from './flags.js';
import type { CriterionResult, GradeRow, GradeRun } from '../types.js';

export interface ReviewReason {
  code: string;
  ja: string;
  en: string;
}

const FLAG_ORDER = ['needs-review', 'suspected-copy', 'override-stale', 'summary-mismatch', 'epochs-mismatch', 'impossible-log-values', 'accuracy-implausible', 'colab-user-mismatch', 'colab-multiple-users', 'executed-after-deadline', 'executed-after-submission', 'execution-out-of-order', 'stale-outputs', 'name-unrecognised', 'ambiguous-in-submission-times', 'id-from-submission-times', 'assignment-mismatch', 'checkpoint-copy', 'syntax-error', 'time-unverified'];

function rank(code: string): number {
  if (code === 'unreadable' || code === 'not-a-notebook') return 0;
  if (code === 'not-run') return 1;
  const i = FLAG_ORDER.indexOf(code);
  if (i >= 0) return 2 + i;
  if (code === 'late') return 40;
  if (code === 'zero-score') return 41;
  if (code === 'partly-met') return 42;
  return 30;
}

/** A student on the roster who submitted nothing (status 'missing'). */
export const isMissing = (row: Pick<GradeRow, 'status'>): boolean => (row.status as string) === 'missing';

/** The executed criterion's own finding that the notebook was never run (the grader charges it there once). */
export function neverRun(row: Pick<GradeRow, 'criteria'>): boolean {
  return (row.criteria ?? []).some((c) => c.findings.some((f) => f.messageId === 'notRun' && !f.chargedBy));
}

export function reviewReasons(row: GradeRow): ReviewReason[] {
  // a student with no submission is listed apart (未提出), not in the queue: there is nothing to look at
  if (row.flags.includes('system-file') || isMissing(row)) return [];
  const reasons: ReviewReason[] = [];
  if (row.status === 'unreadable') reasons.push({ code: 'unreadable', ja: `読み込めないファイル: ${unreadableJa(row.reason)}`, en: `unreadable${row.reason ? ` — ${row.reason}` : ''}` });
  if (row.status === 'not-a-notebook') reasons.push({ code: 'not-a-notebook', ja: 'ノートブック(.ipynb)ではないファイル', en: 'not a notebook' });
  if (row.status === 'late') {
    const penalty = row.late?.penalty ?? null;
    reasons.push({
      code: 'late',
      ja: `締め切り(${row.deadline})後の提出(${row.submittedAt})${penalty === null ? 'で 0 点' : `で ${penalty} 点減点`}`,
      en: `late (${row.submittedAt})${penalty === null ? '' : `, −${penalty}`}`,
    });
  }
  if (neverRun(row)) reasons.push({ code: 'not-run', ja: 'ノートブックが実行されていない(実行結果が保存されていない)', en: 'never run (no saved outputs)' });
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

/** A criterion that lost points: its points and, when its mistake is charged elsewhere, that criterion. */
export interface LostPoints {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  /** The criterion whose mistake took these points (a notebook never run), when it is another one. */
  because: string | null;
}

/** Every criterion below its maximum, zeros included, in rubric order. */
export function lostPoints(row: Pick<GradeRow, 'criteria'>): LostPoints[] {
  return (row.criteria ?? [])
    .filter((c) => c.points < c.maxPoints)
    .map((c) => ({ id: c.id, title: c.title, points: c.points, maxPoints: c.maxPoints, because: lostBecause(c) }));
}

function lostBecause(c: CriterionResult): string | null {
  const charged = c.findings.filter((f) => f.chargedBy && !f.chargedBy.keepsPoints);
  return charged.length > 0 && charged.length === c.findings.filter((f) => !f.chargedBy?.keepsPoints).length ? charged[0]!.chargedBy!.title : null;
}

/** The root cause of a row, in a few Japanese words, and a sentence after it. */
export interface RootCause {
  code: string;
  /** 未実行, 締め切り後, 読み込めない … (a badge). */
  label: string;
  /** One line that says what happened. */
  ja: string;
}

const STALE = new Set(['summary-mismatch', 'epochs-mismatch', 'stale-outputs']);
const IDENTITY = new Set(['name-unrecognised', 'ambiguous-in-submission-times', 'id-from-submission-times', 'assignment-mismatch', 'checkpoint-copy']);

/** Unreadable reasons (English, from the reader) in Japanese; the English stays beside it in the report. */
export function unreadableJa(reason: string | null): string {
  if (!reason) return '理由不明';
  const table: [RegExp, string][] = [
    [/file is empty/i, '空のファイル'],
    [/ends unexpectedly|cut off/i, '途中で切れたファイル(JSON が最後まで続いていない)'],
    [/Python source/i, 'Python のソース(.py)で、ノートブックではない'],
    [/not valid JSON/i, 'JSON として正しくない'],
    [/zip archive/i, 'zip ファイルで、ノートブックではない'],
    [/no "nbformat"|nbformat.*version|Unsupported notebook format/i, 'ノートブックの形式(nbformat)が読めない'],
    [/no cells|"cells"|worksheets/i, 'セルがない'],
    [/more than \d+ cells|cells; notebooks with more/i, 'セルが多すぎる'],
    [/too large|over the size/i, '大きすぎて読まない'],
    [/zip bomb|compression ratio/i, '圧縮率が異常(zip 爆弾の疑い)で展開しない'],
    [/refused/i, '安全でない zip の項目のため読まない'],
    [/symbolic link|symlink|named pipe|device/i, 'リンクや特殊なファイルのため開かない'],
    [/nested more than/i, '入れ子の zip が深すぎる'],
  ];
  return table.find(([re]) => re.test(reason))?.[1] ?? '読み込めない';
}

export function rootCause(row: GradeRow): RootCause | null {
  if (row.flags.includes('system-file')) return null;
  if (isMissing(row)) return { code: 'missing', label: '未提出', ja: '名簿にある学生ですが、提出がありません(0 点)。' };
  if (row.status === 'unreadable') return { code: 'unreadable', label: '読み込めない', ja: `${unreadableJa(row.reason)}。ノートブックとして読めないため 0 点です。` };
  if (row.status === 'not-a-notebook') return { code: 'not-a-notebook', label: 'ノートブックでない', ja: 'ノートブック(.ipynb)ではないファイルのため採点していません。' };
  if (row.status === 'superseded') return { code: 'superseded', label: '差し替え済み', ja: '同じ学生の後の提出を採点しました(このファイルは採点対象外)。' };
  if (row.status === 'late' && row.late?.penalty == null && !row.criteria) {
    return { code: 'late', label: '締め切り後', ja: `締め切り(${row.deadline})後の提出(${row.submittedAt})のため受理せず 0 点です。` };
  }
  if (neverRun(row)) return { code: 'not-run', label: '未実行', ja: '実行結果が保存されていません。出力を根拠とする項目は、原因の「ノートブックの実行」とともに点がありません。' };
  const flags = row.flags;
  if (flags.includes('needs-review')) return { code: 'needs-review', label: '根拠が読めない', ja: '項目の根拠(出力)を読み取れず、その項目を 0 点にしました。出力を目で確認してください。' };
  if (flags.includes('suspected-copy')) return { code: 'suspected-copy', label: 'コピーの疑い', ja: '他の提出と、独立には一致しないもの(学習ログ・コード・画像・Colab アカウント)が一致しています。' };
  const stale = flags.find((f) => STALE.has(f));
  if (stale) return { code: stale, label: '出力が古い', ja: `${flagText(stale).ja}` };
  if (flags.includes('impossible-log-values') || flags.includes('accuracy-implausible')) {
    const flag = flags.includes('impossible-log-values') ? 'impossible-log-values' : 'accuracy-implausible';
    return { code: flag, label: '出力の書き換えの疑い', ja: flagText(flag).ja };
  }
  const account = flags.find((f) => f === 'colab-user-mismatch' || f === 'colab-multiple-users');
  if (account) return { code: account, label: '別のアカウント', ja: flagText(account).ja };
  const after = flags.find((f) => f === 'executed-after-deadline' || f === 'executed-after-submission');
  if (after) return { code: after, label: '締め切り後に実行', ja: flagText(after).ja };
  if (row.status === 'late') return { code: 'late', label: '締め切り後', ja: `締め切り(${row.deadline})後の提出(${row.submittedAt})で ${row.late?.penalty ?? 0} 点減点しました。` };
  if (flags.includes('override-stale')) return { code: 'override-stale', label: '修正が古い版に対して', ja: flagText('override-stale').ja };
  const identity = flags.find((f) => IDENTITY.has(f));
  if (identity) return { code: identity, label: '学生の特定', ja: flagText(identity).ja };
  const other = flags.find((f) => flagText(f).review);
  if (other) return { code: other, label: flagText(other).label, ja: flagText(other).ja };
  const charging = (row.criteria ?? []).filter((c) => c.points < c.maxPoints && c.findings.some((f) => !f.chargedBy));
  if (row.status === 'graded' && row.score === 0) return { code: 'zero-score', label: '0 点', ja: '採点済みで 0 点です。' };
  if (charging.length > 0) {
    // the first mistake in its own words (it names the cell and line), then how many more
    const own = charging.flatMap((c) => c.findings.filter((f) => !f.chargedBy).map((f) => ({ c, f })));
    const first = own[0]!;
    const more = own.length > 1 ? `(ほか ${own.length - 1} 件)` : '';
    return { code: 'partly-met', label: '減点', ja: `${first.c.title}: ${first.f.message}${more}` };
  }
  return null;
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
