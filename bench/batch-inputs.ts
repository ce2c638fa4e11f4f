/**
 * 2,000 varied submissions made from fixtures/submissions, for bench/batch-speed.ts: each student gets
 * an id, a name, a Colab account and their own training numbers; one in ten adds code of their own, one
 * in a hundred is a copy of the previous student's notebook (a planted copy ring), and the rest of the
 * fixtures' variety (Keras 3, TF 2.4, Dense(64), 10 epochs, unexecuted, partly executed) is kept.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCodeCell, fixture, ownCode, rerun, runBy, type NotebookJson } from '../test/integrity/notebooks.js';

const BASES = [
  '2312001_山田太郎_4.ipynb',
  '2312002_佐藤花子_4.ipynb',
  '2312004_高橋美咲_4 (1).ipynb',
  '2312004_高橋美咲_4.ipynb',
  '2312005_田中健_4.ipynb',
  '2312006_伊藤大輔_4.ipynb',
  '2312007_渡辺さくら_4.ipynb',
  '2312010_吉田ジョージ_4.ipynb',
  '2312014_木村拓也_4.ipynb',
  'kadai4.ipynb',
];

export interface BatchInfo {
  dir: string;
  timesCsv: string;
  count: number;
  bytes: number;
}

/**
 * What kind of class: `distinct` notebooks as above; `identical`, one notebook uploaded `count` times
 * under different names (one giant copy cluster: the case that must not be slower); `own-cell`, the
 * distinct class where every student also adds a small cell of their own (no two notebooks then share all
 * their code: the analyses that a class shares are not shared).
 */
export type BatchKind = 'distinct' | 'identical' | 'own-cell';

/** Writes `count` notebooks into `dir/submissions` and a WebClass-like list `dir/times.csv`. */
export function makeBatch(dir: string, count: number, kind: BatchKind = 'distinct'): BatchInfo {
  const identical = kind === 'identical';
  const bases = BASES.map((name) => JSON.stringify(fixture(name)));
  const out = join(dir, 'submissions');
  mkdirSync(out, { recursive: true });
  const lines = ['学籍番号,氏名,ファイル名,提出日時'];
  let bytes = 0;
  let previous: NotebookJson | null = null;
  for (let i = 0; i < count; i++) {
    const id = `24${String(i).padStart(5, '0')}`;
    const name = `学生${i}`;
    const copy = identical ? previous !== null : i % 100 === 99 && previous !== null;
    let nb: NotebookJson = copy && previous ? previous : (JSON.parse(bases[identical ? 0 : i % bases.length]!) as NotebookJson);
    if (!copy) {
      nb = runBy(rerun(nb, i), name, `1${String(i).padStart(20, '0')}`);
      if (i % 10 === 3) nb = addCodeCell(nb, ownCode(i % 20 === 3 ? 'a' : 'b').replace(/wrong\[:8\]/, `wrong[:${i % 7}]`));
      if (kind === 'own-cell') nb = addCodeCell(nb, `# ${name} の確認\nprint(model.evaluate(x_test[:${100 + i}], y_test[:${100 + i}], verbose=0))`);
    }
    const file = `${id}_${name}_4.ipynb`;
    const data = Buffer.from(JSON.stringify(nb, null, 1), 'utf8');
    bytes += data.length;
    writeFileSync(join(out, file), data);
    lines.push(`${id},${name},${file},2023-11-16 ${String(10 + (i % 13)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`);
    previous = nb;
  }
  const timesCsv = join(dir, 'times.csv');
  writeFileSync(timesCsv, `\uFEFF${lines.join('\r\n')}\r\n`);
  return { dir: out, timesCsv, count, bytes };
}
