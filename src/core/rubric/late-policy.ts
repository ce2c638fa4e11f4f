/**
 * The rubric's late policy (`late:`). Lateness is measured from the deadline's last included instant
 * (per student when an extension applies). Work within `graceMinutes` counts as on time. Beyond it:
 * `reject` gives 0 without reading the notebook; `penalty` grades it and takes off `points` (or `percent`
 * of the maximum score) per started hour or day after the deadline itself, never below `floor` points
 * (and never raising a score that is already below the floor).
 */
import type { LatePolicy } from './schema.js';
import type { LateEffect, Lateness } from '../../types.js';
import { roundPoints } from './score.js';

export type { LatePolicy } from './schema.js';

const MINUTE = 60_000;
const PERIOD_MS = { hour: 60 * MINUTE, day: 24 * 60 * MINUTE } as const;

export function acceptsLateWork(policy: LatePolicy): boolean {
  return policy.policy === 'penalty';
}

export function judgeLateness(submittedAt: Date, deadline: Date, policy: LatePolicy): Lateness {
  const msLate = Math.max(0, submittedAt.getTime() - deadline.getTime());
  const graceMs = policy.graceMinutes * MINUTE;
  return { late: msLate > graceMs, withinGrace: msLate > 0 && msLate <= graceMs, msLate };
}

/** The effect of the policy on a late submission that was not graded (reject, or a file that was not read). */
export function rejectedEffect(lateness: Lateness, policy: LatePolicy): LateEffect {
  return { policy: policy.policy, minutesLate: Math.ceil(lateness.msLate / MINUTE), periods: 0, per: null, penalty: null, scoreBeforePenalty: null };
}

/** The score after the penalty for a graded late notebook. Under reject (not expected here) the score is 0. */
export function applyLatePolicy(scoreBefore: number, maxScore: number, lateness: Lateness, policy: LatePolicy): { score: number; effect: LateEffect } {
  if (policy.policy !== 'penalty' || policy.per === undefined) {
    return { score: 0, effect: rejectedEffect(lateness, policy) };
  }
  const periods = Math.ceil(lateness.msLate / PERIOD_MS[policy.per]);
  const perPeriod = policy.points ?? ((policy.percent ?? 0) / 100) * maxScore;
  const floor = Math.min(scoreBefore, policy.floor ?? 0);
  const score = roundPoints(Math.max(floor, scoreBefore - periods * perPeriod));
  return {
    score,
    effect: {
      policy: 'penalty',
      minutesLate: Math.ceil(lateness.msLate / MINUTE),
      periods,
      per: policy.per,
      penalty: roundPoints(scoreBefore - score),
      scoreBeforePenalty: scoreBefore,
    },
  };
}

/** One line of the policy for people: README, console, JSON. */
export function describeLatePolicy(policy: LatePolicy): string {
  const grace = policy.graceMinutes > 0 ? `, ${policy.graceMinutes} min grace` : '';
  if (policy.policy === 'reject') return `reject late work (0 points)${grace}`;
  const amount = policy.points !== undefined ? `${policy.points} points` : `${policy.percent ?? 0}% of the maximum`;
  return `penalty: ${amount} per started ${policy.per ?? 'hour'} late, floor ${policy.floor ?? 0} points${grace}`;
}

/** The Japanese sentence for the student's comment: how late, and what it cost. */
export function lateNote(effect: LateEffect, deadline: string): string {
  if (effect.penalty === null) return '';
  const unit = effect.per === 'day' ? '日' : '時間';
  return `締め切り(${deadline})から ${effect.periods} ${unit}以内の遅れ(${effect.minutesLate} 分)のため ${effect.penalty} 点減点しました(減点前 ${effect.scoreBeforePenalty ?? 0} 点)。`;
}
