/**
 * Run a rubric's criteria over one notebook's evidence and turn findings into points.
 *
 * Each finding states its cost (a share of its criterion). The rubric's `consequenceOf` relations mark a
 * finding that follows from a mistake another criterion charges: with keepsPoints it costs nothing here
 * (the mistake is charged once, where it belongs); without, the points are still lost (there is no
 * evidence to judge) and the comment names the root cause once. A criterion keeps 1 − the sum of the
 * costs it charges, rounded to the rubric's pointStep (nearest step, a tie rounds down; a criterion with
 * a charged finding never rounds up to full points).
 */
import { reporterFor } from '../checks/define-check.js';
import type { LoadedRubric, ResolvedCriterion } from './validate.js';
import type { CheckInput, CheckOutcome, CriterionResult, Finding } from '../../types.js';
import { withProps } from '../util/objects.js';

/** Two decimals, for sums of points. */
export const roundPoints = (value: number): number => Math.round(value * 100) / 100;

/** Whether a finding costs points in its own criterion (not excused by a mistake charged elsewhere). */
export const isCharged = (finding: Finding): boolean => finding.chargedBy?.keepsPoints !== true;

/** The share of a criterion its findings leave: 1 − the sum of the charged costs, never below 0. */
export function fractionLeft(findings: readonly Finding[]): number {
  const cost = findings.filter(isCharged).reduce((sum, f) => sum + f.cost, 0);
  return Math.max(0, Math.min(1, 1 - cost));
}

/** points × fraction as a multiple of `step`: nearest, ties down; below full points while anything is charged. */
export function roundToStep(maxPoints: number, fraction: number, step: number): number {
  let steps = Math.ceil((maxPoints * fraction) / step - 0.5 - 1e-9);
  const full = Math.round(maxPoints / step);
  if (fraction < 1 && steps >= full) steps = full - 1;
  return Math.round(Math.max(0, steps) * step * 1e6) / 1e6;
}

export function scoreCriteria(rubric: LoadedRubric, input: CheckInput): CriterionResult[] {
  const outcomes = new Map(rubric.criteria.map((criterion) => [criterion.id, runCheck(criterion, input)]));
  const attributed = attributeCauses(rubric, outcomes);
  return rubric.criteria.map((criterion) => {
    const result = settle(criterion, outcomes.get(criterion.id)!, attributed.get(criterion.id) ?? [], rubric.pointStep);
    return criterion.hidden ? withProps(result, { hidden: true as const }) : result;
  });
}

function runCheck(criterion: ResolvedCriterion, input: CheckInput): CheckOutcome {
  const check = criterion.run;
  try {
    return check.run(input, criterion.parsedOptions, reporterFor(check));
  } catch (error) {
    // Fail closed: a check that cannot read its evidence never passes.
    return { findings: [], unreadable: `${check.id}: ${(error as Error).message}` };
  }
}

/**
 * Every criterion's findings with `chargedBy` set where a rubric relation says another criterion charges
 * their mistake. A cause counts only while it is itself charged, never from a criterion whose evidence is
 * unreadable. Resolved finding by finding (the loader refuses cycles among findings; two criteria may
 * still point at each other through different findings).
 */
function attributeCauses(rubric: LoadedRubric, outcomes: ReadonlyMap<string, CheckOutcome>): Map<string, Finding[]> {
  const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
  const memo = new Map<Finding, Finding>();
  const attribute = (criterion: ResolvedCriterion, finding: Finding): Finding => {
    const done = memo.get(finding);
    if (done) return done;
    let result = finding;
    for (const relation of criterion.consequenceOf ?? []) {
      if (!relation.excuses.includes(finding.messageId)) continue;
      const cause = byId.get(relation.of);
      const outcome = cause ? outcomes.get(cause.id) : undefined;
      if (!cause || !outcome || outcome.unreadable !== undefined) continue;
      const mistakes = outcome.findings
        .filter((f) => relation.when === undefined || relation.when.includes(f.messageId))
        .filter((f) => !relation.sameCell || (f.at !== undefined && f.at.cell === finding.at?.cell))
        .filter((f) => isCharged(attribute(cause, f)));
      if (mistakes.length === 0) continue;
      result = withProps(finding, { chargedBy: { criterion: cause.id, title: cause.title, keepsPoints: relation.keepsPoints } });
      break;
    }
    memo.set(finding, result);
    return result;
  };
  const resolved = new Map<string, Finding[]>();
  for (const criterion of rubric.criteria) {
    const outcome = outcomes.get(criterion.id)!;
    resolved.set(criterion.id, outcome.unreadable !== undefined ? outcome.findings : outcome.findings.map((f) => attribute(criterion, f)));
  }
  return resolved;
}

function settle(criterion: ResolvedCriterion, outcome: CheckOutcome, findings: Finding[], step: number): CriterionResult {
  // written out, not spread: see util/objects.ts
  const { id, title, points: maxPoints } = criterion;
  if (outcome.unreadable !== undefined) {
    const shown = findings.length > 0 ? findings : [{ messageId: 'unreadable', message: 'この項目は TA が確認します。', cost: 1, detail: outcome.unreadable }];
    return { id, title, maxPoints, points: 0, status: 'unreadable', findings: shown, feedback: criterion.feedback?.ja ?? null };
  }
  const fraction = fractionLeft(findings);
  const met = !findings.some(isCharged);
  const points = met ? criterion.points : roundToStep(criterion.points, fraction, step);
  return {
    id,
    title,
    maxPoints,
    points,
    status: met ? 'met' : points > 0 ? 'partly-met' : 'not-met',
    findings,
    feedback: met ? null : (criterion.feedback?.ja ?? null),
  };
}

export function maxScore(rubric: LoadedRubric): number {
  return roundPoints(rubric.criteria.reduce((sum, c) => sum + c.points, 0));
}

export function totalPoints(results: CriterionResult[]): number {
  return roundPoints(results.reduce((sum, r) => sum + r.points, 0));
}
