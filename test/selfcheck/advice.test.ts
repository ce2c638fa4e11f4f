/**
 * The self-check page's notes about a file (src/selfcheck/advice.ts) and the examination that joins them
 * to the core's result (src/selfcheck/examine.ts), in Node: what the page says for a .py, a saved web
 * page, an empty or cut-off file, a notebook saved without outputs, and each kind of file name; every
 * word fits CP932 (Excel and WebClass on Japanese Windows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createCore, type Core } from '../../src/core/browser.js';
import { readTemplate } from '../../src/integrity/index.js';
import { unencodableInCp932 } from '../../src/report/encode.js';
import { loadRubric } from '../../src/rubric/load.js';
import { resolveRubricExpected } from '../../src/rubric/resolve-expected.js';
import { kindFromName, nameNote, notANotebookNote, runNote, sniffContent, unreadableNote, type Note } from '../../src/selfcheck/advice.js';
import { examine } from '../../src/selfcheck/examine.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

const RUBRIC = join(ROOT, 'rubrics', 'kadai4.yaml');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, path)));

function expectCp932(notes: readonly Note[]): void {
  for (const note of notes) expect(unencodableInCp932(`${note.title}${note.text}`), note.text).toEqual([]);
}

describe('file names, read as the grader reads them', () => {
  it.each([
    ['2312001_山田太郎_4.ipynb', 'ok', '学籍番号「2312001」、名前「山田太郎」'],
    ['２３１２００１＿山田太郎＿４.ipynb', 'ok', '学籍番号「2312001」'],
    ['2312001_山田 太郎_4.ipynb'.normalize('NFD'), 'ok', '名前「山田 太郎」'],
    ['2312001_山田太郎_4 (1).ipynb', 'info', '付いたままでも採点できます'],
    ['2312001_山田太郎_4-checkpoint.ipynb', 'error', '控えのファイル'],
    ['kadai4.ipynb', 'error', 'ファイル名に学籍番号と名前が見つかりません'],
    ['Untitled0.ipynb', 'error', '「_4.ipynb」で終わっていません'],
    ['2312001_山田太郎.ipynb', 'error', 'ファイル名が「_4.ipynb」で終わっていません'],
    ['2312001_4.ipynb', 'error', 'ファイル名に名前が見つかりません'],
    ['2312001_山田太郎_3.ipynb', 'error', '最後の番号が「3」です'],
    ['山田太郎_2312001_4.ipynb', 'warn', '学籍番号を先頭にして'],
    ['2312001山田太郎_4.ipynb', 'warn', '学籍番号を先頭にして'],
  ])('%s → %s', (name, level, words) => {
    const note = nameNote(name, '4');
    expect(note.level).toBe(level);
    expect(note.text).toContain(words);
    expect(note.text).not.toMatch(/name-unrecognised|flag/);
    expectCp932([note]);
  });
});

describe('what a file is', () => {
  it('by its name: only .ipynb is a notebook, as for the CLI', () => {
    expect(['a.ipynb', 'A.IPYNB', 'x.py', 'x.html', 'x.HTM', 'x.pdf', 'x.zip', 'x.png', 'x.ipynb.txt', 'x'].map(kindFromName)).toEqual([
      'notebook',
      'notebook',
      'python',
      'html',
      'html',
      'pdf',
      'zip',
      'image',
      'other',
      'other',
    ]);
  });

  it('by its bytes', () => {
    expect(sniffContent(new Uint8Array(0))).toBe('empty');
    expect(sniffContent(text(' \n'))).toBe('empty');
    expect(sniffContent(text('\uFEFF{"cells": ['))).toBe('json');
    expect(sniffContent(text('<!DOCTYPE html><html>'))).toBe('html');
    expect(sniffContent(text('# -*- coding: utf-8 -*-\n"""kadai4.ipynb"""'))).toBe('python');
    expect(sniffContent(text('import numpy as np\n'))).toBe('python');
    expect(sniffContent(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(sniffContent(fixture('submissions/2312009_中村優_4.py'))).toBe('python');
    expect(sniffContent(new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'{"a":1}'].map((c) => c.charCodeAt(0))).buffer)]))).toBe('json');
  });

  it('says what to do, in Japanese that CP932 holds', () => {
    const notes = [
      notANotebookNote('2312001_山田太郎_4.py', text('import numpy')),
      notANotebookNote('2312001_山田太郎_4.html', text('<html>')),
      notANotebookNote('2312001_山田太郎_4.zip', new Uint8Array([0x50, 0x4b])),
      notANotebookNote('2312001_山田太郎_4.ipynb.txt', text('{"cells": []}')),
      unreadableNote(new Uint8Array(0), 0),
      unreadableNote(text('import numpy as np'), 18),
      unreadableNote(text('<!doctype html>'), 15),
      unreadableNote(text('{"cells": [{"cell_type": "co'), 28),
      unreadableNote(new Uint8Array(0), 200 * 1024 * 1024),
      runNote({ codeCells: 10, executedCells: 0, executionOrder: 'not-run' }),
      runNote({ codeCells: 10, executedCells: 4, executionOrder: 'in-order' }),
      runNote({ codeCells: 10, executedCells: 10, executionOrder: 'in-order' }),
    ];
    expect(notes.map((n) => n.title)).toEqual([
      'Python ファイル (.py) です',
      'Web ページとして保存したファイル (.html) です',
      '圧縮ファイル (zip など) です',
      'ファイル名の最後が .ipynb ではありません',
      'ファイルが空です',
      '中身が Python ファイル (.py) です',
      '中身が Web ページ (HTML) です',
      'ノートブックとして読み込めません',
      'ファイルが大きすぎます',
      '実行結果が保存されていません',
      '実行されていないセルがあります',
      '実行結果',
    ]);
    expect(notes.slice(0, 10).every((n) => n.level === 'error')).toBe(true);
    expect(notes[0]!.text).toContain('「.ipynb をダウンロード」');
    expect(notes[3]!.text).toContain('「.txt」で終わっている');
    expect(notes[9]!.text).toContain('「すべてのセルを実行」');
    expectCp932(notes);
  });
});

describe('examine: the core result and the notes together (Node)', () => {
  let core: Core;
  const now = Date.parse('2023-11-10T12:00:00+09:00');
  beforeAll(async () => {
    const rubric = await loadRubric(RUBRIC);
    core = createCore({
      rubric: parseYaml(readFileSync(RUBRIC, 'utf8')),
      rubricFile: 'kadai4.yaml',
      expected: await resolveRubricExpected(rubric),
      template: await readTemplate(rubric.file, rubric.template),
      tz: 'Asia/Tokyo',
      wasm: {
        runtime: new Uint8Array(readFileSync(join(ROOT, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'))),
        grammar: new Uint8Array(readFileSync(join(ROOT, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'))),
      },
    });
    await core.warmUp();
  }, 60_000);

  const run = (path: string, name = path.split('/').pop()!) => {
    const bytes = fixture(path);
    return examine(core, { name, size: bytes.length, bytes }, '4', now);
  };

  it('a complete notebook: full marks, no late rule, run and name fine', async () => {
    const exam = await run('submissions/2312001_山田太郎_4.ipynb');
    expect(exam.result.status).toBe('graded');
    expect(exam.result.score).toBe(20);
    expect(exam.notes.map((n) => [n.topic, n.level])).toEqual([
      ['run', 'ok'],
      ['name', 'ok'],
    ]);
    expect(exam.result.comment).toBe('20/20 点。すべての項目を満たしています。');
  });

  it('a notebook saved without outputs', async () => {
    const exam = await run('submissions/2312005_田中健_4.ipynb');
    expect(exam.result.status).toBe('graded');
    expect(exam.notes[0]).toMatchObject({ topic: 'run', level: 'error', title: '実行結果が保存されていません' });
  });

  it('a .py: not graded, the CLI comment, what to do', async () => {
    const exam = await run('submissions/2312009_中村優_4.py');
    expect(exam.result.status).toBe('not-a-notebook');
    expect(exam.result.score).toBe(0);
    expect(exam.result.comment).toContain('ノートブック(.ipynb)ではないため採点できません');
    expect(exam.notes).toEqual([expect.objectContaining({ topic: 'kind', title: 'Python ファイル (.py) です' })]);
  });

  it('a .py renamed to .ipynb, a cut-off file and an empty one: unreadable, and why', async () => {
    const renamed = await run('submissions/2312009_中村優_4.py', '2312009_中村優_4.ipynb');
    expect(renamed.result.status).toBe('unreadable');
    expect(renamed.notes[0]!.title).toBe('中身が Python ファイル (.py) です');
    expect((await run('submissions/2312008_山本翔_4.ipynb')).notes[0]!.title).toBe('ノートブックとして読み込めません');
    expect((await run('submissions/2312013_井上真央_4.ipynb')).notes[0]!.title).toBe('ファイルが空です');
  });

  it('a file over the size limit is not read', async () => {
    const exam = await examine(core, { name: '2312001_山田太郎_4.ipynb', size: 101 * 1024 * 1024, bytes: new Uint8Array(0) }, '4', now);
    expect(exam.result.status).toBe('unreadable');
    expect(exam.notes[0]!.title).toBe('ファイルが大きすぎます');
  });
});
