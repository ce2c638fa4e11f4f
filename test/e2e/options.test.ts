/**
 * End to end for the options around grading: the rubric's late policy, --extensions, --overrides
 * (and --overrides-template), --answers (WebClass's answer.csv round trip) and --json. Runs the built CLI
 * (dist/cli.js, built by `npm test`) on copies of fixtures in temp folders. Expectations are relative to
 * the rubric's own maximum and to the automatic scores, so they hold when criteria change.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade, type CliResult } from '../helpers/cli.js';
import { answerCsvCp932, answerCsvUtf8, bytesOutsideCells } from '../helpers/answer-csv.js';
import { tokenizeCsv, fieldBytes } from '../../src/report/csv-spans.js';
import type { ResultsJson } from '../../src/report/results-json.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'fixtures');
const SUBMISSIONS = join(FIXTURES, 'submissions');
const TIMES = join(FIXTURES, 'submission-times.csv');
const DEADLINE = '2023-11-16T23:59';


type Row = Record<string, string>;
const readCsv = async (file: string): Promise<Row[]> => parse(await readFile(file, 'utf8'), { columns: true, bom: true }) as Row[];
const flagsOf = (row: Row): string[] => (row.flags ?? '').split(' ').filter(Boolean);
/** Each CLI run loads TensorFlow.js to build the rubric's model: seconds, not milliseconds. */
const SLOW = { timeout: 120_000 };
const rowOf = (rows: Row[], id: string): Row => {
  const row = rows.find((r) => r.student_id === id && r.status !== 'superseded');
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

/**
 * A temp folder `dir` with some fixture notebooks (submission times come from the fixtures' list), and a
 * folder `work` beside it for option files and outputs: every file in `dir` is graded.
 */
async function folderWith(files: string[]): Promise<{ dir: string; work: string }> {
  const root = await mkdtemp(join(tmpdir(), 'grade-options-'));
  const dir = join(root, 'submissions');
  const work = join(root, 'work');
  await mkdir(dir);
  await mkdir(work);
  await Promise.all(files.map((f) => copyFile(join(SUBMISSIONS, f), join(dir, f))));
  return { dir, work };
}

/** The rubrics folder copied (the rubric names files next to it), with the `late:` block replaced. */
async function rubricWithLate(late: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'grade-rubric-'));
  for (const name of await readdir(join(ROOT, 'rubrics'))) await copyFile(join(ROOT, 'rubrics', name), join(dir, name));
  const text = await readFile(join(dir, 'kadai4.yaml'), 'utf8');
  const replaced = text.replace(/^late:\n(?:[ #].*\n)*/m, `${late}\n\n`);
  expect(replaced).not.toBe(text);
  await writeFile(join(dir, 'kadai4.yaml'), replaced);
  return join(dir, 'kadai4.yaml');
}

describe('late policy in the rubric', SLOW, () => {
  it('under a penalty policy grades late work and takes points off per started hour', async () => {
    const { dir, work } = await folderWith(['2312001_山田太郎_4.ipynb', '2312003_鈴木一郎_4.ipynb']);
    const rubric = await rubricWithLate('late:\n  policy: penalty\n  per: hour\n  points: 1.5');
    const result = await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--rubric', rubric, '--out', join(work, 'g.csv'), '--json', join(work, 'r.json')]);
    expect(result.code).toBe(0);
    const rows = await readCsv(join(work, 'g.csv'));
    const late = rowOf(rows, '2312003');
    const json = JSON.parse(await readFile(join(work, 'r.json'), 'utf8')) as ResultsJson;
    const lateJson = json.rows.find((r) => r.studentId === '2312003');
    expect(late.status).toBe('late');
    expect(lateJson?.late).toMatchObject({ policy: 'penalty', minutesLate: 1, periods: 1, per: 'hour', penalty: 1.5 });
    expect(Number(late.score)).toBe((lateJson?.late?.scoreBeforePenalty ?? 0) - 1.5);
    expect(late.comment).toMatch(/^締め切り\(2023-11-16 23:59\)から 1 時間以内の遅れ\(1 分\)のため 1\.5 点減点しました/);
    expect(json.rubric.late).toEqual({ policy: 'penalty', per: 'hour', points: 1.5, graceMinutes: 0 });
  });

  it('counts work within the grace minutes as on time', async () => {
    const { dir, work } = await folderWith(['2312003_鈴木一郎_4.ipynb']);
    const rubric = await rubricWithLate('late:\n  policy: reject\n  graceMinutes: 2');
    await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--rubric', rubric, '--out', join(work, 'g.csv')]);
    const row = rowOf(await readCsv(join(work, 'g.csv')), '2312003');
    expect(row.status).toBe('graded');
    expect(flagsOf(row)).toContain('within-grace');
  });

  it('exits 2 naming the path of a bad late policy', async () => {
    const rubric = await rubricWithLate('late:\n  policy: penalty\n  per: week\n  points: 1');
    const result = await grade([SUBMISSIONS, '--deadline', DEADLINE, '--rubric', rubric, '--out', join(tmpdir(), 'never.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('late.per:');
  });
});

describe('--extensions', SLOW, () => {
  it('gives a student their own deadline, says so, and warns about unused rows', async () => {
    const { dir, work } = await folderWith(['2312001_山田太郎_4.ipynb', '2312003_鈴木一郎_4.ipynb']);
    await writeFile(join(work, 'ext.csv'), iconv.encode('学籍番号,締め切り,理由\r\n2312003,2023/11/17 23:59,体調不良\r\n2399999,2023-11-20,\r\n', 'cp932'));
    const result = await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--extensions', join(work, 'ext.csv'), '--out', join(work, 'g.csv'), '--json', join(work, 'r.json')]);
    expect(result.code).toBe(0);
    const row = rowOf(await readCsv(join(work, 'g.csv')), '2312003');
    expect([row.status, row.flags]).toEqual(['graded', 'extended-deadline']);
    expect(row.comment).toContain('提出期限は個別に 2023/11/17 23:59 まで延長されています。');
    expect(result.stderr).toContain('warning: extensions, line 3: no submission from 2399999');
    const json = JSON.parse(await readFile(join(work, 'r.json'), 'utf8')) as ResultsJson;
    expect(json.rows.find((r) => r.studentId === '2312003')).toMatchObject({ deadline: '2023/11/17 23:59', extension: { deadline: '2023/11/17 23:59', reason: '体調不良', line: 2 } });
  });

  it('exits 2 for an unreadable deadline', async () => {
    const { dir, work } = await folderWith(['2312001_山田太郎_4.ipynb']);
    await writeFile(join(work, 'ext.csv'), 'student_id,deadline\n2312001,someday\n');
    const result = await grade([dir, '--deadline', DEADLINE, '--extensions', join(work, 'ext.csv'), '--out', join(work, 'g.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('extensions, line 2: cannot read the deadline "someday"');
    expect(existsSync(join(work, 'g.csv'))).toBe(false);
  });
});

describe('--overrides', SLOW, () => {
  const files = ['2312006_伊藤大輔_4.ipynb', '2312008_山本翔_4.ipynb', '2312001_山田太郎_4.ipynb'];

  it('applies criterion and total overrides, flags stale ones, and never writes the overrides file', async () => {
    const { dir, work } = await folderWith(files);
    const base = join(work, 'base.csv');
    await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--out', base, '--overrides-template', join(work, 'template.csv')]);
    const before = rowOf(await readCsv(base), '2312006');
    const template = await readCsv(join(work, 'template.csv'));
    expect(template.map((r) => [r.student_id, r.score])).toEqual([['2312001', rowOf(await readCsv(base), '2312001').score], ['2312006', before.score], ['2312008', '0']]);
    const criterion = Object.keys(before).find((key) => /^model-architecture$/.test(key)) ?? 'model-architecture';
    const sha = template.find((r) => r.student_id === '2312006')?.sha256 ?? '';
    const overrides = [
      'student_id,criterion,points,reason,grader,sha256',
      `2312006,${criterion},0,"再確認, 減点",田中,${sha}`,
      `2312008,total,5,メールで受領したファイルを確認,佐藤,${'0'.repeat(64)}`,
      '',
    ].join('\r\n');
    await writeFile(join(work, 'overrides.csv'), overrides);
    const out = join(work, 'g.csv');
    const result = await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--overrides', join(work, 'overrides.csv'), '--out', out, '--json', join(work, 'r.json')]);
    expect(result.code).toBe(1);
    const rows = await readCsv(out);
    const changed = rowOf(rows, '2312006');
    expect(changed[criterion]).toBe('0');
    expect(Number(changed.score)).toBeCloseTo(Number(before.score) - Number(before[criterion]), 2);
    expect(flagsOf(changed)).toContain('override');
    expect(flagsOf(changed)).not.toContain('override-stale');
    expect(changed.comment).toContain('(理由: 再確認, 減点、田中)】');
    const unreadable = rowOf(rows, '2312008');
    expect([unreadable.status, unreadable.score]).toEqual(['unreadable', '5']);
    expect(flagsOf(unreadable)).toEqual(expect.arrayContaining(['override', 'override-stale']));
    expect(unreadable.comment).toContain('【修正 合計: 0 → 5 点(理由: メールで受領したファイルを確認、佐藤)】');
    const json = JSON.parse(await readFile(join(work, 'r.json'), 'utf8')) as ResultsJson;
    expect(json.rows.find((r) => r.studentId === '2312008')?.overrides).toEqual([
      { criterion: 'total', from: 0, to: 5, reason: 'メールで受領したファイルを確認', grader: '佐藤', line: 3, stale: true },
    ]);
    expect(await readFile(join(work, 'overrides.csv'), 'utf8')).toBe(overrides);
    const again = join(work, 'again.csv');
    await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--overrides', join(work, 'overrides.csv'), '--out', again]);
    expect((await readFile(again)).equals(await readFile(out))).toBe(true);
  });

  it.each([
    ['an unknown criterion', '2312006,model-architectur,1,r,g', /overrides, line 2: unknown criterion "model-architectur".*Did you mean "model-architecture"\?/],
    ['an unknown student', '2399999,total,1,r,g', /overrides: no submission from 2399999 \(line 2\)/],
  ])('exits 2 for %s and writes nothing', async (_name, line, message) => {
    const { dir, work } = await folderWith(['2312006_伊藤大輔_4.ipynb']);
    await writeFile(join(work, 'o.csv'), `student_id,criterion,points,reason,grader\n${line}\n`);
    const result = await grade([dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--overrides', join(work, 'o.csv'), '--out', join(work, 'g.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(work, 'g.csv'))).toBe(false);
  });
});

/** Data rows of a filled answer.csv as [id, score, comment]. */
function answerCells(bytes: Buffer, encoding: string, from: number, header: number, columns: number[]): string[][] {
  return tokenizeCsv(bytes, from)
    .slice(header + 1)
    .map((r) => columns.map((i) => {
      const span = r.fields[i];
      return span ? iconv.decode(fieldBytes(bytes, span), encoding) : '';
    }));
}

describe('--answers and --json on the fixture submissions', SLOW, () => {
  let dir: string;
  let result: CliResult;
  let rows: Row[];
  let json: ResultsJson;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grade-answers-'));
    await writeFile(join(dir, 'answer.csv'), answerCsvCp932());
    result = await grade([SUBMISSIONS, '--deadline', DEADLINE, '--submission-times', TIMES, '--out', join(dir, 'grades.csv'), '--answers', join(dir, 'answer.csv'), '--json', join(dir, 'results.json')]);
    rows = await readCsv(join(dir, 'grades.csv'));
    json = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsJson;
  }, SLOW.timeout);

  it('writes <name>.filled.csv next to --out: only score and comment cells differ, in CP932', async () => {
    expect(result.code).toBe(1);
    const filled = await readFile(join(dir, 'answer.filled.csv'));
    expect(bytesOutsideCells(filled, 1, [4, 5]).equals(bytesOutsideCells(answerCsvCp932(), 1, [4, 5]))).toBe(true);
    expect(answerCells(filled, 'cp932', 0, 1, [1, 4, 5])).toEqual([
      ['2312001', rowOf(rows, '2312001').score, rowOf(rows, '2312001').comment],
      ['2312002', rowOf(rows, '2312002').score, rowOf(rows, '2312002').comment],
      ['2312099', '0', '未提出'],
      ['2312006', rowOf(rows, '2312006').score, rowOf(rows, '2312006').comment],
    ]);
    expect(await readFile(join(dir, 'answer.csv'))).toEqual(answerCsvCp932());
  });

  it('lists the submissions that are not in answer.csv', () => {
    expect(result.stdout).toContain('answer.csv (cp932, CRLF; id "学籍番号", score "点数", comment "コメント"): 3 rows filled, 1 未提出 (2312099)');
    expect(result.stdout).toContain('not in answer.csv (12)');
    expect(result.stdout).toContain('  2312008: 2312008_山本翔_4.ipynb');
    expect(result.stdout).toContain('  2312015: kadai4.ipynb');
    expect(result.stdout).toContain(`wrote answers: ${join(dir, 'answer.filled.csv')}`);
  });

  it('writes results JSON with a version, rows sorted like the CSV, and findings with their cell', () => {
    expect(json.version).toBe(1);
    expect(json.deadline).toBe('2023-11-16 23:59');
    expect(json.rows.map((r) => [r.studentId ?? '', r.file, r.status, String(r.score)])).toEqual(rows.map((r) => [r.student_id, r.file, r.status, r.score]));
    const dense64 = json.rows.find((r) => r.studentId === '2312006');
    const finding = dense64?.criteria?.flatMap((c) => c.findings).find((f) => f.at !== null);
    expect(finding?.at?.cell).toBeGreaterThanOrEqual(0);
    expect(json.rows.filter((r) => r.primary).map((r) => r.file)).not.toContain('2312004_高橋美咲_4.ipynb');
  });

  it('gives the same JSON and answer.csv bytes on a rerun', async () => {
    const other = await mkdtemp(join(tmpdir(), 'grade-answers-again-'));
    await grade([SUBMISSIONS, '--deadline', DEADLINE, '--submission-times', TIMES, '--out', join(other, 'grades.csv'), '--answers', join(dir, 'answer.csv'), '--answers-out', join(other, 'a.csv'), '--json', join(other, 'results.json')]);
    expect((await readFile(join(other, 'results.json'))).equals(await readFile(join(dir, 'results.json')))).toBe(true);
    expect((await readFile(join(other, 'a.csv'))).equals(await readFile(join(dir, 'answer.filled.csv')))).toBe(true);
  });
});

describe('--answers, UTF-8 with BOM and named columns', SLOW, () => {
  it('keeps the BOM, CRLF, quoted multi-line cells, and uses the columns given', async () => {
    const { dir, work } = await folderWith(['2312001_山田太郎_4.ipynb', '2312007_渡辺さくら_4.ipynb']);
    const original = Buffer.from(answerCsvUtf8().toString('utf8').replace('score,comment', '得点(20),講評'), 'utf8');
    await writeFile(join(work, 'answer.csv'), original);
    const out = join(work, 'filled.csv');
    const result = await grade([
      dir, '--deadline', DEADLINE, '--submission-times', TIMES, '--out', join(work, 'g.csv'),
      '--answers', join(work, 'answer.csv'), '--answers-out', out, '--answers-id-column', 'username', '--answers-score-column', '得点(20)', '--answers-comment-column', '講評',
    ]);
    expect(result.code).toBe(0);
    const filled = await readFile(out);
    expect(bytesOutsideCells(filled, 0, [4, 5], 3).equals(bytesOutsideCells(original, 0, [4, 5], 3))).toBe(true);
    expect(filled.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // ids are the username column (s2312001 …): no submission matches them.
    expect(answerCells(filled, 'utf8', 3, 0, [0, 4, 5]).map((r) => r.slice(1))).toEqual([['0', '未提出'], ['0', '未提出'], ['0', '未提出'], ['0', '未提出']]);
    expect(result.stdout).toContain('not in answer.csv (2)');
  });

  it('exits 2 before grading when a column is missing, and writes nothing', async () => {
    const { dir, work } = await folderWith(['2312001_山田太郎_4.ipynb']);
    await writeFile(join(work, 'answer.csv'), 'ユーザID,氏名\nu1,a\n');
    const result = await grade([dir, '--deadline', DEADLINE, '--out', join(work, 'g.csv'), '--answers', join(work, 'answer.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no score column');
    expect(result.stderr).toContain('--answers-score-column');
    expect(existsSync(join(work, 'g.csv'))).toBe(false);
  });
});
