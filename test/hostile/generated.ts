/**
 * The generated part of the hostile corpus, made in a temporary folder by the test (too big to commit,
 * or things git cannot hold portably: symbolic links, a named pipe, names with `\` or a leading `+`).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeZip } from '../helpers/zip-writer.js';
import { tinyNotebook } from './inputs.js';

export const MB = 1024 * 1024;

/** A valid notebook of about `megabytes` MB: one stream output of training lines, written in 1 MB chunks. */
function writeBigNotebook(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"source":"model.fit(x, y)","outputs":[{"output_type":"stream","name":"stdout","text":[');
    const line = JSON.stringify('750/750 [==============================] - 3s 4ms/step - loss: 0.1234 - accuracy: 0.9876\n');
    const chunk = Array.from({ length: Math.floor(MB / (line.length + 1)) }, () => line).join(',');
    for (let i = 0; i < megabytes; i++) writeSync(fd, `${i === 0 ? '' : ','}${chunk}`);
    writeSync(fd, ']}]}]}');
  } finally {
    closeSync(fd);
  }
}

function manyCells(count: number): Buffer {
  const cell = (i: number): string =>
    `{"cell_type":"code","execution_count":${i + 1},"metadata":{},"source":"x = ${i}","outputs":[{"output_type":"stream","name":"stdout","text":"${i}\\n"}]}`;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(cell(i));
  return Buffer.from(`{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[${parts.join(',')}]}`);
}

/** A zip whose one entry is `size` bytes of spaces (deflate packs them about 1000:1). */
function bombZip(entry: string, size: number): Buffer {
  return makeZip([{ name: entry, data: Buffer.alloc(size, 0x20) }]);
}

export interface GeneratedInput {
  name: string;
  what: string;
}

/** Writes the generated inputs into `dir`; returns what was made (some only where the OS allows it). */
export function makeGenerated(dir: string): GeneratedInput[] {
  const made: GeneratedInput[] = [];
  writeBigNotebook(join(dir, '2312340_巨大_4.ipynb'), 200);
  made.push({ name: '2312340_巨大_4.ipynb', what: 'a 200 MB notebook (valid JSON)' });
  writeFileSync(join(dir, '2312341_十万セル_4.ipynb'), manyCells(100_000));
  made.push({ name: '2312341_十万セル_4.ipynb', what: '100,000 code cells' });
  writeFileSync(join(dir, 'bomb-size.zip'), bombZip('2312342_爆弾_4.ipynb', 200 * MB));
  made.push({ name: 'bomb-size.zip', what: 'a zip bomb: 200 MB of spaces in a 200 KB entry' });
  writeFileSync(join(dir, 'bomb-ratio.zip'), bombZip('2312343_圧縮率_4.ipynb', 40 * MB));
  made.push({ name: 'bomb-ratio.zip', what: 'a 40 MB entry at about 1000:1 (under the size limit, over the ratio limit)' });
  if (process.platform !== 'win32') {
    symlinkSync('2312330_正常_4.ipynb', join(dir, '2312344_リンク_4.ipynb'));
    symlinkSync('/nonexistent/target.ipynb', join(dir, '2312345_切れたリンク_4.ipynb'));
    symlinkSync('.', join(dir, 'loop'));
    mkdirSync(join(dir, 'real-folder'));
    writeFileSync(join(dir, 'real-folder', '2312346_フォルダ内_4.ipynb'), JSON.stringify(tinyNotebook()));
    symlinkSync('real-folder', join(dir, 'linked-folder'));
    made.push({ name: 'symlinks', what: 'links to a notebook, to nowhere, to the folder itself, and to a folder' });
    writeFileSync(join(dir, '+2312347_プラス_4.ipynb'), JSON.stringify(tinyNotebook()));
    writeFileSync(join(dir, '2312348_バック\\スラッシュ_4.ipynb'), JSON.stringify(tinyNotebook()));
    made.push({ name: 'names', what: 'a name starting with + and a name with a backslash (folder)' });
    try {
      execFileSync('mkfifo', [join(dir, '2312349_パイプ_4.ipynb')]);
      made.push({ name: '2312349_パイプ_4.ipynb', what: 'a named pipe (reading it would block forever)' });
    } catch {
      // no mkfifo here
    }
  }
  return made;
}
