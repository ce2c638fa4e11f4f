import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/ingest/deadline.js';
import { latePolicySchema } from '../../src/core/rubric/schema.js';
import { acceptsLateWork, applyLatePolicy, describeLatePolicy, judgeLateness, lateNote, type LatePolicy } from '../../src/core/rubric/late-policy.js';

const deadline = parseDeadline('2023-11-16T23:59', 'Asia/Tokyo');
const at = (text: string): Date => new Date(`${text}+09:00`);
const policy = (input: unknown): LatePolicy => latePolicySchema.parse(input);

describe('late: in the rubric', () => {
  it('defaults to reject with no grace', () => {
    expect(latePolicySchema.parse(undefined)).toEqual({ policy: 'reject', graceMinutes: 0 });
    expect(acceptsLateWork(policy(undefined))).toBe(false);
  });

  // input, error path and message (empty: valid)
  const cases: [string, unknown, string][] = [
    ['penalty per hour in points', { policy: 'penalty', per: 'hour', points: 1 }, ''],
    ['penalty per day in percent, floor, grace', { policy: 'penalty', per: 'day', percent: 10, floor: 2, graceMinutes: 5 }, ''],
    ['reject with grace', { policy: 'reject', graceMinutes: 10 }, ''],
    ['penalty without per', { policy: 'penalty', points: 1 }, 'per: policy penalty needs per: hour or per: day'],
    ['penalty with points and percent', { policy: 'penalty', per: 'day', points: 1, percent: 5 }, 'points: policy penalty needs exactly one of points or percent'],
    ['penalty with neither', { policy: 'penalty', per: 'day' }, 'points: policy penalty needs exactly one of points or percent'],
    ['reject with a penalty setting', { policy: 'reject', per: 'day' }, 'per: only with policy: penalty'],
    ['percent over 100', { policy: 'penalty', per: 'day', percent: 150 }, 'percent:'],
    ['negative grace', { policy: 'reject', graceMinutes: -1 }, 'graceMinutes:'],
    ['unknown policy', { policy: 'accept' }, 'policy:'],
  ];
  it.each(cases)('%s', (_name, input, error) => {
    const parsed = latePolicySchema.safeParse(input);
    if (error === '') {
      expect(parsed.success).toBe(true);
      return;
    }
    const messages = (parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages.some((m) => m.startsWith(error))).toBe(true);
  });
});

describe('judgeLateness', () => {
  it('measures from the last included instant of the deadline', () => {
    expect(judgeLateness(at('2023-11-16T23:59:59.999'), deadline, policy(undefined))).toEqual({ late: false, withinGrace: false, msLate: 0 });
    expect(judgeLateness(at('2023-11-17T00:00:41'), deadline, policy(undefined))).toEqual({ late: true, withinGrace: false, msLate: 41_001 });
  });

  it('counts work within the grace minutes as on time', () => {
    const grace = policy({ policy: 'reject', graceMinutes: 5 });
    expect(judgeLateness(at('2023-11-17T00:04:59'), deadline, grace)).toMatchObject({ late: false, withinGrace: true });
    expect(judgeLateness(at('2023-11-17T00:05:00'), deadline, grace)).toMatchObject({ late: true, withinGrace: false });
  });
});

describe('applyLatePolicy', () => {
  const late = (text: string, p: LatePolicy) => judgeLateness(at(text), deadline, p);
  // policy, submitted at, score before, expected score, periods, penalty
  const cases: [string, unknown, string, number, number, number, number][] = [
    ['1 point per started hour, 41 s late', { policy: 'penalty', per: 'hour', points: 1 }, '2023-11-17T00:00:41', 10, 9, 1, 1],
    ['1 point per started hour, exactly 2 h late', { policy: 'penalty', per: 'hour', points: 1 }, '2023-11-17T01:59:59.999', 10, 8, 2, 2],
    ['1 point per started hour, just over 2 h', { policy: 'penalty', per: 'hour', points: 1 }, '2023-11-17T02:00:00', 10, 7, 3, 3],
    ['10% of 10 per started day, 30 h late', { policy: 'penalty', per: 'day', percent: 10 }, '2023-11-18T06:00:00', 10, 8, 2, 2],
    ['floor 4', { policy: 'penalty', per: 'day', points: 3 }, '2023-11-20T12:00:00', 10, 0, 4, 10],
    ['floor 4 applied', { policy: 'penalty', per: 'day', points: 3, floor: 4 }, '2023-11-20T12:00:00', 10, 4, 4, 6],
    ['a score under the floor stays', { policy: 'penalty', per: 'day', points: 3, floor: 4 }, '2023-11-20T12:00:00', 2.5, 2.5, 4, 0],
    ['grace does not shift the count', { policy: 'penalty', per: 'hour', points: 1, graceMinutes: 10 }, '2023-11-17T00:11:00', 7.5, 6.5, 1, 1],
    ['fractions round to 0.01', { policy: 'penalty', per: 'hour', percent: 3.333 }, '2023-11-17T00:30:00', 7, 6.67, 1, 0.33],
  ];
  it.each(cases)('%s', (_name, input, when, before, score, periods, penalty) => {
    const p = policy(input);
    const result = applyLatePolicy(before, 10, late(when, p), p);
    expect(result.score).toBe(score);
    expect(result.effect).toMatchObject({ policy: 'penalty', periods, penalty, scoreBeforePenalty: before });
  });

  it('gives 0 under reject', () => {
    const p = policy(undefined);
    expect(applyLatePolicy(10, 10, late('2023-11-17T00:00:41', p), p)).toEqual({
      score: 0,
      effect: { policy: 'reject', minutesLate: 1, periods: 0, per: null, penalty: null, scoreBeforePenalty: null },
    });
  });
});

describe('describing the policy', () => {
  it('says it in one line and in the student comment', () => {
    expect(describeLatePolicy(policy(undefined))).toBe('reject late work (0 points)');
    expect(describeLatePolicy(policy({ policy: 'penalty', per: 'day', percent: 10, graceMinutes: 5 }))).toBe(
      'penalty: 10% of the maximum per started day late, floor 0 points, 5 min grace',
    );
    const p = policy({ policy: 'penalty', per: 'hour', points: 1 });
    const { effect } = applyLatePolicy(10, 10, judgeLateness(at('2023-11-17T00:00:41'), deadline, p), p);
    expect(lateNote(effect, '2023-11-16 23:59')).toBe('締め切り(2023-11-16 23:59)から 1 時間以内の遅れ(1 分)のため 1 点減点しました(減点前 10 点)。');
  });
});

describe('late: in a rubric file', () => {
  it('names the path and suggests near keys', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parse } = await import('yaml');
    const { validateRubric } = await import('../../src/core/rubric/validate.js');
    const data = parse(await readFile(new URL('../../rubrics/kadai4.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(validateRubric({ ...data, late: { policy: 'penalty', per: 'day', points: 1 } }, 'r.yaml').late).toMatchObject({ policy: 'penalty', graceMinutes: 0 });
    expect(() => validateRubric({ ...data, late: { policy: 'penalty', pre: 'day', points: 1 } }, 'r.yaml')).toThrow(/late\.pre: unknown key\. Did you mean "per"\?/);
    expect(() => validateRubric({ ...data, late: { policy: 'penalty', points: 1 } }, 'r.yaml')).toThrow('late.per: policy penalty needs per: hour or per: day');
  });
});
