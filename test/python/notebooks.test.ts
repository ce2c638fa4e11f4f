/**
 * The interpreter on whole notebooks (fixtures/notebooks/interpreter/, read with the notebook parser):
 * a model trained through a class, and an import cell the kernel ran last (issue 15: the names it binds
 * are taken from it and recorded as assumed imports).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/core/notebook/parse.js';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import type { CodeEvidence } from '../../src/types.js';
import { makeCells } from './make-cells.js';

const DIR = join(import.meta.dirname, '../../fixtures/notebooks/interpreter');

async function evidenceOfFile(name: string): Promise<CodeEvidence> {
  const parsed = parseNotebook(await readFile(join(DIR, name)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return extractCodeEvidence(parsed.notebook.cells);
}

describe('class-trainer.ipynb', () => {
  it('yields the lecture model, compile and fit from methods, ranIn the calling cells', async () => {
    const evidence = await evidenceOfFile('class-trainer.ipynb');
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.models).toEqual([
      {
        variable: 'self.model',
        kind: 'sequential',
        layers: [
          { type: 'Dense', units: 32, activation: 'relu', inputShape: [784], at: { cell: 3, line: 5 } },
          { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, at: { cell: 3, line: 6 } },
        ],
        compile: { loss: 'categorical_crossentropy', optimizer: 'adam', learningRate: null, metrics: ['accuracy'], at: { cell: 3, line: 7 } },
        at: { cell: 3, line: 4 },
      },
    ]);
    expect(evidence.fits).toEqual([
      {
        model: 'self.model', epochs: 30, batchSize: 64, validationSplit: 0.2, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, at: { cell: 3, line: 10 }, ranIn: 5, seq: 0,
      },
    ]);
    expect(evidence.calls).toEqual([
      { method: 'predict', model: 'self.model', target: null, input: 'x', at: { cell: 3, line: 15 }, ranIn: 6, seq: 1 },
    ]);
    expect(evidence.shown).toEqual([
      { how: 'print', source: 'model', predictRow: { target: null, index: 1 }, at: { cell: 6, line: 2 }, ranIn: 6, seq: 2 },
      { how: 'plot', call: 'imshow', source: 'data', at: { cell: 6, line: 3 }, ranIn: 6, seq: 3 },
    ]);
    expect(evidence.dataSteps.map((step) => step.kind)).toEqual([
      'load_data', 'reshape', 'scale', 'reshape', 'scale', 'to_categorical', 'to_categorical', 'reshape',
    ]);
    expect(evidence.assumedImports).toEqual([]);
  });
});

describe('import-cell-run-last.ipynb (issue 15)', () => {
  it('takes the names from the import cell run last and still yields the model, the fit and the predictions', async () => {
    const evidence = await evidenceOfFile('import-cell-run-last.ipynb');
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.models).toHaveLength(1);
    expect(evidence.models[0]).toMatchObject({ variable: 'model', kind: 'sequential', at: { cell: 4, line: 1 } });
    expect(evidence.models[0]!.layers.map((layer) => [layer.units, layer.activation])).toEqual([
      [32, 'relu'],
      [10, 'softmax'],
    ]);
    expect(evidence.models[0]!.compile).toMatchObject({ loss: 'categorical_crossentropy', optimizer: 'adam' });
    expect(evidence.fits).toEqual([
      {
        model: 'model', epochs: 30, batchSize: 64, validationSplit: 0.2, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, at: { cell: 6, line: 1 }, ranIn: 6, seq: 2,
      },
    ]);
    expect(evidence.calls.map((call) => [call.target, call.ranIn])).toEqual([
      ['test', 5],
      ['test2', 7],
    ]);
    expect(evidence.dataSteps.map((step) => [step.kind, step.at.cell])).toEqual([
      ['load_data', 2], ['reshape', 2], ['scale', 2], ['reshape', 2], ['scale', 2], ['to_categorical', 3], ['to_categorical', 3], ['reshape', 8],
    ]);
    expect(evidence.shown.map((shown) => [shown.how, shown.call ?? null, shown.source, shown.predictRow ?? null, shown.ranIn])).toEqual([
      ['expression', null, 'model', null, 5],
      ['print', null, 'model', { target: 'test2', index: 1 }, 7],
      ['plot', 'imshow', 'data', null, 8],
    ]);
    expect(evidence.assumedImports).toEqual([
      { name: 'tf', from: 1, usedIn: 2 },
      { name: 'tf', from: 1, usedIn: 3 },
      { name: 'Sequential', from: 1, usedIn: 4 },
      { name: 'Dense', from: 1, usedIn: 4 },
      { name: 'np', from: 1, usedIn: 7 },
      { name: 'plt', from: 1, usedIn: 8 },
    ]);
  });
});

describe('assumed imports', () => {
  it('uses a later import only for names not bound when they are used', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        { source: 'import numpy as np\nfrom keras.models import Sequential', count: 1 },
        { source: 'model = Sequential()\nx = np.zeros(3)\nplt.imshow(x)', count: 2 },
        { source: 'import numpy as np\nimport matplotlib.pyplot as plt\nif True:\n    from keras.layers import Dense', count: 5 },
        { source: 'model.add(Dense(10))', count: 3 },
        { source: 'def f():\n    import seaborn as sns\nsns.heatmap(x)', count: 4 },
      ]),
    );
    expect(evidence.assumedImports).toEqual([
      { name: 'plt', from: 2, usedIn: 1 },
      { name: 'Dense', from: 2, usedIn: 3 },
    ]);
    expect(evidence.models[0]!.layers.map((layer) => layer.units)).toEqual([10]);
    // sns is imported only inside a function (not assumed); its heatmap call still draws a plot
    expect(evidence.shown.filter((shown) => shown.how === 'plot').map((shown) => [shown.call, shown.source])).toEqual([
      ['imshow', 'constant'],
      ['heatmap', 'constant'],
    ]);
  });

  it('does not assume a name the using cell\'s saved outputs report as not defined', async () => {
    const cells = makeCells([
      { source: 'model = tf.keras.Sequential()\nplt.imshow(x)', count: 1 },
      { source: 'import tensorflow as tf\nimport matplotlib.pyplot as plt', count: 2 },
    ]);
    cells[0]!.outputs = [{ kind: 'error', text: '', images: [], ename: 'NameError', evalue: "name 'tf' is not defined" }];
    const evidence = await extractCodeEvidence(cells);
    expect(evidence.assumedImports).toEqual([{ name: 'plt', from: 1, usedIn: 0 }]);
    expect(evidence.models).toEqual([]);
  });

  it('finds nothing to assume when no cell imports the name', async () => {
    const evidence = await extractCodeEvidence(makeCells(['model = tf.keras.Sequential()']));
    expect(evidence.assumedImports).toEqual([]);
    expect(evidence.models).toEqual([]);
  });
});
