/** Tokens, winnowing, the template, Colab names and the pair index, each on its own. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { loadPythonParser } from '../../src/core/python/tree-sitter.js';
import { tokenizeJoined, tokenizePieces, type Token } from '../../src/core/integrity/tokens.js';
import { parseNotebook } from '../../src/core/notebook/parse.js';
import { maskMagics } from '../../src/core/python/magics.js';
import { parseCell } from '../../src/core/python/parse-cache.js';
import { fixtureFiles } from '../helpers/fixture-class.js';
import { kgramHashes, winnow, K, WINDOW } from '../../src/core/integrity/winnow.js';
import { buildTemplate, normaliseCellText, splitTemplateCells } from '../../src/core/integrity/template.js';
import { compareNames } from '../../src/core/integrity/names.js';
import { countSharedFeatures } from '../../src/integrity/pairs.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const tokens = (source: string): Token[] => tokenizePieces(parser, [{ key: 0, source }]).get(0) ?? [];
const hashes = (source: string): number[] => tokens(source).map((t) => t.hash);

describe('tokens', () => {
  it('are the same after renaming variables, changing numbers and strings, and editing comments', () => {
    const a = "history = model.fit(x, y, epochs=30)  # train\nplt.plot(history.history['loss'])";
    const b = "# my run\nh = net.fit(xs, ys, epochs=5)\nplt.plot(h.history[\"val_loss\"])";
    expect(hashes(a)).toEqual(hashes(b));
    expect(hashes(a)).not.toEqual(hashes('history = model.fit(x, y)\nplt.plot(history)'));
  });

  it('keep line numbers per piece, and mask IPython magics', () => {
    const result = tokenizePieces(parser, [{ key: 3, source: 'a = 1\nb = 2' }, { key: 7, source: '%matplotlib inline\n!pip install x\nc = 3' }]);
    expect(result.get(3)?.map((t) => t.line)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(result.get(7)?.map((t) => t.line)).toEqual([1, 2, 3, 3, 3]);
  });

  it('read from the parsed copies are the tokens of the pieces parsed together, on every fixture notebook', () => {
    // notebooks whose every cell parses cleanly alone (read from the copies; the others take the joined path)
    let clean = 0;
    for (const file of fixtureFiles(/\.ipynb$/)) {
      const parsed = parseNotebook(readFileSync(file));
      if (!parsed.ok) continue;
      const pieces = parsed.notebook.cells.filter((cell) => cell.type === 'code').map((cell) => ({ key: cell.index, source: cell.source }));
      expect(tokenizePieces(parser, pieces), file).toEqual(tokenizeJoined(parser, pieces));
      const copies = pieces.map((piece) => parseCell(parser, maskMagics(piece.source)));
      if (copies.every((copy) => !('failure' in copy) && !copy.root.hasError)) clean += 1;
    }
    expect(clean).toBeGreaterThan(20);
  });

  it('do not spill from a broken piece into the next one', () => {
    const alone = tokenizePieces(parser, [{ key: 1, source: 'x = [1, 2' }]).get(1)?.length;
    const result = tokenizePieces(parser, [{ key: 1, source: 'x = [1, 2' }, { key: 2, source: 'y = 3' }]);
    expect(result.get(1)?.length).toBe(alone);
    expect(result.get(2)?.map((t) => t.line)).toEqual([1, 1, 1]);
  });
});

describe('winnowing', () => {
  const stream = (values: number[]): Token[] => values.map((hash, i) => ({ hash, line: i + 1 }));

  it('guarantees a shared fingerprint for any shared run of k + w − 1 tokens', () => {
    const shared = Array.from({ length: K + WINDOW - 1 }, (_, i) => 1000 + i * 7);
    const a = winnow(stream([1, 2, 3, ...shared, 4, 5]));
    const b = winnow(stream([9, ...shared, 8, 7, 6, 5, 4]));
    const inB = new Set(b.map((f) => f.hash));
    expect(a.some((f) => inB.has(f.hash))).toBe(true);
  });

  it('is deterministic and keeps each selected position once', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i * 7919) % 263);
    const a = winnow(stream(values));
    expect(winnow(stream(values))).toEqual(a);
    expect(a.length).toBeLessThan(kgramHashes(stream(values)).length);
    expect(a.length).toBeGreaterThan(200 / WINDOW - 2);
  });

  it('gives nothing for fewer than k tokens', () => {
    expect(winnow(stream([1, 2, 3]))).toEqual([]);
  });
});

describe('the template', () => {
  const text = readFileSync(join(import.meta.dirname, '../../rubrics/kadai4.template.py'), 'utf8');

  it('splits on # %% and normalises cells (trailing spaces, blank and comment lines)', () => {
    expect(splitTemplateCells('# head\n# %%\na = 1\n\n# %% two\nb = 2  \n').map(normaliseCellText)).toEqual(['a = 1', 'b = 2']);
    expect(splitTemplateCells(text).length).toBeGreaterThanOrEqual(12);
  });

  it('covers the lecture code even when names change and cells are merged', () => {
    const template = buildTemplate(parser, 'kadai4.template.py', text);
    const student = [
      'from keras.models import Sequential\nfrom keras.layers import Dense',
      'net = Sequential()\nnet.add(Dense(64, input_shape=(784,), activation="relu"))\nnet.add(Dense(10, activation="softmax"))',
      "net.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])\nnet.summary()\nhist = net.fit(x_train, y_train, epochs=10, batch_size=128, validation_split=0.1)",
    ].join('\n');
    const prints = winnow(tokens(student));
    expect(prints.length).toBeGreaterThan(5);
    expect(prints.filter((f) => !template.hashes.has(f.hash))).toEqual([]);
  });
});

describe('Colab names against the submitter', () => {
  it.each([
    ['山田太郎', '山田太郎', 'same'],
    ['さくら 渡辺', '渡辺さくら', 'same'],
    ['ﾀﾛｳ', 'たろう', 'same'],
    ['Sato Hanako', 'hanako sato', 'same'],
    ['山田', '山田太郎', 'same'],
    ['鈴木一郎', '山田太郎', 'different'],
    ['Taro Suzuki', 'Taro Yamada', 'different'],
    // honest near-misses: kanji variants and romaji spellings of one name
    ['高橋健', '髙橋健', 'same'],
    ['渡邊さくら', '渡辺さくら', 'same'],
    ['Tarou Satou', 'Taro Sato', 'same'],
    ['Shinji Ikari', 'Sinzi Ikari', 'same'],
    ['Kouhei Oono', 'Kohei Ono', 'same'],
    ['Hanako Sato', '佐藤花子', 'not-comparable'],
    ['やまだ', '山田', 'not-comparable'],
    ['', '山田', 'not-comparable'],
  ])('%s vs %s → %s', (colab, submitter, expected) => {
    expect(compareNames(colab, submitter)).toBe(expected);
  });
});

describe('the pair index', () => {
  it('counts shared features per pair and ignores features common to more than the limit', () => {
    const counts = countSharedFeatures([['a', 'b', 'x'], ['a', 'b', 'x'], ['b', 'x'], ['x']], 3);
    expect(Object.fromEntries(counts)).toEqual({ '0,1': 2, '0,2': 1, '1,2': 1 });
  });

  it('links many holders of one feature as a star, in linear work', () => {
    const features = Array.from({ length: 5000 }, () => ['same']);
    const counts = countSharedFeatures(features, null);
    expect(counts.size).toBe(4999);
    expect(counts.get('0,4999')).toBe(1);
  });
});
