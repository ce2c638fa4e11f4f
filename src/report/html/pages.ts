/**
 * Page names and reading order. Each row gets `submissions/<nn>-<学籍番号>.html` (nn = its place in the
 * run's sorted rows, so names are stable for the same input; the id part only when it is a safe name).
 * The reading order puts the review queue first, then every other row: "next" follows it.
 */
import { SAFE_ID } from '../feedback.js';
import { reviewQueue, type ReviewReason } from '../review.js';
import type { GradeRow, GradeRun } from '../../types.js';

export interface PageRef {
  row: GradeRow;
  /** Path from the report folder: submissions/03-2312003.html. */
  href: string;
  /** Review reasons; empty when the row needs no look. */
  reasons: ReviewReason[];
}

export interface ReportPlan {
  /** Every row's page, in the run's order. */
  pages: PageRef[];
  /** Reading order: review queue first, then the rest. */
  order: PageRef[];
  byRow: Map<GradeRow, PageRef>;
}

export function planPages(run: GradeRun): ReportPlan {
  const width = String(run.rows.length).length < 2 ? 2 : String(run.rows.length).length;
  const queue = reviewQueue(run);
  const reasons = new Map(queue.map((item) => [item.row, item.reasons]));
  const pages = run.rows.map((row, i) => {
    const id = row.studentId && SAFE_ID.test(row.studentId) ? row.studentId : 'file';
    return { row, href: `submissions/${String(i + 1).padStart(width, '0')}-${id}.html`, reasons: reasons.get(row) ?? [] };
  });
  const byRow = new Map(pages.map((p) => [p.row, p]));
  const first = queue.map((item) => byRow.get(item.row)!);
  const order = [...first, ...pages.filter((p) => p.reasons.length === 0)];
  return { pages, order, byRow };
}

/** The page after this one in reading order, and the one before; null at the ends. */
export function neighbours(plan: ReportPlan, ref: PageRef): { previous: PageRef | null; next: PageRef | null } {
  const i = plan.order.indexOf(ref);
  return { previous: plan.order[i - 1] ?? null, next: plan.order[i + 1] ?? null };
}

/** A file's own name, for display (the part after the last '/'). */
export const baseName = (file: string): string => file.split('/').pop() ?? file;

export const STATUS_JA: Record<GradeRow['status'], string> = {
  graded: '採点済み',
  late: '締め切り後',
  superseded: '差し替え済み',
  'not-a-notebook': 'ノートブックでない',
  unreadable: '読み込めない',
  missing: '未提出',
};
