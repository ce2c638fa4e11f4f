/** Per-submission integrity flags: outputs from other code, impossible logs, times and accounts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeDir, flagsOf } from './grade-dir.js';
import { bytesOf, codeCell, fixture, sourceOf, type Cell, type NotebookJson } from './notebooks.js';
import type { GradeRun } from '../../src/types.js';

const editSource = (cell: Cell, from: string | RegExp, to: string): void => {
  cell.source = sourceOf(cell).replace(from, to);
};

function editLog(nb: NotebookJson, edit: (lines: string[]) => string[]): NotebookJson {
  for (const output of codeCell(nb, 'model.fit').outputs ?? []) {
    if (Array.isArray(output['text'])) output['text'] = edit(output['text'].map(String));
  }
  return nb;
}

/** Names as the fixtures' Colab accounts spell them (or in another script), so that only the edit is flagged. */
const files = {
  summary: '2312201_山田太郎_4.ipynb',
  epochs: '2312202_佐藤花子_4.ipynb',
  stopped: '2312203_伊藤大輔_4.ipynb',
  earlyStopping: '2312204_伊藤大輔_4.ipynb',
  order: '2312205_木村拓也_4.ipynb',
  accuracy: '2312206_吉田ジョージ_4.ipynb',
  validation: '2312207_渡辺さくら_4.ipynb',
  early: '2312208_山田太郎_4.ipynb',
  afterDeadline: '2312209_小林陽太_4.ipynb',
  utf8: '2312210_山田太郎_4.ipynb',
  twoUsers: '2312211_山田太郎_4.ipynb',
  clean: '2312212_高橋美咲_4.ipynb',
};

