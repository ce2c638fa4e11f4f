import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readAnswerTemplate } from '../../src/report/answer-template.js';
import { tokenizeCsv, fieldBytes } from '../../src/report/csv-spans.js';
import { fillAnswers, type AnswerEntry } from '../../src/report/webclass-answers.js';
import { answerCsvCp932, answerCsvUtf8, bytesOutsideCells } from '../helpers/answer-csv.js';

const entries: AnswerEntry[] = [
  { studentId: '2312001', file: '2312001_山田太郎_4.ipynb', score: 10, comment: '10/10 点。すべての項目を満たしています。', held: false },
  { studentId: '2312002', file: '2312002_佐藤花子_4.ipynb', score: 7.5, comment: '7.5/10 点。【モデル 0/3】"Dense(64)", 期待値 25450', held: false },
  { studentId: '2312006', file: '2312006_伊藤大輔_4.ipynb', score: 7, comment: '𠮷田さんと同じ注意:\n改行', held: false },
  { studentId: '2312007', file: '2312007_渡辺さくら_4.ipynb', score: 8, comment: '8/10 点。', held: false },
  { studentId: '２３１２０１０', file: '2312010_吉田ジョージ_4.ipynb', score: 10, comment: '満点', held: false },
  { studentId: '2312011', file: 'webclass_report_download.zip/2312011_山口陽菜_4.ipynb', score: 10, comment: 'x', held: false },
  { studentId: null, file: 'kadai4.ipynb', score: 10, comment: 'y', held: false },
];

/** Every data row's [id, score, comment] as decoded. */
function cells(bytes: Buffer, encoding: 'cp932' | 'utf8', from: number, header: number, columns: [number, number, number]): string[][] {
  return tokenizeCsv(bytes, from)
    .slice(header + 1)
    .filter((r) => r.start !== r.end)
    .map((r) => columns.map((i) => {
      const span = r.fields[i];
      return span ? iconv.decode(fieldBytes(bytes, span), encoding) : '<missing>';
    }));
}

describe('answer.csv round trip, CP932', () => {
  const original = answerCsvCp932();
  const template = readAnswerTemplate(original);
  const filled = fillAnswers(template, entries);

  it('detects the encoding, line ends, title line and columns', () => {
    expect(template.encoding).toBe('cp932');
    expect(template.lineEnding).toBe('CRLF');
    expect(template.headerRecord).toBe(1);
    expect(template.columns).toEqual({
      id: { name: '学籍番号', index: 1, from: 'guess' },
      score: { name: '点数', index: 4, from: 'guess' },
      comment: { name: 'コメント', index: 5, from: 'guess' },
    });
  });

  it('changes only the score and comment cells: every other byte is identical', () => {
    const before = bytesOutsideCells(original, template.headerRecord, [4, 5]);
    const after = bytesOutsideCells(filled.bytes, template.headerRecord, [4, 5]);
    expect(after.equals(before)).toBe(true);
    expect(filled.bytes.length).toBeGreaterThan(original.length);
  });

  it('fills scores and comments, keeps quoted cells quoted, and gives 0 and 未提出 to students without a submission', () => {
    expect(cells(filled.bytes, 'cp932', 0, 1, [1, 4, 5])).toEqual([
      ['2312001', '10', '10/10 点。すべての項目を満たしています。'],
      ['2312002', '7.5', '7.5/10 点。【モデル 0/3】"Dense(64)", 期待値 25450'],
      ['2312099', '0', '未提出'],
      ['2312006', '7', '?田さんと同じ注意: 改行'],
    ]);
    const text = iconv.decode(filled.bytes, 'cp932');
    expect(text).toContain('"2312002_佐藤花子_4.ipynb","7.5","7.5/10 点。【モデル 0/3】""Dense(64)"", 期待値 25450","2023-11-15 23:05:42"\r\n');
    expect(text).toContain('adduser0099,2312099,髙橋①子,,0,未提出,\r\n');
    expect(filled.filled).toBe(3);
    expect(filled.notSubmitted).toEqual(['2312099']);
  });

  it('lists submissions not in answer.csv and warns about characters CP932 cannot hold', () => {
    expect(filled.unmatched).toEqual([
      { studentId: '2312007', file: '2312007_渡辺さくら_4.ipynb' },
      { studentId: '２３１２０１０', file: '2312010_吉田ジョージ_4.ipynb' },
      { studentId: '2312011', file: 'webclass_report_download.zip/2312011_山口陽菜_4.ipynb' },
      { studentId: null, file: 'kadai4.ipynb' },
    ]);
    expect(filled.warnings).toEqual(["answers, line 6: CP932 cannot hold 𠮷 in 2312006's comment; written as ?"]);
  });

  it('gives the same bytes when filled twice, and when filled from its own output', () => {
    expect(fillAnswers(readAnswerTemplate(original), entries).bytes.equals(filled.bytes)).toBe(true);
    expect(fillAnswers(readAnswerTemplate(filled.bytes), entries).bytes.equals(filled.bytes)).toBe(true);
  });
});

