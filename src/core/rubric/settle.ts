/**
 * Settling a graded row's score, as a pure step over values: criterion overrides → the criteria's sum →
 * the late penalty (graded late work) → a `total` override. Returns the settled parts; the caller (the
 * Node shell's src/finish-rows.ts) builds the row from them.
 */
import type { AppliedOverride, CriterionResult, GradeRow, Lateness, OverrideEntry } from '../../types.js';
import { applyLatePolicy, rejectedEffect, type LatePolicy } from './late-policy.js';
import { totalPoints } from './score.js';

/** The pseudo-criterion of an override of the whole score. */
export const TOTAL = 'total';

export interface SettleContext {
  policy: LatePolicy;
  maxScore: number;
}

export type Settled = Pick<GradeRow, 'criteria' | 'score' | 'late' | 'overrides' | 'flags'> & {
  /** Overrides that could not be applied, for the TA. */
  warnings: string[];
};

function applied(entry: OverrideEntry, from: number, sha256: string): AppliedOverride {
  return {
    criterion: entry.criterion,
    from,
    to: entry.points,
    reason: entry.reason,
    grader: entry.grader,
    line: entry.line,
    stale: entry.sha256 !== null && entry.sha256 !== sha256.toLowerCase(),
  };
}

/** The settled score of one row (the row itself is not changed). */
export function settleScore(row: GradeRow, lateness: Lateness | null, entries: readonly OverrideEntry[], context: SettleContext): Settled {
  const warnings: string[] = [];
  const overrides: AppliedOverride[] = [];
  const criteria: CriterionResult[] | null = row.criteria?.map((c) => ({ ...c })) ?? null;
  for (const entry of entries) {
    if (entry.criterion === TOTAL) continue;
    const criterion = criteria?.find((c) => c.id === entry.criterion);
    if (!criterion) {
      warnings.push(`overrides, line ${entry.line}: ${entry.studentId}'s ${row.file} was not graded (${row.status}), so ${entry.criterion} cannot be overridden; use criterion "total"`);
      continue;
    }
    overrides.push(applied(entry, criterion.points, row.sha256));
    criterion.points = entry.points;
  }
  let score = criteria ? totalPoints(criteria) : 0;
  let late: GradeRow['late'] = null;
  if (row.status === 'late' && lateness) {
    if (criteria) {
      const penalised = applyLatePolicy(score, context.maxScore, lateness, context.policy);
      score = penalised.score;
      late = penalised.effect;
    } else {
      late = rejectedEffect(lateness, context.policy);
    }
  }
  const total = entries.find((entry) => entry.criterion === TOTAL);
  if (total) {
    overrides.push(applied(total, score, row.sha256));
    score = total.points;
  }
  const flags = new Set(row.flags);
  if (overrides.length > 0) flags.add('override');
  if (overrides.some((o) => o.stale)) flags.add('override-stale');
  return { criteria, score, late, overrides, flags: [...flags].sort(), warnings };
}
