import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnswersOut, prepareAnswers } from '../../src/report/extra-outputs.js';
import { answerCsvUtf8 } from '../helpers/answer-csv.js';

describe('prepareAnswers', () => {
  it('puts <name>.filled.csv next to the grades CSV by default', () => {
    expect(defaultAnswersOut('/dl/answer.csv', '/out/grades.csv')).toBe('/out/answer.filled.csv');
    expect(defaultAnswersOut('/dl/成績データ.CSV', 'grades.csv')).toBe('成績データ.filled.CSV');
    expect(defaultAnswersOut('/dl/answer', '/out/g.csv')).toBe('/out/answer.filled.csv');
  });

  it('reads the template, and refuses to overwrite it or a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'answers-prepare-'));
    const file = join(dir, 'answer.csv');
    await writeFile(file, answerCsvUtf8());
    const prepared = await prepareAnswers(file, {}, join(dir, 'g.csv'));
    expect([prepared.out, prepared.template.encoding]).toEqual([join(dir, 'answer.filled.csv'), 'utf8-bom']);
    await expect(prepareAnswers(file, {}, join(dir, 'g.csv'), join(dir, '.', 'answer.csv'))).rejects.toThrow('would overwrite');
    await expect(prepareAnswers(join(dir, 'none.csv'), {}, 'g.csv')).rejects.toThrow(/answers: cannot read .*none\.csv: ENOENT/);
  });
});
