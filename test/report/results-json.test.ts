import { describe, expect, it } from 'vitest';
import { latePolicySchema } from '../../src/core/rubric/schema.js';
import { resultsJson, resultsJsonText, RESULTS_JSON_VERSION, type ResultsSource } from '../../src/report/results-json.js';
import type { GradeRow } from '../../src/types.js';

const row: GradeRow = {
  studentId: '2312006', name: '伊藤大輔', file: '2312006_伊藤大輔_4.ipynb', sha256: 'd'.repeat(64), submittedAt: '2023-11-17 01:30:00',
  timeSource: 'submission-times', status: 'late', score: 6, maxScore: 10,
  criteria: [
    { id: 'executed', title: '実行', points: 2, maxPoints: 2, status: 'met', findings: [], feedback: null },
    { id: 'model-summary', title: 'モデル', points: 3, maxPoints: 3, status: 'not-met', findings: [{ messageId: 'params', message: 'セル 5 の出力: 50890', at: { cell: 4, line: 12 }, cost: 1, detail: 'from the summary table' }, { messageId: 'none', message: 'x', cost: 0.5, chargedBy: { criterion: 'executed', title: '実行', keepsPoints: true } }], feedback: 'Dense(32)', hidden: true },
  ],
  flags: ['override'], reason: null, comment: '…', notebook: null, evidence: null,
  deadline: '2023-11-16 23:59', extension: { deadline: '2023-11-16 23:59', reason: '再提出', line: 2 },
  late: { policy: 'penalty', minutesLate: 91, periods: 2, per: 'hour', penalty: 2, scoreBeforePenalty: 8 },
  overrides: [{ criterion: 'model-summary', from: 0, to: 3, reason: 'Dense(64) も可', grader: '田中', line: 2, stale: false }],
  primary: true,
};

const run: ResultsSource = {
  rubricTitle: '第4回', criteria: [{ id: 'executed', title: '実行', points: 2 }, { id: 'model-summary', title: 'モデル', points: 3 }], maxScore: 10,
  deadline: '2023-11-16 23:59', tz: 'Asia/Tokyo', expectedSource: 'computed', latePolicy: latePolicySchema.parse({ policy: 'penalty', per: 'hour', points: 1 }),
  rows: [row], warnings: ['w'],
};

describe('resultsJson', () => {
  it('has a version, the rubric, the deadline, the policy and one object per row', () => {
    const json = resultsJson(run);
    expect(json.version).toBe(RESULTS_JSON_VERSION);
    expect(json.rubric).toEqual({ title: '第4回', maxScore: 10, criteria: run.criteria, late: { policy: 'penalty', per: 'hour', points: 1, graceMinutes: 0 } });
    expect([json.deadline, json.tz, json.expectedSource, json.warnings]).toEqual(['2023-11-16 23:59', 'Asia/Tokyo', 'computed', ['w']]);
    expect(json.rows).toHaveLength(1);
  });

  it('gives findings with their location, overrides per criterion and late effects', () => {
    const out = resultsJson(run).rows[0];
    expect(out?.criteria?.[1]).toEqual({
      id: 'model-summary', title: 'モデル', points: 3, maxPoints: 3, status: 'not-met', hidden: true, feedback: 'Dense(32)',
      findings: [
        { messageId: 'params', message: 'セル 5 の出力: 50890', at: { cell: 4, line: 12 }, cost: 1, charged: true, chargedBy: null, detail: 'from the summary table' },
        { messageId: 'none', message: 'x', at: null, cost: 0.5, charged: false, chargedBy: { criterion: 'executed', title: '実行', keepsPoints: true }, detail: null },
      ],
      override: row.overrides[0],
    });
    expect(out?.criteria?.[0]?.override).toBeNull();
    expect(out).toMatchObject({ status: 'late', primary: true, score: 6, late: row.late, extension: row.extension, sha256: 'd'.repeat(64), flags: ['override'] });
    expect(out).not.toHaveProperty('notebook');
    expect(out).not.toHaveProperty('evidence');
  });

  it('is deterministic text ending in a newline', () => {
    expect(resultsJsonText(run)).toBe(resultsJsonText(structuredClone(run)));
    expect(resultsJsonText(run).endsWith('}\n')).toBe(true);
  });
});
