/**
 * End to end: run the built CLI (dist/cli.js, built by `npm test`) on fixtures/submissions and check
 * every file's row. The expected rows are the fixtures' documented outcomes (fixtures/README.md).
 */
import { copyFile, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade, type CliResult } from '../helpers/cli.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const DEADLINE = '2023-11-16T23:59';
/** File times for copied fixtures (a copy's mtime would be now: late). */
const ON_TIME = new Date('2023-11-16T12:00:00+09:00');
/** The criteria of rubrics/kadai4.yaml: one CSV column each, in rubric order. */
const CRITERIA = [
  'executed', 'data-shapes', 'preprocessing', 'one-hot', 'model-architecture', 'compile-settings',
  'model-summary', 'summary-matches-code', 'fit-settings', 'training', 'accuracy', 'predictions', 'image-shown',
];


type Row = Record<string, string>;

function readCsv(bytes: Buffer, encoding: 'utf8' | 'cp932' = 'utf8'): Row[] {
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
  return parse(text, { columns: true, bom: true }) as Row[];
}

describe('grade fixtures/submissions', () => {
  let result: CliResult;
  let rows: Row[];
  let raw: Buffer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grade-e2e-'));
    result = await grade([
      join(FIXTURES, 'submissions'),
      '--deadline', DEADLINE,
      '--submission-times', join(FIXTURES, 'submission-times.csv'),
      '--out', join(dir, 'grades.csv'),
    ]);
    raw = await readFile(join(dir, 'grades.csv'));
    rows = readCsv(raw);
  });

  it('exits 1 because some files could not be graded, and still writes every row', () => {
    expect(result.code).toBe(1);
    expect(rows).toHaveLength(16);
    expect(result.stdout).toContain('status: graded 11, late 1, not-a-notebook 1, superseded 1, unreadable 2');
  });

  it('writes UTF-8 with a BOM, CRLF line ends and the documented header', () => {
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'student_id', 'name', 'file', 'submitted_at', 'time_source', 'status', 'score', 'max_score',
      ...CRITERIA, 'flags', 'comment',
    ]);
  });

  // student_id, file, status, score, [points per criterion, in CRITERIA order], time_source
  const FULL = ['2', '1', '2', '1', '2', '2', '2', '1', '1', '2', '1', '2', '1'];
  const NONE = CRITERIA.map(() => '');
  const expected: [string, string, string, string, string[], string][] = [
    ['2312001', '2312001_山田太郎_4.ipynb', 'graded', '20', FULL, 'submission-times'],
    ['2312002', '2312002_佐藤花子_4.ipynb', 'graded', '20', FULL, 'submission-times'],
    ['2312003', '2312003_鈴木一郎_4.ipynb', 'late', '0', NONE, 'submission-times'],
    ['2312004', '2312004_高橋美咲_4 (1).ipynb', 'graded', '20', FULL, 'submission-times'],
    ['2312004', '2312004_高橋美咲_4.ipynb', 'superseded', '0', NONE, 'submission-times'],
    // never run: only what the (correct) code earns — model, compile and fit settings, the code parts
    // of preprocessing (2 × 2/3 → 1.5), one-hot (1 × 1/2) and predictions (2 × 2/4); no log, so no accuracy
    ['2312005', '2312005_田中健_4.ipynb', 'graded', '8', ['0', '0', '1.5', '0.5', '2', '2', '0', '0', '1', '0', '0', '1', '0'], 'submission-times'],
    // Dense(64): charged once, by the architecture; the summary shows the student's own model (its counts follow)
    ['2312006', '2312006_伊藤大輔_4.ipynb', 'graded', '19', ['2', '1', '2', '1', '1', '2', '2', '1', '1', '2', '1', '2', '1'], 'submission-times'],
    // epochs=10: charged once, by the fit settings (1 × 2/3 → 0.5); the log is complete for the fit that ran
    ['2312007', '2312007_渡辺さくら_4.ipynb', 'graded', '19.5', ['2', '1', '2', '1', '2', '2', '2', '1', '0.5', '2', '1', '2', '1'], 'submission-times'],
    ['2312008', '2312008_山本翔_4.ipynb', 'unreadable', '0', NONE, 'submission-times'],
    ['2312009', '2312009_中村優_4.py', 'not-a-notebook', '0', NONE, 'submission-times'],
    ['2312010', '2312010_吉田ジョージ_4.ipynb', 'graded', '20', FULL, 'submission-times'],
    ['2312011', 'webclass_report_download.zip/2312011_山口陽菜_4.ipynb', 'graded', '20', FULL, 'zip-entry'],
    ['2312012', 'webclass_report_download.zip/2312012_松本蓮_4.ipynb', 'graded', '20', FULL, 'zip-entry'],
    ['2312013', '2312013_井上真央_4.ipynb', 'unreadable', '0', NONE, 'submission-times'],
    ['2312014', '2312014_木村拓也_4.ipynb', 'graded', '20', FULL, 'submission-times'],
    ['2312015', 'kadai4.ipynb', 'graded', '20', FULL, 'submission-times'],
  ];

  it('sorts rows by student id, then file', () => {
    expect(rows.map((r) => [r.student_id, r.file])).toEqual(expected.map(([id, file]) => [id, file]));
  });

  it.each(expected)('%s %s → %s, %s points', (id, file, status, score, criteria, timeSource) => {
    const row = rows.find((r) => r.file === file && r.student_id === id);
    expect(row).toBeDefined();
    expect(row?.status).toBe(status);
    expect(row?.score).toBe(score);
    expect(row?.max_score).toBe('20');
    expect(CRITERIA.map((id) => row?.[id])).toEqual(criteria);
    expect(row?.time_source).toBe(timeSource);
  });

  it('reads the Japanese name from NFD and CP932 file names, in NFC', () => {
    expect(rows.find((r) => r.student_id === '2312010')?.name).toBe('吉田ジョージ');
    expect(rows.find((r) => r.student_id === '2312011')?.name).toBe('山口陽菜');
  });

  it('takes submission times from the list, or from the zip entry in JST', () => {
    expect(rows.find((r) => r.student_id === '2312003')?.submitted_at).toBe('2023-11-17 00:00:41');
    expect(rows.find((r) => r.student_id === '2312011')?.submitted_at).toBe('2023-11-16 19:12:40');
  });

  it('explains what was not met, with the cell, in Japanese', () => {
    const dense64 = rows.find((r) => r.student_id === '2312006');
    // the summary's counts follow from the architecture: not repeated to the student
    expect(dense64?.comment).not.toContain('50890');
    expect(dense64?.comment).toMatch(/セル \d+ の \d+ 行目: 1 番目の層のユニット数は 64 でした\(期待値 32\)/);
    const tenEpochs = rows.find((r) => r.student_id === '2312007');
    expect(tenEpochs?.comment).toMatch(/セル \d+ の \d+ 行目: epochs は 10 でした\(期待値 30\)/);
    expect(tenEpochs?.comment).not.toMatch(/学習ログ/);
    // never run: one explanation, and the criteria it leaves without evidence named once
    const unrun = rows.find((r) => r.student_id === '2312005')?.comment ?? '';
    expect(unrun).toMatch(/【ノートブックの実行 0\/2】ノートブックが実行されていません/);
    expect(unrun).toMatch(/同じ理由で、次の項目も点が引かれています: データの読み込み 0\/1、.*画像の表示 0\/1。$/);
    expect(rows.find((r) => r.student_id === '2312003')?.comment).toContain('締め切り(2023-11-16 23:59)後の提出');
  });

  it('flags a file whose name gave no student id, and takes the id and name from the submission list', () => {
    const row = rows.find((r) => r.file === 'kadai4.ipynb');
    expect(row?.flags?.split(' ')).toEqual(expect.arrayContaining(['name-unrecognised', 'id-from-submission-times']));
    expect(row?.name).toBe('小林陽太');
  });

  it('gives the same bytes on a rerun', async () => {
    const again = join(dir, 'again.csv');
    await grade([join(FIXTURES, 'submissions'), '--deadline', DEADLINE, '--submission-times', join(FIXTURES, 'submission-times.csv'), '--out', again]);
    expect((await readFile(again)).equals(raw)).toBe(true);
  });
});

