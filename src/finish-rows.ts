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

/** Marks one primary row per student: graded, else graded late, else the latest of the others (superseded last). */
export function markPrimary(rows: GradeRow[]): void {
  const best = new Map<string, GradeRow>();
  for (const row of rows) {
    row.primary = false;
    if (row.studentId === null) {
      row.primary = true;
      continue;
    }
    const key = lookupKey(row.studentId, 'id');
    const current = best.get(key);
    if (!current || better(row, current)) best.set(key, row);
  }
  for (const row of best.values()) row.primary = true;
}

function better(a: GradeRow, b: GradeRow): boolean {
  const rank = primaryRank(a) - primaryRank(b);
  if (rank !== 0) return rank < 0;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt > b.submittedAt;
  return a.file < b.file;
}

/** Settles the score of one row in place (src/core/rubric/settle.ts computes it); returns warnings. */
export function settleRow(row: GradeRow, lateness: Lateness | null, entries: readonly OverrideEntry[], context: FinishContext): string[] {
  const { warnings, ...settled } = settleScore(row, lateness, entries, context);
  Object.assign(row, settled);
  return warnings;
}

/** Primary rows, scores, comments. `lateness` holds the rows whose status is late. Returns warnings. */
export function finishRows(rows: GradeRow[], lateness: ReadonlyMap<GradeRow, Lateness>, context: FinishContext): string[] {
  markPrimary(rows);
  const warnings: string[] = [];
  for (const row of rows) {
    const entries = row.primary && row.studentId !== null ? (context.overrides?.get(lookupKey(row.studentId, 'id')) ?? []) : [];
    warnings.push(...settleRow(row, lateness.get(row) ?? null, entries, context));
    // A graded late notebook is described like a graded one; the late note comes first.
    const asGraded = row.status === 'late' && row.criteria !== null ? { ...row, status: 'graded' as const } : row;
    row.comment = withNotes(buildComment(asGraded, { deadline: row.deadline }), row);
  }
  return warnings;
}
