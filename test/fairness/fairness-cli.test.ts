/**
 * The fairness suite: fixtures/fairness/ (written by test/fixtures/make-fairness.ts) graded through the
 * real CLI, every criterion and flag compared with what a careful TA gives (fixtures/fairness.md).
 * Honest variants keep their points and carry no accusatory flag; each mistake is charged once, by the
 * criterion it belongs to; a notebook never run gets one explanation.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { ResultsJson } from '../../src/report/results-json.js';
import { unencodableInCp932 } from '../../src/report/encode.js';
import { FIXTURES, grade } from '../helpers/cli.js';

type Row = ResultsJson['rows'][number];

/** Flags that say or suggest that a student did something dishonest (README "Integrity flags"). */
const ACCUSATORY = ['suspected-copy', 'impossible-log-values', 'summary-mismatch', 'epochs-mismatch', 'colab-user-mismatch', 'colab-multiple-users', 'executed-after-submission', 'executed-after-deadline'];

/** Full marks per criterion of rubrics/kadai4.yaml. */
const FULL = { executed: 2, 'data-shapes': 1, preprocessing: 2, 'one-hot': 1, 'model-architecture': 2, 'compile-settings': 2, 'model-summary': 2, 'summary-matches-code': 1, 'fit-settings': 1, training: 2, accuracy: 1, predictions: 2, 'image-shown': 1 };
type Points = Partial<Record<keyof typeof FULL, number>>;

interface Verdict {
  /** Criteria that lose points (all others: full marks). */
  lost?: Points;
  /** The criterion charged for the mistake, for each criterion that keeps its points only because of it. */
  chargedBy?: Partial<Record<keyof typeof FULL, string>>;
  flags?: string[];
}

/** What a careful TA gives each notebook of the fairness class. */
const VERDICTS: Record<string, Verdict> = {
  '2399101': {}, // fit(x_train, y_train, 64, 30, 1, None, 0.2)
  '2399102': {}, // **cfg
  '2399103': {}, // EPOCHS = 30 …
  '2399104': {}, // functional API
  '2399105': {}, // Keras 3
  '2399106': {}, // verbose=2
  '2399107': {}, // Keras 2.2, acc / val_acc, samples
  '2399108': {}, // a plot of x_train[0], the same bytes as 2399109's
  '2399109': {},
  '2399110': { flags: ['suspected-copy'] },
  '2399111': { flags: ['colab-user-mismatch', 'suspected-copy'] },
  '2399112': { flags: ['execution-out-of-order'] },
  '2399113': { lost: { 'compile-settings': 1.5 }, chargedBy: { accuracy: 'compile-settings', predictions: 'compile-settings' } },
  '2399114': {}, // a Trainer class
  '2399115': { lost: { 'fit-settings': 0.5 }, chargedBy: { training: 'fit-settings' } },
  '2399116': { lost: { training: 1 }, chargedBy: { executed: 'training' } },
  '2399117': { lost: { 'compile-settings': 1.5 }, chargedBy: { accuracy: 'compile-settings' } },
  '2399118': { lost: { preprocessing: 1.5 }, chargedBy: { accuracy: 'preprocessing' } },
  '2399119': {
    lost: { executed: 0, 'data-shapes': 0, preprocessing: 1.5, 'one-hot': 0.5, 'model-summary': 0, 'summary-matches-code': 0, training: 0, accuracy: 0, predictions: 1, 'image-shown': 0 },
  },
  '2399120': { lost: { 'model-architecture': 1 }, chargedBy: { 'model-summary': 'model-architecture' } },
};

let dir: string;
let rows: Row[];
let csv: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fairness-'));
  const result = await grade([
    join(FIXTURES, 'fairness'),
    '--deadline',
    '2023-11-16T23:59',
    '--submission-times',
    join(FIXTURES, 'fairness-submission-times.csv'),
    '--out',
    join(dir, 'grades.csv'),
    '--json',
    join(dir, 'results.json'),
    '--encoding',
    'cp932',
  ]);
  expect(result.stderr).not.toMatch(/Error|error:/);
  expect(result.code).toBe(0);
  rows = (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsJson).rows;
  csv = iconv.decode(readFileSync(join(dir, 'grades.csv')), 'cp932');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fairness class, graded as a careful TA would', () => {
  it('has a verdict for every notebook', () => {
    expect(rows.map((r) => r.studentId).sort()).toEqual(Object.keys(VERDICTS).sort());
  });

  it.each(Object.entries(VERDICTS))('%s: points per criterion', (id, verdict) => {
    const row = rows.find((r) => r.studentId === id)!;
    const points = Object.fromEntries((row.criteria ?? []).map((c) => [c.id, c.points]));
    expect(points).toEqual({ ...FULL, ...verdict.lost });
    expect(row.score).toBe(Object.values({ ...FULL, ...verdict.lost }).reduce((a, b) => a + b, 0));
  });

  it.each(Object.entries(VERDICTS))('%s: a criterion that keeps its points names where the mistake was charged', (id, verdict) => {
    const row = rows.find((r) => r.studentId === id)!;
    const kept = Object.fromEntries(
      (row.criteria ?? []).flatMap((c) => {
        const by = c.findings.find((f) => f.chargedBy?.keepsPoints)?.chargedBy?.criterion;
        return by && c.points === c.maxPoints ? [[c.id, by]] : [];
      }),
    );
    expect(kept).toEqual(verdict.chargedBy ?? {});
  });

  it.each(Object.entries(VERDICTS))('%s: accusatory flags only with evidence an honest run cannot produce', (id, verdict) => {
    const row = rows.find((r) => r.studentId === id)!;
    const flags = row.flags.filter((f) => ACCUSATORY.includes(f) || f === 'execution-out-of-order');
    expect(flags).toEqual(verdict.flags ?? []);
  });

  it('finds the real copy by its training log, not by the dataset image every notebook shows', () => {
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsJson;
    const clusters = json.integrity?.clusters ?? [];
    expect(clusters.map((c) => [c.kind, c.members.map((m) => m.studentId)])).toEqual(
      expect.arrayContaining([['training-log', ['2399110', '2399111']]]),
    );
    expect(clusters.filter((c) => c.kind === 'image')).toEqual([]);
  });

  it('gives a notebook never run one explanation, and a full-marks notebook one line', () => {
    const unrun = rows.find((r) => r.studentId === '2399119')!;
    expect(unrun.comment.match(/実行されていません/g)).toHaveLength(1);
    expect(unrun.comment).not.toMatch(/見当たりません/);
    expect(unrun.comment.length).toBeLessThan(400);
    expect(rows.find((r) => r.studentId === '2399101')!.comment).toBe('20/20 点。すべての項目を満たしています。');
  });

  it('writes comments that CP932 holds whole, in Japanese, without internals', () => {
    for (const row of rows) {
      expect(unencodableInCp932(row.comment), row.file).toEqual([]);
      expect(row.comment).not.toMatch(/seed|wasm|reference|\.json|threshold|−/i);
    }
    expect(csv).not.toMatch(/\?/);
  });
});
