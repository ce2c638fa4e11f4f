/**
 * One submission per student: the latest on-time notebook is graded, earlier on-time ones are
 * superseded, late ones are late (also when a student has only late ones). Items without a student id
 * are each their own student. Ties on time go to the byte-wise smallest key, so the result never
 * depends on input order.
 *
 * When late work is accepted (a penalty policy, `acceptLate`), a student with no on-time notebook has
 * their latest late one graded (`gradedLate`, status still late); their earlier late ones are superseded
 * by it. Late notebooks of a student who has an on-time one stay late, with `supersededBy` naming it.
 */
import type { SubmissionStatus } from '../types.js';
import { compareBytewise } from '../core/util/keys.js';
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
  /** For 'superseded': the key of the item graded in its place; for 'late' (late work accepted): the on-time item graded instead. */
  supersededBy?: string;
  /** Late work accepted: this late notebook is graded (and penalised). */
  gradedLate?: true;
}

export interface SelectionOptions {
  /** Lateness of one item (per-student deadlines, grace); default: after `deadline`. */
  isLate?: (item: SelectionItem) => boolean;
  /** Late work is graded when a student has no on-time notebook (a penalty policy). */
  acceptLate?: boolean;
}

/** Throws on duplicate keys (a caller's bug). */
export function selectSubmissions(items: readonly SelectionItem[], deadline: Date, options: SelectionOptions = {}): Map<string, Selection> {
  const late = options.isLate ?? ((item: SelectionItem) => isLate(item.submittedAt, deadline));
  const result = new Map<string, Selection>();
  const onTimeByStudent = new Map<string, SelectionItem[]>();
  const lateByStudent = new Map<string, SelectionItem[]>();
  for (const item of items) {
    if (result.has(item.key)) throw new Error(`selectSubmissions: duplicate key ${JSON.stringify(item.key)}`);
    if (!item.isNotebook) {
      result.set(item.key, { status: 'not-a-notebook' });
    } else if (late(item)) {
      result.set(item.key, { status: 'late' });
      if (options.acceptLate) push(lateByStudent, studentOf(item), item);
    } else {
      result.set(item.key, { status: 'superseded' });
      push(onTimeByStudent, studentOf(item), item);
    }
  }
  for (const group of onTimeByStudent.values()) {
    const winner = latest(group);
    for (const item of group) {
      result.set(item.key, item === winner ? { status: 'graded' } : { status: 'superseded', supersededBy: winner.key });
    }
  }
  for (const [student, group] of lateByStudent) {
    const onTime = onTimeByStudent.get(student);
    const winner = onTime ? null : latest(group);
    for (const item of group) {
      if (winner === null) result.set(item.key, { status: 'late', supersededBy: latest(onTime ?? group).key });
      else result.set(item.key, item === winner ? { status: 'late', gradedLate: true } : { status: 'superseded', supersededBy: winner.key });
    }
  }
  return result;
}

function studentOf(item: SelectionItem): string {
  return item.studentId === null ? `\u0000key:${item.key}` : `id:${item.studentId.normalize('NFKC').toUpperCase()}`;
}

function push(map: Map<string, SelectionItem[]>, student: string, item: SelectionItem): void {
  const group = map.get(student);
  if (group) group.push(item);
  else map.set(student, [item]);
}

function latest(group: readonly SelectionItem[]): SelectionItem {
  return group.reduce((best, item) => (preferred(item, best) ? item : best));
}

/** Later wins; on equal times the byte-wise smaller key wins. */
function preferred(a: SelectionItem, b: SelectionItem): boolean {
  const dt = a.submittedAt.getTime() - b.submittedAt.getTime();
  return dt !== 0 ? dt > 0 : compareBytewise(a.key, b.key) < 0;
}
