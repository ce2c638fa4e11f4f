import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/core/notebook/parse.js';
import { extractOutputEvidence } from '../../src/core/outputs/index.js';
import type { Notebook } from '../../src/types.js';
import { fixtureValue } from './helpers.js';

const K3_STEP = (i: number, metrics: string) =>
  `\u001b[1m${String(i).padStart(3)}/750\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m2s\u001b[0m 2ms/step - ${metrics}`;

/** A lecture-shaped Colab notebook, Keras 3 era, built from catalogue outputs plus a raw \r progress log. */
function lectureNotebook(): Notebook {
  const fit: string[] = [];
  for (let epoch = 1; epoch <= 30; epoch++) {
    fit.push(`Epoch ${epoch}/30\n`);
    for (const step of [1, 200, 400, 600]) fit.push(`\r${K3_STEP(step, 'accuracy: 0.5000 - loss: 1.0000')}`);
    const acc = (0.9 + epoch / 1000).toFixed(4);
    fit.push(`\r${K3_STEP(750, `accuracy: ${acc} - loss: 0.1000 - val_accuracy: 0.9600 - val_loss: 0.1300`)}\n`);
  }
  const summaryOutputs = ['summary-keras3-header.json', 'summary-keras3-box-table.json', 'summary-keras3-total.json', 'summary-keras3-non-trainable.json'].map((name) => ({
    output_type: 'display_data',
    metadata: {},
    data: { 'text/plain': fixtureValue(name), 'text/html': ['<pre>…</pre>'] },
  }));
  const nb = {
    nbformat: 4,
    nbformat_minor: 0,
    metadata: { colab: { provenance: [], gpuType: 'T4' }, accelerator: 'GPU', kernelspec: { name: 'python3', display_name: 'Python 3' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# 課題4'] },
      { cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(x_train.shape)'], outputs: [{ output_type: 'stream', name: 'stdout', text: fixtureValue('download-keras3-ansi.json') }, { output_type: 'stream', name: 'stdout', text: fixtureValue('shapes-print.json') }] },
      { cell_type: 'code', execution_count: 2, metadata: {}, source: ['model.summary()'], outputs: summaryOutputs },
      { cell_type: 'code', execution_count: 3, metadata: {}, source: ['model.fit(...)'], outputs: [...fit.map((text) => ({ output_type: 'stream', name: 'stdout', text })), { output_type: 'execute_result', execution_count: 3, metadata: {}, data: { 'text/plain': ['<keras.src.callbacks.history.History at 0x79319d8f0c20>'] } }] },
      { cell_type: 'code', execution_count: 4, metadata: {}, source: ['np.around(test2[1], 3)'], outputs: [{ output_type: 'stream', name: 'stdout', text: fixtureValue('predict-keras3-progress.json') }, { output_type: 'execute_result', execution_count: 4, metadata: {}, data: { 'text/plain': ['array([0.   , 0.   , 0.999, 0.001, 0.   , 0.   , 0.   , 0.   , 0.   ,\n', '       0.   ], dtype=float32)'] } }] },
      { cell_type: 'code', execution_count: 5, metadata: {}, source: ['plt.imshow(x, "gray")'], outputs: [{ output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBOR', 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } }] },
    ],
  };
  const parsed = parseNotebook(JSON.stringify(nb));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.notebook;
}

describe('extractOutputEvidence', () => {
  it('reads every kind of fact from a lecture-shaped notebook', () => {
    const evidence = extractOutputEvidence(lectureNotebook());
    expect(evidence.shapes).toEqual([
      { shape: [60000, 28, 28], at: { cell: 1, line: 3 } },
      { shape: [60000], at: { cell: 1, line: 5 } },
    ]);
    expect(evidence.summaries).toHaveLength(1);
    expect(evidence.summaries[0]).toMatchObject({ format: 'keras3-box', modelName: 'sequential', totalParams: 104938, at: { cell: 2, line: 1 } });
    expect(evidence.trainingLogs).toHaveLength(1);
    const log = evidence.trainingLogs[0]!;
    expect(log).toMatchObject({ epochsLogged: 30, epochsTotal: 30, stepsPerEpoch: 750, counterUnit: 'steps', truncated: false, at: { cell: 3, line: 1 } });
    expect(log.final).toEqual({ epoch: 30, accuracy: 0.93, loss: 0.1, val_accuracy: 0.96, val_loss: 0.13 });
    expect(evidence.arrays).toEqual([{ values: [0, 0, 0.999, 0.001, 0, 0, 0, 0, 0, 0], at: { cell: 4, line: 2 } }]);
    expect(evidence.images).toEqual([{ mime: 'image/png', at: { cell: 5, line: 1 } }]);
    expect(evidence.errors).toEqual([]);
  });
});
