/**
 * A RuleTester for checks, after ESLint's: one table of valid and invalid cases per check.
 *
 *   testCheck(check, {
 *     valid: [{ name, input, options? }],
 *     invalid: [{ name, input, options?, findings: [{ messageId, cell? }], fraction?, unreadable? }],
 *   });
 *
 * Options go through the check's zod schema, as the rubric loader does. A valid case must give no
 * findings, full credit and no `unreadable`. An invalid case must list at least one finding, name only
 * messageIds the check defines, and get exactly those findings (in order; `cell` compared when given).
 * Every message must be fully interpolated.
 */
import { describe, expect, it } from 'vitest';
import { reporterFor, type Check } from '../../src/core/checks/define-check.js';
import { fractionLeft } from '../../src/core/rubric/score.js';
import type { CheckInput, CheckOutcome } from '../../src/types.js';

export interface ValidCase {
  name: string;
  input: CheckInput;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId: string;
  /** 0-based cell index of the finding's location. */
  cell?: number;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** The share of the criterion its findings leave (1 − their costs); when left out, not compared. */
  fraction?: number;
  /** True when the check must report its evidence as unreadable. */
  unreadable?: boolean;
}

export interface CheckCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export function runCheck(check: Check, input: CheckInput, options: Record<string, unknown> = {}): CheckOutcome {
  return check.run(input, check.options.parse(options), reporterFor(check));
}

/** What is wrong with a case's definition itself, before it is run. */
export function caseProblems(check: Check, invalid: InvalidCase): string[] {
  const problems: string[] = [];
  if (invalid.findings.length === 0) problems.push(`Invalid case "${invalid.name}" must list at least one finding.`);
  for (const { messageId } of invalid.findings) {
    if (!Object.hasOwn(check.messages, messageId)) {
      problems.push(`Invalid case "${invalid.name}" names unknown messageId "${messageId}"; ${check.id} has: ${Object.keys(check.messages).join(', ')}.`);
    }
  }
  return problems;
}

function duplicateNames(cases: CheckCases): string[] {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

/** The outcome's findings, keeping `cell` only where the case gives one. */
function comparable(outcome: CheckOutcome, wanted: ExpectedFinding[]): ExpectedFinding[] {
  return outcome.findings.map((finding, i) => {
    const withCell = wanted[i]?.cell !== undefined;
    return withCell ? { messageId: finding.messageId, cell: finding.at?.cell ?? -1 } : { messageId: finding.messageId };
  });
}

export function testCheck(check: Check, cases: CheckCases): void {
  describe(check.id, () => {
    it('has no duplicate case names', () => {
      expect(duplicateNames(cases)).toEqual([]);
    });

    it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, valid) => {
      const outcome = runCheck(check, valid.input, valid.options);
      expect(outcome.findings.map((f) => f.message)).toEqual([]);
      expect(outcome.unreadable).toBeUndefined();
      expect(fractionLeft(outcome.findings)).toBe(1);
    });

    it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, invalid) => {
      expect(caseProblems(check, invalid)).toEqual([]);
      const outcome = runCheck(check, invalid.input, invalid.options);
      expect(outcome.findings.length, 'an invalid case must yield findings').toBeGreaterThan(0);
      expect(comparable(outcome, invalid.findings)).toEqual(invalid.findings);
      for (const finding of outcome.findings) expect(finding.message).not.toMatch(/\{\{/);
      expect(outcome.unreadable !== undefined, `unreadable: ${outcome.unreadable}`).toBe(invalid.unreadable ?? false);
      for (const finding of outcome.findings) expect(finding.cost).toBeGreaterThan(0);
      if (invalid.fraction !== undefined) expect(fractionLeft(outcome.findings)).toBeCloseTo(invalid.fraction, 6);
    });
  });
}
