import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { overridesByStudent, readOverrides } from '../../src/rubric/overrides.js';

const limits = { criteria: [{ id: 'executed', points: 2 }, { id: 'model-summary', points: 3 }], maxScore: 10 };
const HASH = 'a'.repeat(64);
const csv = [
  'student_id,criterion,points,reason,grader,sha256',
  `2312006,model-summary,3,"Dense(64) も可とする, 講義で説明済み",田中,${HASH.toUpperCase()}`,
  '2312008,total,8,メールで受領したファイルを確認,佐藤,',
  '2312001,executed,,,,',
  '',
].join('\r\n');

describe('readOverrides', () => {
  it('reads the rows, skips rows with empty points, and keeps line numbers', () => {
    const expected = [
      { studentId: '2312006', criterion: 'model-summary', points: 3, reason: 'Dense(64) も可とする, 講義で説明済み', grader: '田中', sha256: HASH, line: 2 },
      { studentId: '2312008', criterion: 'total', points: 8, reason: 'メールで受領したファイルを確認', grader: '佐藤', sha256: null, line: 3 },
    ];
    expect(readOverrides(csv, limits).entries).toEqual(expected);
    expect(readOverrides(iconv.encode(csv, 'cp932'), limits).entries).toEqual(expected);
    expect(readOverrides(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), limits).entries).toEqual(expected);
  });

  it('reads Japanese headers and ignores other columns (the template has name and score)', () => {
    const text = '学籍番号,name,score,項目,点数,理由,採点者\n2312006,伊藤,7,total,７.5,再確認,田中\n';
    expect(readOverrides(text, limits).entries).toEqual([
      { studentId: '2312006', criterion: 'total', points: 7.5, reason: '再確認', grader: '田中', sha256: null, line: 2 },
    ]);
  });

  const header = 'student_id,criterion,points,reason,grader,sha256\n';
  const errors: [string, string, string | RegExp][] = [
    ['an unknown criterion, with a suggestion', '2312006,model-sumary,3,r,g,\n', 'overrides, line 2: unknown criterion "model-sumary" (one of executed, model-summary, total). Did you mean "model-summary"?'],
    ['points above the criterion', '2312006,executed,3,r,g,\n', 'overrides, line 2: points 3 out of range for executed (0 to 2)'],
    ['negative points', '2312006,total,-1,r,g,\n', 'points -1 out of range for total (0 to 10)'],
    ['points that are not a number', '2312006,total,abc,r,g,\n', 'points "abc" is not a number'],
    ['no reason', '2312006,total,3,,g,\n', 'overrides, line 2: no reason'],
    ['no grader', '2312006,total,3,r,,\n', 'overrides, line 2: no grader'],
    ['no student', ',total,3,r,g,\n', 'overrides, line 2: no student_id'],
    ['no criterion', '2312006,,3,r,g,\n', 'overrides, line 2: no criterion'],
    ['a bad hash', '2312006,total,3,r,g,abc\n', 'sha256 "abc" is not 64 hex digits'],
    ['a duplicate', '2312006,total,3,r,g,\n2312006,total,4,r,g,\n', 'overrides, line 3: a second override of total for 2312006 (the first is on line 2)'],
  ];
  it.each(errors)('fails on %s, naming the line', (_name, body, message) => {
    expect(() => readOverrides(header + body, limits)).toThrow(message);
  });

  it('names missing columns', () => {
    expect(() => readOverrides('student_id,points\n', limits)).toThrow(/overrides, line 1: missing column\(s\) criterion, reason, grader .* found: "student_id", "points"/);
  });
});

describe('overridesByStudent', () => {
  it('groups by student (NFKC, case-insensitive) and refuses students with no submission', () => {
    const table = readOverrides(csv, limits);
    const grouped = overridesByStudent(table, ['２３１２００６', '2312008', null]);
    expect([...grouped.keys()]).toEqual(['2312006', '2312008']);
    expect(() => overridesByStudent(table, ['2312006'])).toThrow('overrides: no submission from 2312008 (line 3); fix the student id or remove the row');
  });
});