describe('answer.csv round trip, UTF-8 with BOM', () => {
  const original = answerCsvUtf8();
  const template = readAnswerTemplate(original);
  const filled = fillAnswers(template, entries);

  it('detects the BOM, CRLF and English columns', () => {
    expect([template.encoding, template.lineEnding, template.headerRecord]).toEqual(['utf8-bom', 'CRLF', 0]);
    expect(Object.values(template.columns).map((c) => [c.name, c.index])).toEqual([['学籍番号', 1], ['score', 4], ['comment', 5]]);
  });

  it('changes only the score and comment cells: BOM, quoted multi-line cells, spaces and the missing final line end are kept', () => {
    expect(filled.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const before = bytesOutsideCells(original, 0, [4, 5], 3);
    const after = bytesOutsideCells(filled.bytes, 0, [4, 5], 3);
    expect(after.equals(before)).toBe(true);
    expect(filled.bytes.toString('utf8').endsWith('\r\n')).toBe(false);
  });

  it('fills by student id, NFKC-insensitive, and keeps characters CP932 lacks', () => {
    expect(cells(filled.bytes, 'utf8', 3, 0, [1, 4, 5])).toEqual([
      ['2312001', '10', '10/10 点。すべての項目を満たしています。'],
      ['2312007', '8', '8/10 点。'],
      ['2312098', '0', '未提出'],
      ['2312010', '10', '満点'],
    ]);
    expect(filled.bytes.toString('utf8')).toContain(' 空白つき ,10,"満点"');
    expect(filled.warnings).toEqual([]);
    expect(filled.unmatched.map((u) => u.studentId)).toEqual(['2312002', '2312006', '2312011', null]);
  });
});

describe('answer.csv columns', () => {
  it('takes column names from options, and fails clearly when one is missing', () => {
    const text = Buffer.from('ユーザID,氏名,評価点,所見\nu1,a,,\n');
    expect(() => readAnswerTemplate(text)).toThrow(/answers, line 1: no score column \(one of 点数, 得点, 評点, score, points, point\); headers: "ユーザID", "氏名", "評価点", "所見"\. Name it with --answers-score-column/);
    const template = readAnswerTemplate(text, { score: '評価点', comment: '所見' });
    expect(template.columns.score).toEqual({ name: '評価点', index: 2, from: 'option' });
    expect(() => readAnswerTemplate(text, { id: '学籍番号' })).toThrow(/no student id column "学籍番号" in the first 20 rows/);
    expect(() => readAnswerTemplate(Buffer.from('学籍番号,点数,コメント\n"1,,\n'))).toThrow(/answers: not a readable CSV: a quoted cell that starts on line 2/);
  });

  it('warns about duplicate rows and short rows, filling them all', () => {
    const text = Buffer.from('学籍番号,点数,コメント\n2312001,,\n2312001\n,,\n');
    const filled = fillAnswers(readAnswerTemplate(text), [entries[0] as AnswerEntry]);
    expect(filled.bytes.toString('utf8')).toBe('学籍番号,点数,コメント\n2312001,10,10/10 点。すべての項目を満たしています。\n2312001,10,10/10 点。すべての項目を満たしています。\n,,\n');
    expect(filled.warnings).toEqual([
      'answers, line 3: the row has fewer cells than the header; empty cells were added up to the comment',
      'answers, line 4: no student id in column "学籍番号"; the row is left as it was',
      'answers: 2312001 has 2 rows (lines 2, 3); each got the same score and comment',
    ]);
  });
});
