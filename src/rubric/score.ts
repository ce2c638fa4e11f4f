/** Run a rubric's criteria over one notebook's evidence and turn findings into points. */
import { reporterFor, type CheckInput, type Finding } from '../checks/define-check.js';
import type { LoadedRubric } from './load.js';

export interface CriterionResult {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: 'met' | 'partly-met' | 'not-met' | 'unreadable';
  findings: Finding[];
  /** Rubric feedback for the student, when the criterion is not fully met. */
  feedback: string | null;
  /** A hidden criterion: scored, never described to the student. */
  hidden?: true;
}

const roundPoints = (value: number): number => Math.round(value * 100) / 100;

export function scoreCriteria(rubric: LoadedRubric, input: CheckInput): CriterionResult[] {
  return rubric.criteria.map((criterion) => ({ ...scoreOne(criterion, input), ...(criterion.hidden ? { hidden: true as const } : {}) }));
}

function scoreOne(criterion: LoadedRubric['criteria'][number], input: CheckInput): CriterionResult {
  const check = criterion.run;
  let outcome;
  try {
    outcome = check.run(input, criterion.parsedOptions, reporterFor(check));
  } catch (error) {
    // Fail closed: a check that cannot read its evidence never passes.
    outcome = { findings: [], unreadable: `${check.id}: ${(error as Error).message}` };
  }
  if (outcome.unreadable !== undefined) {
    const findings = outcome.findings.length > 0 ? outcome.findings : [{ messageId: 'unreadable', message: outcome.unreadable }];
    return { id: criterion.id, title: criterion.title, points: 0, maxPoints: criterion.points, status: 'unreadable', findings, feedback: criterion.feedback?.ja ?? null };
  }
  const fraction = Math.max(0, Math.min(1, outcome.fraction ?? (outcome.findings.length === 0 ? 1 : 0)));
  const met = outcome.findings.length === 0 && fraction === 1;
  const status = met ? 'met' : fraction > 0 ? 'partly-met' : 'not-met';
  return {
    id: criterion.id,
    title: criterion.title,
    points: roundPoints(criterion.points * fraction),
    maxPoints: criterion.points,
    status,
    findings: outcome.findings,
    feedback: met ? null : (criterion.feedback?.ja ?? null),
  };
}

export function maxScore(rubric: LoadedRubric): number {
  return roundPoints(rubric.criteria.reduce((sum, c) => sum + c.points, 0));
}

export function totalPoints(results: CriterionResult[]): number {
  return roundPoints(results.reduce((sum, r) => sum + r.points, 0));
}
