/**
 * Notes added to a row's comment around what src/core/comment/comment.ts writes: the late penalty (first, as it
 * explains the score), a deadline extension, and each TA override with who decided and why.
 */
import { lateNote } from '../rubric/late-policy.js';
import { TOTAL } from '../rubric/settle.js';
import type { GradeRow } from '../../types.js';

type RowForNotes = Pick<GradeRow, 'late' | 'deadline' | 'extension' | 'overrides' | 'criteria'>;

export function overrideNote(row: RowForNotes, override: GradeRow['overrides'][number]): string {
  const title = override.criterion === TOTAL ? '合計' : (row.criteria?.find((c) => c.id === override.criterion)?.title ?? override.criterion);
  return `【修正 ${title}: ${override.from} → ${override.to} 点(理由: ${override.reason}、${override.grader})】`;
}

export function withNotes(base: string, row: RowForNotes): string {
  const head = row.late ? lateNote(row.late, row.deadline) : '';
  const tail = [
    ...(row.extension ? [`提出期限は個別に ${row.extension.deadline} まで延長されています。`] : []),
    ...row.overrides.map((override) => overrideNote(row, override)),
  ];
  return [`${head}${base}`, ...tail].join(' ');
}
