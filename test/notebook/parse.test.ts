import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Byte, parseNotebook } from '../../src/core/notebook/parse.js';
import type { Notebook } from '../../src/types.js';
import { fixtureValue } from '../outputs/helpers.js';

function ok(input: Buffer | string): Notebook {
  const result = parseNotebook(input);
  if (!result.ok) throw new Error(result.reason);
  return result.notebook;
}

function reason(input: Buffer | string): string {
  const result = parseNotebook(input);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

/** Shaped like a Colab export (nbformat 4.0, cell ids and executionInfo in metadata). */
const colabNotebook = {
  nbformat: 4,
  nbformat_minor: 0,
  metadata: {
    colab: { provenance: [], gpuType: 'T4' },
    kernelspec: { name: 'python3', display_name: 'Python 3' },
    language_info: { name: 'python' },
    accelerator: 'GPU',
  },
  cells: [
    { cell_type: 'markdown', source: ['# 課題4\n', 'MLP'], metadata: { id: 'a1' } },
    {
      cell_type: 'code',
      execution_count: null,
      source: ['import numpy as np\r\n', 'print(x_train.shape)'],
      metadata: {
        id: 'b2',
        colab: { base_uri: 'https://localhost:8080/' },
        outputId: '3f0c',
        executionInfo: {
          status: 'ok',
          timestamp: 1699950000123,
          user_tz: -540,
          elapsed: 812,
          user: { displayName: '山田太郎', userId: '0123456789' },
        },
      },
      outputs: [
        { output_type: 'stream', name: 'stdout', text: ['Epoch 1/2\n', '\u001b[1m750/750\u001b[0m'] },
        { output_type: 'stream', name: 'stdout', text: ['\r\u001b[1m750/750\u001b[0m done\n'] },
        { output_type: 'stream', name: 'stderr', text: 'warn\n' },
        { output_type: 'stream', name: 'stdout', text: 'after\n' },
        {
          output_type: 'display_data',
          metadata: {},
          data: { 'text/html': ['<pre>x</pre>'], 'text/plain': ['\u001b[1mModel: "sequential"\u001b[0m\n'], 'image/png': 'iVBOR', 'image/svg+xml': '<svg/>' },
        },
        { output_type: 'execute_result', execution_count: 3, metadata: {}, data: { 'text/plain': '(60000, 784)' } },
        {
          output_type: 'error',
          ename: 'TypeError',
          evalue: 'Invalid dimensions for image data',
          traceback: ['\u001b[0;31m----------\u001b[0m', '\u001b[0;31mTypeError\u001b[0m: Invalid dimensions for image data'],
        },
      ],
    },
    {
      cell_type: 'code',
      execution_count: 4,
      source: 'x = 1',
      metadata: { executionInfo: { timestamp: 'bad', user: { userId: '42' } } },
      outputs: [],
    },
  ],
};

describe('parseNotebook', () => {
  it('reads a Colab export: cells, sources, metadata, cleaned outputs', () => {
    const nb = ok(JSON.stringify(colabNotebook));
    expect(nb.nbformat).toBe('4.0');
    expect(nb.colab).toBe(true);
    expect(nb.accelerator).toBe('T4');
    expect(nb.kernel).toBe('python3');
    expect(nb.cells.map((c) => c.type)).toEqual(['markdown', 'code', 'code']);
    expect(nb.cells[0]).toMatchObject({ index: 0, source: '# 課題4\nMLP', executionCount: null, outputs: [] });
    const code = nb.cells[1]!;
    expect(code.source).toBe('import numpy as np\nprint(x_train.shape)');
    expect(code.executionCount).toBeNull();
    expect(code.colab).toEqual({ executedAt: '2023-11-14T08:20:00.123Z', user: '山田太郎', userId: '0123456789' });
    expect(nb.cells[2]!.colab).toEqual({ executedAt: null, user: '42', userId: '42' });
    expect(nb.cells[2]!.executionCount).toBe(4);

    const [out1, out2, out3, out4, out5, out6] = code.outputs;
    // consecutive stdout chunks joined before cleaning: the \r overwrites across chunks
    expect(out1).toEqual({ kind: 'stream', stream: 'stdout', text: 'Epoch 1/2\n750/750 done\n', images: [] });
    expect(out2).toEqual({ kind: 'stream', stream: 'stderr', text: 'warn\n', images: [] });
    expect(out3).toEqual({ kind: 'stream', stream: 'stdout', text: 'after\n', images: [] });
    expect(out4).toEqual({ kind: 'display_data', text: 'Model: "sequential"\n', html: '<pre>x</pre>', images: ['image/png', 'image/svg+xml'] });
    expect(out5).toEqual({ kind: 'execute_result', text: '(60000, 784)', images: [] });
    expect(out6).toEqual({
      kind: 'error',
      text: '----------\nTypeError: Invalid dimensions for image data',
      images: [],
      ename: 'TypeError',
      evalue: 'Invalid dimensions for image data',
    });
  });

  it('strips a UTF-8 BOM and reads Buffers', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(colabNotebook))]);
    expect(ok(bytes).cells).toHaveLength(3);
    expect(ok('\uFEFF' + JSON.stringify(colabNotebook)).cells).toHaveLength(3);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(colabNotebook), 'utf16le')]);
    expect(ok(utf16).cells[0]!.source).toBe('# 課題4\nMLP');
  });

  it('uses metadata.accelerator without gpuType, and detects Colab from executionInfo alone', () => {
    const nb = ok(JSON.stringify({ ...colabNotebook, nbformat_minor: 5, metadata: { accelerator: 'GPU', kernelspec: { display_name: 'Python 3' } } }));
    expect(nb.nbformat).toBe('4.5');
    expect(nb.accelerator).toBe('GPU');
    expect(nb.kernel).toBe('Python 3');
    expect(nb.colab).toBe(true);
  });

  it('reads a plain Jupyter notebook without Colab metadata', () => {
    const nb = ok(JSON.stringify({ nbformat: 4, nbformat_minor: 2, metadata: {}, cells: [{ cell_type: 'code', source: [], execution_count: 1, outputs: [], metadata: {} }] }));
    expect(nb).toMatchObject({ colab: false, accelerator: null, kernel: null });
    expect(nb.cells[0]!.colab).toBeUndefined();
  });

  it('reads outputs and sources stored as single strings (Keras 2.0 notebook #31)', () => {
    const text = fixtureValue('fit-keras20-checkpoint-glued-single-string.json');
    expect(typeof text).toBe('string');
    const nb = ok(JSON.stringify({ nbformat: 4, nbformat_minor: 1, metadata: {}, cells: [{ cell_type: 'code', source: 'model.fit(x, y)\n', execution_count: 7, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text }] }] }));
    expect(nb.cells[0]!.source).toBe('model.fit(x, y)\n');
    expect(nb.cells[0]!.outputs[0]!.text).toContain('48000/48000 [==============================] - 9s - loss: 0.1246');
  });

  it('keeps cell indexes when a cell is not an object or has an unknown type', () => {
    const nb = ok(JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [42, { cell_type: 'widget', source: 'x' }, { cell_type: 'code', source: 'y', outputs: [null, { output_type: 'update_display_data' }] }] }));
    expect(nb.cells.map((c) => [c.index, c.type])).toEqual([[0, 'raw'], [1, 'raw'], [2, 'code']]);
    expect(nb.cells[2]!.outputs).toEqual([]);
  });

  it('reads nbformat 3 worksheets', () => {
    const v3 = {
      nbformat: 3,
      nbformat_minor: 0,
      metadata: { name: '' },
      worksheets: [
        {
          cells: [
            { cell_type: 'heading', level: 1, source: ['MNIST'] },
            {
              cell_type: 'code',
              input: ['print(X_train.shape)'],
              language: 'python',
              prompt_number: 3,
              outputs: [
                { output_type: 'stream', stream: 'stdout', text: ['(60000, 784)\n'] },
                { output_type: 'pyout', prompt_number: 3, text: ['array([1., 0.])'], html: ['<b>x</b>'] },
                { output_type: 'display_data', png: 'iVBOR', text: ['<matplotlib.figure.Figure at 0x10>'] },
                { output_type: 'pyerr', ename: 'NameError', evalue: "name 'x' is not defined", traceback: ['NameError'] },
              ],
            },
          ],
        },
      ],
    };
    const nb = ok(JSON.stringify(v3));
    expect(nb.nbformat).toBe('3.0');
    expect(nb.cells.map((c) => c.type)).toEqual(['markdown', 'code']);
    const code = nb.cells[1]!;
    expect(code).toMatchObject({ source: 'print(X_train.shape)', executionCount: 3 });
    expect(code.outputs.map((o) => o.kind)).toEqual(['stream', 'execute_result', 'display_data', 'error']);
    expect(code.outputs[1]).toMatchObject({ text: 'array([1., 0.])', html: '<b>x</b>' });
    expect(code.outputs[2]!.images).toEqual(['image/png']);
    expect(code.outputs[3]).toMatchObject({ ename: 'NameError', evalue: "name 'x' is not defined" });
  });

  describe('failures come back as plain-English reasons', () => {
    it.each([
      ['', 'The file is empty.'],
      ['  \n', 'The file is empty.'],
      ['[]', 'The file is JSON but not a notebook: expected an object, found a list.'],
      ['null', 'The file is JSON but not a notebook: expected an object, found null.'],
      ['"text"', 'The file is JSON but not a notebook: expected an object, found a string.'],
      ['{"cells": []}', 'The file has no "nbformat" version, so it is not a Jupyter notebook.'],
      ['{"nbformat": 5, "cells": []}', 'Unsupported notebook format version 5 (this tool reads nbformat 3 and 4).'],
      ['{"nbformat": 2, "cells": []}', 'Unsupported notebook format version 2 (this tool reads nbformat 3 and 4).'],
      ['{"nbformat": "4", "cells": []}', 'The notebook\'s "nbformat" version ("4") is not a whole number.'],
      ['{"nbformat": 4, "nbformat_minor": 5}', 'The notebook has no "cells" list.'],
      ['{"nbformat": 4, "cells": {}}', 'The notebook\'s "cells" value is not a list.'],
      ['{"nbformat": 4, "nbformat_minor": 5, "cells": []}', 'The notebook has no cells.'],
      ['{"nbformat": 3, "nbformat_minor": 0}', 'The notebook (nbformat 3) has no "worksheets" list.'],
      ['{"nbformat": 3, "worksheets": []}', 'The notebook has no cells.'],
    ])('%j', (input, expected) => {
      expect(reason(input)).toBe(expected);
    });

    it('names the line and column of malformed JSON', () => {
      expect(reason('{\n  "nbformat": 4,\n  "cells": [,]\n}')).toBe('The file is not valid JSON: Unexpected token \',\' at line 3, column 13.');
      expect(reason('{\n "a": 1\n "b": 2}')).toBe("The file is not valid JSON: Expected ',' or '}' after property value at line 3, column 2.");
      const long = `{"nbformat": 4, "cells": [], "metadata": {"aaaaaaaaaaaaaaa": x}}`;
      expect(reason(long)).toBe(`The file is not valid JSON: Unexpected token 'x' at line 1, column ${long.indexOf('x') + 1}.`);
    });

    it('says when the file is cut off', () => {
      expect(reason('{"nbformat": 4, "cells": [')).toBe('The file is not valid JSON: the text ends unexpectedly (the file looks cut off).');
    });

    it('says when the file is Python source saved as .ipynb (2398015), keeping the JSON detail', () => {
      const py = 'from tensorflow import keras\nfrom keras.models import Sequential\n\nmodel = Sequential()\n';
      expect(reason(py)).toBe("The file is Python source (a .py export?), not a notebook: it is not valid JSON (Unexpected token 'r' at line 1, column 2).");
      const colab = '# -*- coding: utf-8 -*-\n"""Untitled0.ipynb\n\nAutomatically generated by Colaboratory.\n"""\n\nimport keras\n';
      expect(reason(Buffer.from('\uFEFF' + colab))).toMatch(/^The file is Python source \(a \.py export\?\), not a notebook: it is not valid JSON \(.+ at line 1, column 1\)\.$/);
      for (const start of ['import numpy as np', '  \n\nimport os', '#!/usr/bin/env python3', '# %%', '"""Lecture 4."""', "'''doc'''", 'def main():', 'class Net(Model):', '@tf.function', 'from .models import x']) {
        expect(reason(`${start}\nx = 1\n`), start).toMatch(/^The file is Python source \(a \.py export\?\), not a notebook: it is not valid JSON \(.+\)\.$/);
      }
    });

    it('other text that is not JSON keeps the plain JSON message', () => {
      expect(reason(Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x01, 0x0a]))).toMatch(/^The file is not valid JSON: /); // `# ` then binary
      for (const text of ['<html><body>x</body></html>', 'model = Sequential()', 'important notes', 'from here on', 'definitely not', 'PK but text', '%matplotlib inline']) {
        expect(reason(text), text).toMatch(/^The file is not valid JSON: /);
      }
    });

    it('recognises a zip archive', () => {
      expect(reason(Buffer.from('PK\u0003\u0004rest'))).toBe('The file is a zip archive, not a notebook (.ipynb files are JSON text).');
    });
  });
});

