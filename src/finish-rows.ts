/**
 * The last step of grading, once every file has a row: choose each student's primary row (the one whose
 * score is the student's: what WebClass gets), settle scores (criterion overrides → criteria total →
 * late penalty → total override), and write the comments. Order of a score:
 *
 *   automatic criteria points → criterion overrides → sum → late penalty (graded late work) → `total` override
 */
import type { LatePolicy } from './core/rubric/late-policy.js';
import { settleScore } from './core/rubric/settle.js';
import { lookupKey } from './core/util/keys.js';
import { buildComment } from './core/comment/comment.js';
import { withNotes } from './core/comment/notes.js';
import type { GradeRow, Lateness, OverrideEntry } from './types.js';
import { withProps } from './core/util/objects.js';

export interface FinishContext {
  policy: LatePolicy;
  maxScore: number;
  /** Overrides by student key (src/rubric/overrides.ts overridesByStudent); null without --overrides. */
  overrides: Map<string, OverrideEntry[]> | null;
}

const RANK: Record<GradeRow['status'], number> = { graded: 0, late: 1, unreadable: 2, 'not-a-notebook': 2, superseded: 3, missing: 4 };

function primaryRank(row: GradeRow): number {
  return row.status === 'late' && row.criteria === null ? 2 : RANK[row.status];
}

/** Which rows are primary (aligned with `rows`): one per student — graded, else graded late, else the latest of the others (superseded last). */
export function primaryRows(rows: readonly GradeRow[]): boolean[] {
  const best = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.studentId === null) return;
    const key = lookupKey(row.studentId, 'id');
    const current = best.get(key);
    if (current === undefined || better(row, rows[current]!)) best.set(key, i);
  });
  const chosen = new Set(best.values());
  return rows.map((row, i) => row.studentId === null || chosen.has(i));
}

function better(a: GradeRow, b: GradeRow): boolean {
  const rank = primaryRank(a) - primaryRank(b);
  if (rank !== 0) return rank < 0;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt > b.submittedAt;
  return a.file < b.file;
}

/**
 * Primary rows, settled scores (src/core/rubric/settle.ts) and comments, as new rows. `lateness` is
 * aligned with `rows` (set for rows whose status is late). Returns the rows and the warnings.
 */
export function finishRows(rows: readonly GradeRow[], lateness: readonly (Lateness | null)[], context: FinishContext): { rows: GradeRow[]; warnings: string[] } {
  const primary = primaryRows(rows);
  const warnings: string[] = [];
  const finished = rows.map((row, i): GradeRow => {
    const entries = primary[i] && row.studentId !== null ? (context.overrides?.get(lookupKey(row.studentId, 'id')) ?? []) : [];
    const { warnings: settleWarnings, ...settled } = settleScore(row, lateness[i] ?? null, entries, context);
    warnings.push(...settleWarnings);
    const next: GradeRow = Object.assign({}, row, settled, { primary: primary[i] ?? false });
    // A graded late notebook is described like a graded one; the late note comes first.
    const asGraded = next.status === 'late' && next.criteria !== null ? withProps(next, { status: 'graded' as const }) : next;
    return withProps(next, { comment: withNotes(buildComment(asGraded, { deadline: next.deadline }), next) });
  });
  return { rows: finished, warnings };
}
