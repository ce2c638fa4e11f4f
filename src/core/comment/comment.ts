import type { CriterionResult, Finding, GradeRow } from '../../types.js';
/**
 * What a student is told, built once: `studentFeedback` gives the score and, per visible criterion, what
 * was expected and what was found. `buildComment` turns it into the one-line CSV (and WebClass) comment;
 * src/report/feedback.ts turns it into the per-student Markdown file. Hidden criteria never appear, and
 * nothing here reads another student's row.
 */

export interface CommentContext {
  deadline: string;
}

export interface FeedbackItem {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: CriterionResult['status'];
  /** What the rubric asks for (its feedback text); null when nothing of this criterion's own is charged. */
  expected: string | null;
  /** What the grader found that this criterion charges, one sentence each (with the cell number). */
  found: string[];
  /** Titles of the criteria that charge a mistake this criterion's evidence only follows from (points kept). */
  chargedElsewhere: string[];
  /** The criterion whose mistake (e.g. a notebook never run) leaves this one without evidence, when visible. */
  lostBecauseOf: string | null;
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

/** What the student's text is made of: a row's status, score and criteria (and, for files not graded, why). */
export type RowForFeedback = Pick<GradeRow, 'status' | 'score' | 'maxScore' | 'criteria' | 'reason' | 'submittedAt'>;

function notGradedSummary(row: RowForFeedback, context: CommentContext): string {
  switch (row.status) {
    case 'late':
      return `締め切り(${context.deadline})後の提出(${row.submittedAt})のため受理できません。`;
    case 'superseded':
      return `同じ学生のより新しい提出${row.reason ? `(${row.reason})` : ''}を採点しました。`;
    case 'not-a-notebook':
      return 'ノートブック(.ipynb)ではないため採点できません。Colab の「ファイル」→「ダウンロード」→「.ipynb をダウンロード」で保存したファイルを提出してください。';
    case 'unreadable':
      return 'ノートブックとして読み込めませんでした(空のファイルや途中で切れたファイルなど)。Colab の「ファイル」→「ダウンロード」→「.ipynb をダウンロード」で保存し直したファイルを確認してください。';
    case 'missing':
      return '未提出';
    case 'graded':
      return `${row.score}/${row.maxScore} 点。`;
  }
}

function feedbackItem(result: CriterionResult, visible: ReadonlySet<string>): FeedbackItem {
  const own = result.findings.filter((f) => !f.chargedBy || (!f.chargedBy.keepsPoints && !visible.has(f.chargedBy.criterion)));
  const elsewhere = result.findings.flatMap((f) => (f.chargedBy?.keepsPoints ? [f.chargedBy.title] : []));
  const root = result.findings.find((f) => f.chargedBy && !f.chargedBy.keepsPoints && visible.has(f.chargedBy.criterion));
  const charged = result.status !== 'met' && own.length > 0;
  return {
    id: result.id,
    title: result.title,
    points: result.points,
    maxPoints: result.maxPoints,
    status: result.status,
    expected: charged ? result.feedback : null,
    found: charged ? own.map((f) => f.message) : [],
    chargedElsewhere: [...new Set(elsewhere)],
    lostBecauseOf: result.status !== 'met' && root?.chargedBy ? root.chargedBy.criterion : null,
  };
}

export function studentFeedback(row: RowForFeedback, context: CommentContext): StudentFeedback {
  const criteria = row.status === 'graded' ? (row.criteria ?? []) : [];
  const visible = criteria.filter((c) => !c.hidden);
  const visibleIds = new Set(visible.map((c) => c.id));
  return {
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    summary: notGradedSummary(row, context),
    items: visible.map((c) => feedbackItem(c, visibleIds)),
    hiddenCriteria: criteria.length - visible.length,
  };
}

/**
 * A finding as the TA reads it (report pages): the student's sentence, where its mistake was charged,
 * and the technical detail the student never sees.
 */
export function findingForTa(finding: Finding): string {
  const cause = finding.chargedBy
    ? finding.chargedBy.keepsPoints
      ? `(「${finding.chargedBy.title}」で減点済みのため、この項目では減点しません)`
      : `(原因: 「${finding.chargedBy.title}」)`
    : '';
  return `${finding.message}${cause}${finding.detail ? ` [${finding.detail}]` : ''}`;
}

const pointsOf = (item: FeedbackItem): string => `${item.title} ${item.points}/${item.maxPoints}`;

/** The criteria that lost points because of `root`'s mistake, as one sentence; '' when none. */
export function sameCauseSentence(items: readonly FeedbackItem[], root: string): string {
  const followers = items.filter((item) => item.lostBecauseOf === root);
  return followers.length === 0 ? '' : `同じ理由で、次の項目も点が引かれています: ${followers.map(pointsOf).join('、')}。`;
}

/**
 * The one-line comment: the score and, per criterion that charges a mistake, what was found and what
 * to do; criteria that only lost their evidence through that mistake are named once, after it.
 */
export function commentFromFeedback(feedback: StudentFeedback): string {
  if (feedback.status !== 'graded') return feedback.summary;
  const charged = feedback.items.filter((item) => item.found.length > 0);
  if (charged.length === 0 && feedback.items.every((item) => item.status === 'met')) {
    const all = feedback.hiddenCriteria === 0 || feedback.score === feedback.maxScore;
    return `${feedback.summary}${all ? 'すべての項目を満たしています。' : '公開している項目はすべて満たしています。'}`;
  }
  const parts = charged.map((item) => {
    const then = sameCauseSentence(feedback.items, item.id);
    return `【${pointsOf(item)}】${item.found.join('')}${item.expected ? item.expected : ''}${then}`;
  });
  // a criterion without points whose cause is not shown (it should not happen with a consistent rubric)
  const unexplained = feedback.items.filter((item) => item.status !== 'met' && item.found.length === 0 && !charged.some((c) => c.id === item.lostBecauseOf));
  for (const item of unexplained) parts.push(`【${pointsOf(item)}】${item.expected ?? ''}`);
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

/** --comment-limit: the rows with every comment cut to `limit` characters (new rows), before any output is written. */
export function applyCommentLimit<Row extends { comment: string }>(rows: readonly Row[], limit: number): Row[] {
  return rows.map((row): Row => Object.assign({}, row, { comment: truncateComment(row.comment, limit) }));
}
