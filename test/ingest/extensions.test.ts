import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extensionFor, readExtensions, unusedExtensions } from '../../src/ingest/extensions.js';

const TZ = 'Asia/Tokyo';
const csv = ['学籍番号,締め切り,理由', '2312003,2023-11-20T23:59,忌引', '２３１２００５,2023/11/18 12:00,', '', ''].join('\r\n');

describe('readExtensions', () => {
  it('reads UTF-8 with BOM and CP932 alike, deadlines inclusive of their last unit', () => {
    for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), iconv.encode(csv, 'cp932')]) {
      const table = readExtensions(bytes, TZ);
      expect(extensionFor(table, '2312003')).toEqual({
        studentId: '2312003',
        deadline: new Date('2023-11-20T23:59:59.999+09:00'),
        label: '2023-11-20 23:59',
        reason: '忌引',
        line: 2,
      });
      expect(extensionFor(table, '2312005')?.deadline).toEqual(new Date('2023-11-18T12:00:59.999+09:00'));
      expect(extensionFor(table, '2312005')?.reason).toBeNull();
      expect(extensionFor(table, '2312001')).toBeNull();
      expect(extensionFor(table, null)).toBeNull();
    }
  });

  it('reads English headers and a date alone (the whole day)', () => {
    const table = readExtensions('student_id,deadline\ns2312003,2023-11-20\n', TZ);
    expect(extensionFor(table, 'S2312003')?.deadline).toEqual(new Date('2023-11-20T23:59:59.999+09:00'));
  });

  it('lists extensions nobody used', () => {
    const table = readExtensions(csv, TZ);
    expect(unusedExtensions(table, ['2312003', null]).map((e) => e.studentId)).toEqual(['２３１２００５']);
    expect(unusedExtensions(null, ['2312003'])).toEqual([]);
  });

  const errors: [string, string, RegExp][] = [
    ['no deadline column', '学籍番号,理由\n2312003,x\n', /extensions, line 1: needs a student id column .* found: "学籍番号", "理由"/],
    ['an unreadable date', 'id,deadline\n2312003,next monday\n', /extensions, line 2: cannot read the deadline "next monday"/],
    ['a duplicate student', 'id,deadline\n2312003,2023-11-20\n2312003,2023-11-21\n', /line 3: a second deadline for 2312003 \(the first is on line 2\)/],
    ['no id', 'id,deadline\n,2023-11-20\n', /line 2: a deadline without a student id/],
    ['no deadline', 'id,deadline\n2312003,\n', /line 2: no deadline for 2312003/],
    ['empty', '', /extensions: the CSV is empty/],
    ['broken quoting', 'id,deadline\n"2312003,2023-11-20\n', /extensions: not a readable CSV/],
  ];
  it.each(errors)('fails clearly on %s', (_name, text, message) => {
    expect(() => readExtensions(text, TZ)).toThrow(message);
  });
});