describe('grade: other inputs and options', () => {
  it('grades a zip given directly and exits 0 when every file was graded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-zip-'));
    const out = join(dir, 'g.csv');
    const result = await grade([join(FIXTURES, 'submissions', 'webclass_report_download.zip'), '--deadline', DEADLINE, '--out', out]);
    expect(result.code).toBe(0);
    const rows = readCsv(await readFile(out));
    expect(rows.map((r) => [r.student_id, r.status, r.score, r.time_source])).toEqual([
      ['2312011', 'graded', '20', 'zip-entry'],
      ['2312012', 'graded', '20', 'zip-entry'],
    ]);
  });

  it('writes CP932 with --encoding cp932', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-cp932-'));
    await copyFile(join(FIXTURES, 'submissions', '2312001_山田太郎_4.ipynb'), join(dir, '2312001_山田太郎_4.ipynb'));
    await utimes(join(dir, '2312001_山田太郎_4.ipynb'), ON_TIME, ON_TIME);
    const out = join(dir, 'g.csv');
    const result = await grade([dir, '--deadline', DEADLINE, '--out', out, '--encoding', 'cp932']);
    expect(result.code).toBe(0);
    const bytes = await readFile(out);
    expect(bytes[0]).not.toBe(0xef);
    const row = readCsv(bytes, 'cp932')[0];
    expect(row?.name).toBe('山田太郎');
    expect([row?.status, row?.time_source, row?.flags]).toEqual(['graded', 'file-mtime', 'time-unverified']);
  });

  it('neutralises a file name that starts like a formula', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-inject-'));
    await writeFile(join(dir, '=HYPERLINK("x")_4.ipynb'), '{}');
    await utimes(join(dir, '=HYPERLINK("x")_4.ipynb'), ON_TIME, ON_TIME);
    const out = join(dir, 'g.csv');
    await grade([dir, '--deadline', DEADLINE, '--out', out]);
    const row = readCsv(await readFile(out))[0];
    expect(row?.file?.startsWith("'=")).toBe(true);
    expect(row?.status).toBe('unreadable');
  });

  it('exits 2 with a usage message when the deadline is missing or unreadable', async () => {
    const missing = await grade([join(FIXTURES, 'submissions')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('deadline');
    const bad = await grade([join(FIXTURES, 'submissions'), '--deadline', 'next friday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read the deadline');
  });

  it('exits 2 and names the path of a rubric error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-rubric-'));
    const rubric = (await readFile(join(FIXTURES, '../rubrics/kadai4.yaml'), 'utf8')).replace('check: data-shapes', 'check: data-shape');
    await writeFile(join(dir, 'bad.yaml'), rubric);
    const result = await grade([join(FIXTURES, 'submissions'), '--deadline', DEADLINE, '--rubric', join(dir, 'bad.yaml'), '--out', join(dir, 'g.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('criteria[1].check: unknown check "data-shape". Did you mean "data-shapes"?');
  });

  it('shows examples and exit codes in --help', async () => {
    const result = await grade(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('grade ./submissions --deadline 2023-11-16T23:59');
    expect(result.stdout).toContain('Exit codes');
  });
});
