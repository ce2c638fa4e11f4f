import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDENT_ID_PATTERN, parseIdentity } from '../../src/core/identity.js';

const nfd = (s: string): string => s.normalize('NFD');

type Row = [fileName: string, studentId: string | null, name: string | null, assignment: string | null, copyIndex: number | null, flags: string[]];

const table: Row[] = [
  ['2312345_山田太郎_4.ipynb', '2312345', '山田太郎', '4', null, []],
  ['23M0123_佐藤花子_4.ipynb', '23M0123', '佐藤花子', '4', null, []],
  ['s2312345_鈴木一郎_4.ipynb', 's2312345', '鈴木一郎', '4', null, []],
  ['t2413648_高橋_4.ipynb', 't2413648', '高橋', '4', null, []],
  ['A23-0123_田中_4.ipynb', 'A23-0123', '田中', '4', null, []],
  ['2312345＿山田太郎＿4.ipynb', '2312345', '山田太郎', '4', null, []],
  ['２３１２３４５_山田太郎_４.ipynb', '2312345', '山田太郎', '4', null, []],
  ['2312345 _ 山田 太郎 _ 4.ipynb', '2312345', '山田 太郎', '4', null, []],
  ['2312345\u3000山田\u3000太郎\u30004.ipynb', '2312345', '山田\u3000太郎', '4', null, []],
  ['2312345-山田太郎-4.ipynb', '2312345', '山田太郎', '4', null, []],
  [nfd('2312345_ダイスケ_4.ipynb'), '2312345', 'ダイスケ', '4', null, []],
  ['2312345_山田太郎_4 (1).ipynb', '2312345', '山田太郎', '4', 1, []],
  ['2312345_山田太郎_4(2).ipynb', '2312345', '山田太郎', '4', 2, []],
  ['2312345_山田太郎_4 のコピー.ipynb', '2312345', '山田太郎', '4', 1, []],
  ['2312345_山田太郎_4 のコピー 3.ipynb', '2312345', '山田太郎', '4', 3, []],
  ['Copy of 2312345_山田太郎_4.ipynb', '2312345', '山田太郎', '4', 1, []],
  ['2312345_山田太郎_4 - コピー (2).ipynb', '2312345', '山田太郎', '4', 2, []],
  ['Copy of 2312345_山田太郎_4 (1).ipynb', '2312345', '山田太郎', '4', 1, []],
  ['2312345_Taro_Yamada_4.ipynb', '2312345', 'Taro_Yamada', '4', null, []],
  ['2312345_山田-太郎_4.ipynb', '2312345', '山田-太郎', '4', null, []],
  ['2312345_ｶﾀｶﾅ_4.ipynb', '2312345', 'ｶﾀｶﾅ', '4', null, []],
  ['2312345_山田太郎_3.ipynb', '2312345', '山田太郎', '3', null, ['assignment-mismatch']],
  ['2312345_山田太郎_04.ipynb', '2312345', '山田太郎', '4', null, []],
  ['2312345_山田太郎_課題4.ipynb', '2312345', '山田太郎', '4', null, []],
  ['2312345_山田太郎.ipynb', '2312345', '山田太郎', null, null, ['name-unrecognised']],
  ['山田太郎_2312345_4.ipynb', '2312345', '山田太郎', '4', null, ['id-not-first']],
  ['2312345山田太郎_4.ipynb', '2312345', '山田太郎', '4', null, ['separator-missing']],
  ['山田太郎_4.ipynb', null, '山田太郎', '4', null, ['name-unrecognised']],
  ['kadai4.ipynb', null, null, '4', null, ['name-unrecognised']],
  ['Untitled.ipynb', null, null, null, null, ['name-unrecognised']],
  ['Untitled1.ipynb', null, null, null, null, ['name-unrecognised']],
  ['2312345_4.ipynb', '2312345', null, '4', null, ['name-unrecognised']],
  ['2312345_山田太郎_4-checkpoint.ipynb', '2312345', '山田太郎', '4', null, ['checkpoint-copy']],
  ['  2312345_山田太郎_4 .IPYNB', '2312345', '山田太郎', '4', null, []],
  ['1234_山田_4.ipynb', null, '1234_山田', '4', null, ['name-unrecognised']],
  ['2312345_山田(やまだ)_4.ipynb', '2312345', '山田(やまだ)', '4', null, []],
];

describe('parseIdentity', () => {
  it.each(table)('%s', (fileName, studentId, name, assignment, copyIndex, flags) => {
    expect(parseIdentity(fileName)).toEqual({ studentId, name, assignment, copyIndex, flags });
  });

  it('makes the expected assignment a parameter', () => {
    expect(parseIdentity('2312345_山田太郎_5.ipynb', '5').flags).toEqual([]);
    expect(parseIdentity('2312345_山田太郎_4.ipynb', '5').flags).toEqual(['assignment-mismatch']);
  });

  it('takes a custom id pattern', () => {
    const sevenDigits = /^\d{7}$/;
    expect(parseIdentity('s2312345_山田_4.ipynb', '4', { idPattern: sevenDigits }).studentId).toBeNull();
    expect(parseIdentity('2312345_山田_4.ipynb', '4', { idPattern: sevenDigits }).studentId).toBe('2312345');
  });

  it('exports a conservative default pattern', () => {
    for (const ok of ['2312345', '23M0123', 's2312345', 't2413648', 'A23-0123']) expect(DEFAULT_STUDENT_ID_PATTERN.test(ok)).toBe(true);
    for (const bad of ['1234', 'abcde', 'A-123', 'kadai4', '2312345-', '-2312345', 'Untitled1', '山田2312345']) {
      expect(DEFAULT_STUDENT_ID_PATTERN.test(bad)).toBe(false);
    }
  });
});
