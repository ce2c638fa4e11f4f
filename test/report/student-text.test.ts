/**
 * Every sentence a student can read — each check's message templates, the rubric's feedback, the comment's
 * own sentences — rendered and encoded in CP932 (WebClass's answer.csv): no character may become '?', and
 * none may name the grader's internals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checks } from '../../src/core/checks/index.js';
import { interpolate } from '../../src/core/checks/define-check.js';
import { commentFromFeedback, sameCauseSentence, studentFeedback, type FeedbackItem } from '../../src/core/comment/comment.js';
import { unencodableInCp932 } from '../../src/report/encode.js';
import { lateNote } from '../../src/core/rubric/late-policy.js';
import { overrideNote } from '../../src/core/comment/notes.js';
import type { GradeRow } from '../../src/types.js';

/** Words of the grader's inside that a student has no use for. */
const INTERNALS = /seed|backend|wasm|reference|\.json|tensorflow\.js|tfjs|parser|evidence|messageId|expected\.|\{\{/i;
/** What a template left unfilled looks like ('nan' is what Keras prints and the student sees). */
const UNFILLED = /undefined|null|NaN/;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function studentSafe(text: string): void {
  expect(unencodableInCp932(text), text).toEqual([]);
  expect(text, text).not.toMatch(INTERNALS);
  expect(text, text).not.toMatch(UNFILLED);
  expect(text, text).toMatch(JAPANESE);
}

/** Sample values of every placeholder the templates use. */
const SAMPLE: Record<string, string | number> = new Proxy({}, { get: (_t, key) => (key === 'where' ? 'セル 15 の出力' : '30'), has: () => true });

describe('student-facing text', () => {
  for (const check of Object.values(checks)) {
    it.each(Object.entries(check.messages))(`${check.id}: %s`, (_id, template) => studentSafe(interpolate(template, SAMPLE)));
  }

  it("the kadai4 rubric's titles and feedback", () => {
    const rubric = parseYaml(readFileSync(new URL('../../rubrics/kadai4.yaml', import.meta.url), 'utf8')) as { criteria: { title: string; feedback?: { ja: string } }[] };
    for (const criterion of rubric.criteria) {
      expect(unencodableInCp932(criterion.title)).toEqual([]);
      if (criterion.feedback) studentSafe(criterion.feedback.ja);
    }
  });

  const reason = (status: GradeRow['status']): string => (status === 'superseded' ? '2312004_高橋美咲_4 (1).ipynb' : 'The file is not valid JSON: the text ends unexpectedly');
  const row = (status: GradeRow['status']): Omit<GradeRow, 'comment'> =>
    ({ status, score: 20, maxScore: 20, criteria: [], submittedAt: '2023-11-17 00:00:41', reason: reason(status), file: 'a.ipynb' }) as unknown as Omit<GradeRow, 'comment'>;

  it.each(['graded', 'late', 'superseded', 'not-a-notebook', 'unreadable'] as const)('the comment of a %s file', (status) => {
    const text = commentFromFeedback(studentFeedback(row(status), { deadline: '2023-11-16 23:59' }));
    studentSafe(text);
    expect(text).not.toMatch(/JSON|ends unexpectedly/);
  });

  it('the same-cause sentence, the late note and the override note', () => {
    const item = (id: string, lostBecauseOf: string | null): FeedbackItem => ({ id, title: 'データの読み込み', points: 0, maxPoints: 1, status: 'not-met', expected: null, found: [], chargedElsewhere: [], lostBecauseOf });
    studentSafe(sameCauseSentence([item('a', 'executed'), item('b', 'executed')], 'executed'));
    studentSafe(lateNote({ penalty: 2, per: 'day', periods: 1, minutesLate: 30, scoreBeforePenalty: 20 } as never, '2023-11-16 23:59'));
    const override = { criterion: 'executed', from: 0, to: 2, reason: '再提出を確認', grader: 'TA 山田' };
    studentSafe(overrideNote({ criteria: [{ id: 'executed', title: 'ノートブックの実行' }] } as never, override as never));
  });
});
