/**
 * --roster (every student on the class list has a row: a student without a submission is `missing`, 0
 * points) and --hold (suspected copies, or every row that needs review, keep empty cells in the filled
 * answer.csv until an override decides them), through the built CLI on the fairness class.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsJson } from '../../src/report/results-json.js';
import { FIXTURES, grade } from '../helpers/cli.js';

const ANSWERS = [
  '"第4回 課題 (MLP) 成績データ",,,,,',
  'ユーザID,学籍番号,氏名,点数,コメント,回答日時',
  'u1,2399101,正木一花,,,',
  'u2,2399110,寺田悠真,,,',
  'u3,2399111,村井蓮,,,',
  'u4,2399199,未提出花子,,,',
  '',
].join('\r\n');

let dir: string;
const args = (extra: string[]): string[] => [
  join(FIXTURES, 'fairness'), '--deadline', '2023-11-16T23:59', '--submission-times', join(FIXTURES, 'fairness-submission-times.csv'),
  '--out', join(dir, 'grades.csv'), '--json', join(dir, 'results.json'), '--answers', join(dir, 'answer.csv'), '--roster', join(dir, 'answer.csv'), ...extra,
];
const filledRows = async (): Promise<string[][]> => iconv.decode(await readFile(join(dir, 'answer.filled.csv')), 'cp932').split('\r\n').map((line) => line.split(','));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-hold-'));
  await writeFile(join(dir, 'answer.csv'), iconv.encode(ANSWERS, 'cp932'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('--roster and --hold', () => {
  it('gives a roster student with no submission a row everywhere: missing, 0 points, 未提出', async () => {
    const result = await grade(args([]));
    expect(result.code).toBe(0);
    const csv = await readFile(join(dir, 'grades.csv'), 'utf8');
    expect(csv).toMatch(/\r\n2399199,未提出花子,,,none,missing,0,20,(,){14}未提出\r\n/);
    const json = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsJson;
    expect(json.rows.find((r) => r.studentId === '2399199')).toMatchObject({ status: 'missing', score: 0, file: '', primary: true, comment: '未提出' });
    expect(json.rows.filter((r) => r.status === 'missing')).toHaveLength(1);
  });

  it('holds the suspected copies by default: their cells stay empty, and the summary says so', async () => {
    const result = await grade(args([]));
    expect(result.stdout).toContain('held (--hold copy; score and comment left empty until an override decides): 2399110, 2399111');
    const rows = await filledRows();
    expect(rows.find((r) => r[1] === '2399110')?.slice(3, 5)).toEqual(['', '']);
    expect(rows.find((r) => r[1] === '2399111')?.slice(3, 5)).toEqual(['', '']);
    expect(rows.find((r) => r[1] === '2399101')?.slice(3, 5)).toEqual(['20', '20/20 点。すべての項目を満たしています。']);
    expect(rows.find((r) => r[1] === '2399199')?.slice(3, 5)).toEqual(['0', '未提出']);
  });

  it('an override decides a held student; --hold none holds nobody', async () => {
    await writeFile(join(dir, 'overrides.csv'), 'student_id,criterion,points,reason,grader\r\n2399111,total,0,コピーを確認,TA 佐藤\r\n');
    await grade(args(['--overrides', join(dir, 'overrides.csv')]));
    let rows = await filledRows();
    expect(rows.find((r) => r[1] === '2399111')?.[3]).toBe('0');
    expect(rows.find((r) => r[1] === '2399110')?.slice(3, 5)).toEqual(['', '']);
    await grade(args(['--hold', 'none']));
    rows = await filledRows();
    expect(rows.find((r) => r[1] === '2399110')?.[3]).toBe('20');
  });
});
