/**
 * answer.csv files as WebClass's grading screen might download them (the real layout is not documented:
 * see /work/shared/reference/webclass.md): one in CP932 with a title line, one in UTF-8 with a BOM, CRLF
 * line ends and quoted cells holding commas and line breaks. Used by the unit and e2e round-trip tests.
 */
import iconv from 'iconv-lite';
import { tokenizeCsv } from '../../src/report/csv-spans.js';

/** CP932, CRLF, a title line above the header, quoted and unquoted cells, characters only CP932 has (髙, ①). */
export function answerCsvCp932(): Buffer {
  const text = [
    '"第4回 課題 (MLP) 成績データ",,,,,,',
    'ユーザID,学籍番号,氏名,report/answer,点数,コメント,回答日時',
    'adduser0001,2312001,山田太郎,2312001_山田太郎_4.ipynb,,,2023-11-16 22:38:17',
    '"adduser0002","2312002","佐藤花子","2312002_佐藤花子_4.ipynb","","","2023-11-15 23:05:42"',
    'adduser0099,2312099,髙橋①子,,,,',
    'adduser0006,2312006,伊藤大輔,2312006_伊藤大輔_4.ipynb,5,"前回の, コメント",2023-11-14 17:20:33',
    '',
  ].join('\r\n');
  return iconv.encode(text, 'cp932');
}

/** UTF-8 with BOM, CRLF, quoted cells with commas, quotes and line breaks (LF and CRLF) in other columns; no final line end. */
export function answerCsvUtf8(): Buffer {
  const text = [
    'username,学籍番号,氏名,メモ,score,comment',
    's2312001,2312001,山田太郎,"再提出あり, 要確認",,',
    's2312007,2312007,渡辺さくら,"1行目\n2行目 ""引用""",,',
    's2312098,2312098,未提出者,"a\r\nb",,',
    's2312010,2312010,吉田ジョージ, 空白つき ,0,"old, ""comment"""',
  ].join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/**
 * The bytes of `bytes` outside the cells of the given columns in every record after the header record
 * (index `headerRecord`): what must be identical between a template and its filled copy.
 */
export function bytesOutsideCells(bytes: Buffer, headerRecord: number, columns: number[], from = 0): Buffer {
  const records = tokenizeCsv(bytes, from).slice(headerRecord + 1);
  const parts: Buffer[] = [];
  let at = 0;
  for (const record of records) {
    for (const index of [...columns].sort((a, b) => a - b)) {
      const span = record.fields[index];
      if (!span) continue;
      parts.push(bytes.subarray(at, span.start));
      at = span.end;
    }
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}
