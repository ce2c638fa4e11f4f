/**
 * Per-student feedback in Japanese, as Markdown: `feedback/<学籍番号>.md`. One file per student id, for
 * the row that counts (the graded notebook, else the latest other row); files without a student id get
 * none (the TA sees them in the review list). Built from src/core/comment/comment.ts's `studentFeedback`, so
 * the file and the CSV comment say the same thing. Hidden criteria and other students never appear.
 */
import { lateNote } from '../core/rubric/late-policy.js';
import { studentFeedback, type FeedbackItem } from '../core/comment/comment.js';
import { overrideNote } from '../core/comment/notes.js';
import type { GradeRow, GradeRun } from '../types.js';

const STATUS_MARK: Record<FeedbackItem['status'], string> = {
  met: '○ 満たしています',
  'partly-met': '△ 一部を満たしています',
  'not-met': '× 満たしていません',
  unreadable: '× 読み取れませんでした(担当者が確認します)',
};

/** A student id that is safe as a file name. */
export const SAFE_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;

/** The row each student's feedback is about: the student's primary row (what WebClass gets), one per id. */
export function feedbackRows(run: GradeRun): GradeRow[] {
  return run.rows.filter((row) => row.primary && row.studentId !== null && SAFE_ID.test(row.studentId));
}

/** The late penalty, a deadline extension and TA overrides (not those on hidden criteria), as src/report/comment-notes.ts words them. */
function notes(row: GradeRow): string[] {
  const hidden = new Set((row.criteria ?? []).filter((c) => c.hidden).map((c) => c.id));
  return [
    ...(row.late ? [lateNote(row.late, row.deadline)] : []),
    ...(row.extension ? [`提出期限は個別に ${row.extension.deadline} まで延長されています。`] : []),
    ...row.overrides.filter((o) => !hidden.has(o.criterion)).map((o) => overrideNote(row, o)),
  ].filter((note) => note !== '');
}

/** One line of text that cannot break the Markdown around it: no newlines, table pipes, HTML or code spans. */
const inline = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`|<>])/g, '\\$1');

export function feedbackMarkdown(run: GradeRun, row: GradeRow): string {
  // A graded late notebook is described like a graded one, after the late note (as in the CSV comment).
  const asGraded = row.status === 'late' && row.criteria !== null ? { ...row, status: 'graded' as const } : row;
  const feedback = studentFeedback(asGraded, { deadline: row.deadline });
  const extra = notes(row);
  const lines = [
    `# ${inline(run.rubricTitle)} フィードバック`,
    '',
    `- 学籍番号: ${inline(row.studentId ?? '')}`,
    ...(row.name ? [`- 氏名: ${inline(row.name)}`] : []),
    `- ファイル: ${inline(row.file.split('/').pop() ?? row.file)}`,
    `- 提出日時: ${row.submittedAt}`,
    '',
  ];
  if (feedback.status !== 'graded') {
    lines.push('## 結果', '', inline(feedback.summary), '', ...extra.flatMap((note) => [inline(note), '']));
    return lines.join('\n');
  }
  lines.push(`## 得点: ${feedback.score} / ${feedback.maxScore} 点`, '', ...extra.flatMap((note) => [inline(note), '']));
  if (feedback.hiddenCriteria > 0) lines.push('(得点には、ここに表示していない採点項目の点も含まれます。)', '');
  lines.push('| 項目 | 得点 | 結果 |', '|---|---|---|');
  for (const item of feedback.items) lines.push(`| ${inline(item.title)} | ${item.points} / ${item.maxPoints} | ${STATUS_MARK[item.status]} |`);
  lines.push('');
  const missed = feedback.items.filter((item) => item.status !== 'met');
  if (missed.length === 0) {
    lines.push('すべての項目を満たしています。', '');
    return lines.join('\n');
  }
  lines.push('## 項目ごとの説明', '');
  const titles = new Map(feedback.items.map((item) => [item.id, item.title]));
  for (const item of missed) {
    lines.push(`### ${inline(item.title)}(${item.points} / ${item.maxPoints} 点)`, '');
    if (item.expected) lines.push(`- 求めていること: ${inline(item.expected)}`);
    for (const found of item.found) lines.push(`- 見つかったこと: ${inline(found)}`);
    const cause = item.lostBecauseOf ? titles.get(item.lostBecauseOf) : undefined;
    if (cause) lines.push(`- 「${inline(cause)}」と同じ理由で、出力から確かめられませんでした。`);
    else if (item.found.length === 0) lines.push('- 見つかったこと: 該当する出力が見つかりませんでした。');
    lines.push('');
  }
  return lines.join('\n');
}

export interface FeedbackFile {
  /** Relative path: `<学籍番号>.md`. */
  path: string;
  studentId: string;
  content: string;
}

export function feedbackFiles(run: GradeRun): FeedbackFile[] {
  return feedbackRows(run).map((row) => ({ path: `${row.studentId}.md`, studentId: row.studentId ?? '', content: feedbackMarkdown(run, row) }));
}