describe('the bytes that are not UTF-8', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const valid = (bytes: Uint8Array): boolean => {
    try {
      strict.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it('are found where the strict decoder fails, on random byte strings near UTF-8', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
    const pieces = ['a', 'é', '日本', '😀', '\uFFFD'].map((text) => new TextEncoder().encode(text));
    let invalid = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes: number[] = [];
      for (let k = next() % 8; k >= 0; k--) bytes.push(...(next() % 4 === 0 ? [next() % 256] : pieces[next() % pieces.length]!));
      const data = Uint8Array.from(bytes);
      const at = firstInvalidUtf8Byte(data);
      expect(at === null, `bytes ${bytes.join(' ')}`).toBe(valid(data));
      if (at === null) continue;
      invalid += 1;
      expect(valid(data.subarray(0, at)), `prefix of ${bytes.join(' ')}`).toBe(true);
      expect(valid(data.subarray(0, at + 4)) && at + 4 <= data.length, `at ${at} in ${bytes.join(' ')}`).toBe(false);
    }
    expect(invalid).toBeGreaterThan(500);
  });

  it('are recorded on the notebook, and a U+FFFD written as valid UTF-8 is not mistaken for one', () => {
    const json = JSON.stringify({ ...colabNotebook });
    expect(ok(Buffer.from(json, 'utf8')).invalidUtf8At).toBeNull();
    expect(ok(Buffer.from(json.replace('MLP', 'MLP \uFFFD'), 'utf8')).invalidUtf8At).toBeNull();
    const bad = Buffer.from(json.replace('MLP', 'MLP XX'), 'utf8');
    const at = bad.indexOf('MLP XX') + 4;
    bad[at] = 0x93; // a lone Shift_JIS-style byte
    expect(ok(bad).invalidUtf8At).toBe(at);
    expect(ok(json).invalidUtf8At).toBeNull();
  });
});