describe('stale or edited outputs', () => {
  let run: GradeRun;
  const only = (file: string): string[] => flagsOf(run, file).filter((f) => f !== 'suspected-copy');
  const evidence = (file: string, flag: string): string => run.integrity.findings.find((f) => f.file === file && f.flag === flag)?.evidence ?? '';

  beforeAll(async () => {
    const nb = (seed: string): NotebookJson => fixture(seed);
    const summary = nb('2312001_山田太郎_4.ipynb');
    editSource(codeCell(summary, 'Sequential()'), 'Dense(32,', 'Dense(64,');
    const epochs = nb('2312002_佐藤花子_4.ipynb');
    editSource(codeCell(epochs, 'model.fit'), 'epochs=30', 'epochs=20');
    const stopped = editLog(nb('2312006_伊藤大輔_4.ipynb'), (lines) => lines.slice(0, 40));
    const earlyStopping = editLog(nb('2312006_伊藤大輔_4.ipynb'), (lines) => lines.slice(0, 40));
    editSource(codeCell(earlyStopping, 'model.fit'), 'validation_split=0.2)', "validation_split=0.2, callbacks=[EarlyStopping(patience=3)])");
    const order = nb('2312014_木村拓也_4.ipynb');
    codeCell(order, 'model.fit').execution_count = 2;
    const accuracy = editLog(nb('2312010_吉田ジョージ_4.ipynb'), (lines) => lines.map((l, i) => (i === 7 ? l.replace(/ accuracy: 0\.\d+/, ' accuracy: 1.2040') : l)));
    const validation = nb('2312007_渡辺さくら_4.ipynb');
    editSource(codeCell(validation, 'model.fit'), ', validation_split=0.2', '');
    const afterDeadline = nb('kadai4.ipynb');
    const info = codeCell(afterDeadline, 'np.around').metadata['executionInfo'] as { timestamp: number };
    info.timestamp = Date.parse('2023-11-17T09:30:00+09:00');
    const utf8 = Buffer.from(JSON.stringify(nb('2312001_山田太郎_4.ipynb'), null, 1).replace('MNIST の手書き', 'MNIST の\u0000手書き'), 'utf8');
    const bad = utf8.indexOf(0);
    const invalid = Buffer.concat([utf8.subarray(0, bad), Buffer.from([0x82, 0xa0]), utf8.subarray(bad + 1)]);
    const twoUsers = nb('2312001_山田太郎_4.ipynb');
    const user = (codeCell(twoUsers, 'model.fit').metadata['executionInfo'] as { user: object });
    user.user = { displayName: '鈴木健', userId: '999' };
    run = await gradeDir(
      {
        [files.summary]: bytesOf(summary), [files.epochs]: bytesOf(epochs), [files.stopped]: bytesOf(stopped),
        [files.earlyStopping]: bytesOf(earlyStopping), [files.order]: bytesOf(order), [files.accuracy]: bytesOf(accuracy),
        [files.validation]: bytesOf(validation), [files.early]: bytesOf(nb('2312001_山田太郎_4.ipynb')),
        [files.afterDeadline]: bytesOf(afterDeadline), [files.utf8]: invalid, [files.twoUsers]: bytesOf(twoUsers),
        [files.clean]: bytesOf(nb('2312004_高橋美咲_4 (1).ipynb')),
      },
      { [files.early]: '2023-11-15 12:00:00' },
    );
  }, 60_000);

  it('a summary of another model than the code builds', () => {
    expect(only(files.summary)).toEqual(['summary-mismatch']);
    expect(evidence(files.summary, 'summary-mismatch')).toMatch(/shows 25450 trainable parameters, but the model the code builds \(cell \d+\) has 50890/);
  });

  it('a log counting other epochs than its fit asks for; a log that stops early without a reason', () => {
    expect(only(files.epochs)).toEqual(['epochs-mismatch']);
    expect(evidence(files.epochs, 'epochs-mismatch')).toMatch(/counts to Epoch 30\/30, but the fit that cell ran asks for epochs=20/);
    expect(only(files.stopped)).toEqual(['epochs-mismatch']);
    expect(evidence(files.stopped, 'epochs-mismatch')).toContain('stops after 20 of epochs=30');
    expect(only(files.earlyStopping)).toEqual([]);
  });

  it('execution counts that go backwards', () => {
    expect(only(files.order)).toEqual(['execution-out-of-order']);
    expect(evidence(files.order, 'execution-out-of-order')).toMatch(/has execution count \[2\] after cell \d+ with \[\d+\]/);
  });

  it('impossible metrics: accuracy above 1, validation metrics without validation data', () => {
    expect(only(files.accuracy)).toEqual(['impossible-log-values']);
    expect(evidence(files.accuracy, 'impossible-log-values')).toContain('prints accuracy 1.204, outside 0..1');
    expect(only(files.validation)).toEqual(['impossible-log-values']);
    expect(evidence(files.validation, 'impossible-log-values')).toContain('prints val_loss, but the fit call of that cell has no validation data');
  });

  it('cells run after the submission time, or after the deadline', () => {
    expect(only(files.early)).toEqual(['executed-after-submission']);
    expect(evidence(files.early, 'executed-after-submission')).toMatch(/was last run at 2023-11-15 2\d:\d\d:\d\d, after the submission time 2023-11-15 12:00:00/);
    expect(only(files.afterDeadline)).toEqual(['executed-after-deadline', 'executed-after-submission']);
    expect(evidence(files.afterDeadline, 'executed-after-deadline')).toContain('last run at 2023-11-17 09:30:00, after the deadline 2023-11-16 23:59:59');
  });

  it('bytes that are not UTF-8, and cells run by two accounts', () => {
    expect(only(files.utf8)).toEqual(['invalid-utf8']);
    expect(run.rows.find((r) => r.file === files.utf8)?.status).toBe('graded');
    expect(only(files.twoUsers)).toEqual(['colab-multiple-users', 'colab-user-mismatch']);
    expect(evidence(files.twoUsers, 'colab-multiple-users')).toMatch(/cells were run by 2 Colab accounts: .*"鈴木健" \(cells \d+\)/);
  });

  it('nothing on a clean notebook', () => {
    expect(only(files.clean)).toEqual([]);
  });
});
