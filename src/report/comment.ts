/** The short Japanese comment for the CSV (and later WebClass): score and what was not met, or why the file was not graded. */
import type { GradeRow } from '../grade.js';

export interface CommentContext {
  deadline: string;
}

export function buildComment(row: Omit<GradeRow, 'comment'>, context: CommentContext): string {
  switch (row.status) {
    case 'late':
      return `締め切り(${context.deadline})後の提出(${row.submittedAt})のため受理できません。`;
    case 'superseded':
      return `同じ学生のより新しい提出${row.reason ? `(${row.reason})` : ''}を採点しました。`;
    case 'not-a-notebook':
      return 'ノートブック(.ipynb)ではないため採点できません。ファイルを確認してください。';
    case 'unreadable':
      return `ノートブックとして読み込めませんでした: ${row.reason ?? '理由不明'}`;
    case 'graded': {
      const missed = (row.criteria ?? []).filter((c) => c.status !== 'met');
      const head = `${row.score}/${row.maxScore} 点。`;
      if (missed.length === 0) return `${head}すべての項目を満たしています。`;
      const parts = missed.map((c) => {
        const found = c.findings.map((f) => f.message).join(' ');
        return `【${c.title} ${c.points}/${c.maxPoints}】${found}${c.feedback ? ` ${c.feedback}` : ''}`;
      });
      return `${head}${parts.join(' ')}`;
    }
  }
}
