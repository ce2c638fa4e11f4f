/**
 * Page names and reading order. Each row with a file gets `submissions/<nn>-<学籍番号>.html` (nn = its
 * place in the run's sorted rows, so names are stable for the same input; the id part only when it is a
 * safe name); a student with no submission (status missing) has no page, only a line on the class page.
 * Each pair of submissions linked by a copy cluster gets one page, `copies/<nn>-<nn>.html`.
 * The reading order puts the review queue first, then every other row: "next" follows it.
 */
import { SAFE_ID } from '../feedback.js';
import { isMissing, reviewQueue, rootCause, type ReviewReason, type RootCause } from '../review.js';
import type { CopyCluster, CopyPair, GradeRow, GradeRun } from '../../types.js';

export interface PageRef {
  row: GradeRow;
  /** Path from the report folder: submissions/03-2312003.html. */
  href: string;
  /** Review reasons; empty when the row needs no look. */
  reasons: ReviewReason[];
  /** The root cause in a few words, when there is one. */
  cause: RootCause | null;
}

/** Two submissions that copy detection linked, with every kind of evidence that links them. */
export interface PairRef {
  a: PageRef;
  b: PageRef;
  /** Path from the report folder: copies/10-11.html. */
  href: string;
  links: { cluster: CopyCluster; pair: CopyPair }[];
}

export interface ReportPlan {
  /** Every page, in the run's order (rows without a file have none). */
  pages: PageRef[];
  /** Reading order: review queue first, then the rest. */
  order: PageRef[];
  byRow: Map<GradeRow, PageRef>;
  /** Pages of pairs of suspected copies, strongest first. */
  pairs: PairRef[];
  /** Students on the roster with no submission (no page). */
  missing: GradeRow[];
}

export function planPages(run: GradeRun): ReportPlan {
  const width = String(run.rows.length).length < 2 ? 2 : String(run.rows.length).length;
  const queue = reviewQueue(run);
  const reasons = new Map(queue.map((item) => [item.row, item.reasons]));
  const number = new Map<PageRef, string>();
  const pages: PageRef[] = [];
  run.rows.forEach((row, i) => {
    if (isMissing(row)) return;
    const id = row.studentId && SAFE_ID.test(row.studentId) ? row.studentId : 'file';
    const nn = String(i + 1).padStart(width, '0');
    const ref = { row, href: `submissions/${nn}-${id}.html`, reasons: reasons.get(row) ?? [], cause: rootCause(row) };
    number.set(ref, nn);
    pages.push(ref);
  });
  const byRow = new Map(pages.map((p) => [p.row, p]));
  const first = queue.flatMap((item) => byRow.get(item.row) ?? []);
  const order = [...first, ...pages.filter((p) => p.reasons.length === 0)];
  const byFile = new Map(pages.map((p) => [p.row.file, p]));
  const pairs = new Map<string, PairRef>();
  for (const cluster of run.integrity?.clusters ?? []) {
    for (const pair of cluster.pairs) {
      const a = byFile.get(pair.a);
      const b = byFile.get(pair.b);
      if (!a || !b || a === b) continue;
      const [x, y] = pages.indexOf(a) < pages.indexOf(b) ? [a, b] : [b, a];
      const href = `copies/${number.get(x)}-${number.get(y)}.html`;
      const ref = pairs.get(href) ?? { a: x, b: y, href, links: [] };
      ref.links.push({ cluster, pair });
      pairs.set(href, ref);
    }
  }
  const strength = (p: PairRef): number => Math.max(...p.links.map((l) => l.pair.similarity)) + p.links.length;
  const sortedPairs = [...pairs.values()].sort((p, q) => strength(q) - strength(p) || pages.indexOf(p.a) - pages.indexOf(q.a) || pages.indexOf(p.b) - pages.indexOf(q.b));
  return { pages, order, byRow, pairs: sortedPairs, missing: run.rows.filter(isMissing) };
}

/** The page after this one in reading order, and the one before; null at the ends. */
export function neighbours(plan: ReportPlan, ref: PageRef): { previous: PageRef | null; next: PageRef | null } {
  const i = plan.order.indexOf(ref);
  return { previous: plan.order[i - 1] ?? null, next: plan.order[i + 1] ?? null };
}

/** A file's own name, for display (the part after the last '/'). */
export const baseName = (file: string): string => file.split('/').pop() ?? file;

const STATUS_JA: Record<string, string> = {
  graded: '採点済み',
  late: '締め切り後',
  superseded: '差し替え済み',
  'not-a-notebook': 'ノートブックでない',
  unreadable: '読み込めない',
  missing: '未提出',
};

export const statusJa = (status: string): string => STATUS_JA[status] ?? status;
