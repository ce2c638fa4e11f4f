/** The check tester checks the tests themselves, as ESLint's RuleTester does. */
import { describe, expect, it } from 'vitest';
import check from '../../src/core/checks/image-shown.js';
import { caseProblems, runCheck } from './check-tester.js';
import { lecture } from './evidence-builders.js';

describe('check-tester', () => {
  it('refuses an invalid case that lists no findings', () => {
    expect(caseProblems(check, { name: 'empty', input: lecture(), findings: [] })).toEqual(['Invalid case "empty" must list at least one finding.']);
  });

  it('refuses a messageId the check does not define, and lists those it does', () => {
    expect(caseProblems(check, { name: 'typo', input: lecture(), findings: [{ messageId: 'noImages' }] })).toEqual([
      'Invalid case "typo" names unknown messageId "noImages"; image-shown has: noImshow, noImage.',
    ]);
  });

  it('parses options with the check schema, as the rubric loader does', () => {
    expect(() => runCheck(check, lecture(), { unknown: true })).toThrow();
  });
});
