import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSubmissionTimes, resolveSubmissionTime } from '../../src/ingest/submission-times.js';
import { parseIdentity } from '../../src/core/identity.js';
import type { SubmittedFile } from '../../src/types.js';

const TZ = 'Asia/Tokyo';
const jst = (text: string): Date => new Date(`${text}+09:00`);

const japaneseCsv = [
  '氏名,学籍番号,report/answer,提出日時',
  '山田太郎,2312345,2312345_山田太郎_4.ipynb,2023-11-16 22:38:17',
  '佐藤花子,2400001,,2023/11/17 0:00',
  '鈴木,2400002,2400002_鈴木_4.ipynb,',
  '',
].join('\r\n');

function file(fileName: string, modifiedAt = new Date('2023-11-01T00:00:00Z'), modifiedSource: SubmittedFile['modifiedSource'] = 'zip-entry'): SubmittedFile {
  return { displayPath: `x.zip/${fileName}`, fileName, bytes: Buffer.alloc(0), nameEncoding: 'utf8', modifiedAt, modifiedSource, problems: [] };
}

describe('readSubmissionTimes', () => {
  it('reads UTF-8 with a BOM', () => {
    const lookup = readSubmissionTimes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(japaneseCsv)]), TZ);
    expect(lookup.encoding).toBe('utf8-bom');
    expect(lookup.columns).toEqual({ studentId: 1, fileName: 2, name: 0, submittedAt: 3 });
    expect(lookup.records).toEqual([
      { line: 2, studentId: '2312345', fileName: '2312345_山田太郎_4.ipynb', name: '山田太郎', submittedAt: jst('2023-11-16T22:38:17') },
      { line: 3, studentId: '2400001', fileName: null, name: '佐藤花子', submittedAt: jst('2023-11-17T00:00:00') },
    ]);
  });

  it('reads CP932 (Excel / WebClass) and gives the same result', () => {
    const lookup = readSubmissionTimes(iconv.encode(japaneseCsv, 'cp932'), TZ);
    expect(lookup.encoding).toBe('cp932');
    expect(lookup.records.map((r) => r.fileName)).toEqual(['2312345_山田太郎_4.ipynb', null]);
  });

  it('reads English headers, ISO times with offsets, and text input', () => {
    const csv = 'Student_ID,submitted_at\ns2312345,2023-11-16T13:38:17Z\n';
    const lookup = readSubmissionTimes(csv, TZ);
    expect(lookup.columns).toEqual({ studentId: 0, fileName: null, name: null, submittedAt: 1 });
    expect(lookup.byStudentId.get('s2312345')).toEqual([new Date('2023-11-16T13:38:17Z')]);
  });

  it('names the line of an unreadable row', () => {
    const csv = 'id,datetime\n2312345,2023-11-16 22:38\n2400001,yesterday\n';
    expect(() => readSubmissionTimes(csv, TZ)).toThrow('submission times, line 3: cannot read the date-time "yesterday"');
    expect(() => readSubmissionTimes('id,datetime\n,2023-11-16 22:38\n', TZ)).toThrow(/line 2: a date-time without a student id/);
  });

  it('says which columns it looked for', () => {
    expect(() => readSubmissionTimes('名前,点数\na,1\n', TZ)).toThrow(/line 1: no date-time column .*found: "名前", "点数"/);
    expect(() => readSubmissionTimes('名前,提出日時\na,2023-11-16 22:38\n', TZ)).toThrow(/no student id or file name column/);
    expect(() => readSubmissionTimes('', TZ)).toThrow(/empty/);
  });
});

describe('resolveSubmissionTime', () => {
  const lookup = readSubmissionTimes(japaneseCsv, TZ);

  it('prefers the list by file name, then by student id, then the zip entry or file time', () => {
    const byName = file('2312345_山田太郎_4.ipynb');
    expect(resolveSubmissionTime(byName, parseIdentity(byName.fileName), lookup)).toEqual({
      submittedAt: jst('2023-11-16T22:38:17'),
      source: 'submission-times',
    });
    const byId = file('2400001_佐藤花子_4 (1).ipynb');
    expect(resolveSubmissionTime(byId, parseIdentity(byId.fileName), lookup)).toEqual({
      submittedAt: jst('2023-11-17T00:00:00'),
      source: 'submission-times',
    });
    const unlisted = file('2500000_誰_4.ipynb', new Date('2023-11-10T00:00:00Z'), 'file-mtime');
    expect(resolveSubmissionTime(unlisted, parseIdentity(unlisted.fileName), lookup)).toEqual({
      submittedAt: new Date('2023-11-10T00:00:00Z'),
      source: 'file-mtime',
    });
    expect(resolveSubmissionTime(unlisted, parseIdentity(unlisted.fileName), null).source).toBe('file-mtime');
    const zipped = file('2500000_誰_4.ipynb');
    expect(resolveSubmissionTime(zipped, parseIdentity(zipped.fileName), null).source).toBe('zip-entry');
  });

  it('uses the latest of several listed times, and says so', () => {
    const many = readSubmissionTimes('学籍番号,提出日時\n2312345,2023-11-15 10:00\n2312345,2023-11-17 09:00\n', TZ);
    const f = file('2312345_山田太郎_4.ipynb');
    const resolved = resolveSubmissionTime(f, parseIdentity(f.fileName), many);
    expect(resolved.submittedAt).toEqual(jst('2023-11-17T09:00:00'));
    expect(resolved.note).toMatch(/2 times listed/);
  });
});
