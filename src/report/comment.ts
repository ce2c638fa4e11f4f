/**
 * What a student is told, built once: `studentFeedback` gives the score and, per visible criterion, what
 * was expected and what was found. `buildComment` turns it into the one-line CSV (and WebClass) comment;
 * src/report/feedback.ts turns it into the per-student Markdown file. Hidden criteria never appear, and
 * nothing here reads another student's row.
 */
import type { GradeRow } from '../grade.js';
import type { CriterionResult } from '../rubric/score.js';

export interface CommentContext {
  deadline: string;
}

export interface FeedbackItem {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: CriterionResult['status'];
  /** What the rubric asks for (its feedback text); null when the criterion is met. */
  expected: string | null;
  /** What the grader found, one sentence each (with the cell number). */
  found: string[];
}

export interface StudentFeedback {
  status: GradeRow['status'];
  score: number;
  maxScore: number;
  /** The score sentence, or why the file was not graded. */
  summary: string;
  /** Visible criteria, in rubric order; empty when the file was not graded. */
  items: FeedbackItem[];
  /** How many criteria were left out because they are hidden (their points are in the score). */
  hiddenCriteria: number;
}

type RowForFeedback = Omit<GradeRow, 'comment'>;

function notGradedSummary(row: RowForFeedback, context: CommentContext): string {
  switch (row.status) {
    case 'late':
      return `締め切り(${context.deadline})後の提出(${row.submittedAt})のため受理できません。`;
    case 'superseded':
      return `同じ学生のより新しい提出${row.reason ? `(${row.reason})` : ''}を採点しました。`;
    case 'not-a-notebook':
      return 'ノートブック(.ipynb)ではないため採点できません。ファイルを確認してください。';
    case 'unreadable':
      return `ノートブックとして読み込めませんでした(空のファイル、途中で切れたファイル、.ipynb でない中身など)。Colab の「ファイル」→「ダウンロード」→「.ipynb をダウンロード」で保存し直したファイルを確認してください。詳細: ${row.reason ?? '不明'}`;
    case 'graded':
      return `${row.score}/${row.maxScore} 点。`;
  }
}

export function studentFeedback(row: RowForFeedback, context: CommentContext): StudentFeedback {
  const criteria = row.status === 'graded' ? (row.criteria ?? []) : [];
  const visible = criteria.filter((c) => !c.hidden);
  return {
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    summary: notGradedSummary(row, context),
    items: visible.map((c) => ({
      id: c.id,
      title: c.title,
      points: c.points,
      maxPoints: c.maxPoints,
      status: c.status,
      expected: c.status === 'met' ? null : c.feedback,
      found: c.status === 'met' ? [] : c.findings.map((f) => f.message),
    })),
    hiddenCriteria: criteria.length - visible.length,
  };
}

/** The one-line comment: the score and, per visible criterion not met, what was found and what to do. */
export function commentFromFeedback(feedback: StudentFeedback): string {
  if (feedback.status !== 'graded') return feedback.summary;
  const missed = feedback.items.filter((item) => item.status !== 'met');
  if (missed.length === 0) {
    const all = feedback.hiddenCriteria === 0 || feedback.score === feedback.maxScore;
    return `${feedback.summary}${all ? 'すべての項目を満たしています。' : '公開している項目はすべて満たしています。'}`;
  }
  const parts = missed.map((item) => `【${item.title} ${item.points}/${item.maxPoints}】${item.found.join(' ')}${item.expected ? ` ${item.expected}` : ''}`);
  return `${feedback.summary}${parts.join(' ')}`;
}

export function buildComment(row: RowForFeedback, context: CommentContext): string {
  return commentFromFeedback(studentFeedback(row, context));
}

/** Where a cut reads cleanly: after a sentence or a bracketed item first, else after a comma, bracket or space. */
const STRONG_BREAK = /^[。】]$/u;
const WEAK_BREAK = /^[、)）\s]$/u;

/**
 * At most `limit` characters (grapheme clusters, so no character is split), ending in … when cut. The
 * cut moves back to the end of a sentence (or else a comma, bracket or space) when one lies in the last
 * fifth of the text kept.
 */
export function truncateComment(text: string, limit: number): string {
  const segments = [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
  if (segments.length <= limit) return text;
  if (limit <= 1) return limit === 1 ? '…' : '';
  const keep = limit - 1;
  const floor = Math.floor(keep * 0.8);
  const lastBreak = (pattern: RegExp): number | null => {
    for (let i = keep; i > floor; i--) if (pattern.test(segments[i - 1] ?? '')) return i;
    return null;
  };
  const end = lastBreak(STRONG_BREAK) ?? lastBreak(WEAK_BREAK) ?? keep;
  return `${segments.slice(0, end).join('').trimEnd()}…`;
}

/** --comment-limit: every row's comment cut to `limit` characters, before any output is written. */
export function applyCommentLimit(rows: readonly { comment: string }[], limit: number): void {
  for (const row of rows) row.comment = truncateComment(row.comment, limit);
}
