/**
 * One submission per student: the latest on-time notebook is graded, earlier on-time ones are
 * superseded, late ones are late (also when a student has only late ones). Items without a student id
 * are each their own student. Ties on time go to the byte-wise smallest key, so the result never
 * depends on input order.
 */
import type { SubmissionStatus } from '../types.js';
import { compareBytewise } from './file-kinds.js';
import { isLate } from './deadline.js';

export interface SelectionItem {
  /** Unique, e.g. the displayPath. */
  key: string;
  studentId: string | null;
  submittedAt: Date;
  isNotebook: boolean;
}

export type SelectionStatus = Extract<SubmissionStatus, 'graded' | 'late' | 'superseded' | 'not-a-notebook'>;

export interface Selection {
  status: SelectionStatus;
  /** For 'superseded': the key of the item graded in its place. */
  supersededBy?: string;
}

/** Throws on duplicate keys (a caller's bug). */
export function selectSubmissions(items: readonly SelectionItem[], deadline: Date): Map<string, Selection> {
  const result = new Map<string, Selection>();
  const onTimeByStudent = new Map<string, SelectionItem[]>();
  for (const item of items) {
    if (result.has(item.key)) throw new Error(`selectSubmissions: duplicate key ${JSON.stringify(item.key)}`);
    if (!item.isNotebook) {
      result.set(item.key, { status: 'not-a-notebook' });
    } else if (isLate(item.submittedAt, deadline)) {
      result.set(item.key, { status: 'late' });
    } else {
      result.set(item.key, { status: 'superseded' });
      const student = item.studentId === null ? `\u0000key:${item.key}` : `id:${item.studentId.normalize('NFKC').toUpperCase()}`;
      const group = onTimeByStudent.get(student);
      if (group) group.push(item);
      else onTimeByStudent.set(student, [item]);
    }
  }
  for (const group of onTimeByStudent.values()) {
    const winner = group.reduce((best, item) => (preferred(item, best) ? item : best));
    for (const item of group) {
      result.set(item.key, item === winner ? { status: 'graded' } : { status: 'superseded', supersededBy: winner.key });
    }
  }
  return result;
}

/** Later wins; on equal times the byte-wise smaller key wins. */
function preferred(a: SelectionItem, b: SelectionItem): boolean {
  const dt = a.submittedAt.getTime() - b.submittedAt.getTime();
  return dt !== 0 ? dt > 0 : compareBytewise(a.key, b.key) < 0;
}
