import { describe, expect, it } from 'vitest';
import { parseSummaries } from '../../src/core/outputs/keras-summary.js';
import type { SummaryTable } from '../../src/types.js';
import { codeCell, display, fixtureText, fixtureValue, stdoutCell, stream } from './helpers.js';

function only(tables: SummaryTable[]): SummaryTable {
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

const row = (name: string, type: string, outputShape: string, params: number) => ({ name, type, outputShape, params });

describe('Keras 2 summaries', () => {
  it('classic table without Model: line (Keras 2.1/2.2, lecture parameter count)', () => {
    const t = only(parseSummaries([stdoutCell('summary-keras2-classic-lecture-25450.json')]));
    expect(t).toEqual({
      format: 'keras2-classic',
      modelName: null,
      layers: [row('dense_346', 'Dense', '(None, 32)', 25120), row('dense_347', 'Dense', '(None, 10)', 330)],
      totalParams: 25450,
      trainableParams: 25450,
      nonTrainableParams: 0,
      optimizerParams: null,
      at: { cell: 0, line: 1 },
    });
  });

  it('classic functional table with an InputLayer row (Keras 2.0)', () => {
    const t = only(parseSummaries([stdoutCell('summary-keras2-classic-functional-inputlayer.json')]));
    expect(t.format).toBe('keras2-classic');
    expect(t.layers).toEqual([
      row('input_1', 'InputLayer', '(None, 784)', 0),
      row('dense_1', 'Dense', '(None, 500)', 392500),
      row('dense_2', 'Dense', '(None, 10)', 5010),
    ]);
    expect([t.totalParams, t.trainableParams, t.nonTrainableParams]).toEqual([397510, 397510, 0]);
  });

  it('classic table with Model: line and a trailing None from print(model.summary())', () => {
    const t = only(parseSummaries([stdoutCell('summary-tf2-classic-model-line-print-none.json')]));
    expect(t.format).toBe('keras2-classic');
    expect(t.modelName).toBe('sequential_1');
    expect(t.at).toEqual({ cell: 0, line: 1 });
    expect(t.layers).toEqual([
      row('flatten_4', 'Flatten', '(None, 784)', 0),
      row('dense_8', 'Dense', '(None, 128)', 100480),
      row('dropout_4', 'Dropout', '(None, 128)', 0),
      row('dense_9', 'Dense', '(None, 10)', 1290),
    ]);
    expect([t.totalParams, t.trainableParams, t.nonTrainableParams, t.optimizerParams]).toEqual([101770, 101770, 0, null]);
  });

  it('Keras 2.3 classic table with Model: "sequential_4"', () => {
    const t = only(parseSummaries([stdoutCell('summary-keras23-classic-model-line-dense32.json')]));
    expect(t.modelName).toBe('sequential_4');
    expect(t.layers.map((l) => l.params)).toEqual([25120, 2112, 8320, 4128, 330]);
    expect(t.layers.map((l) => l.name)).toEqual(['dense_10', 'dense_11', 'dense_12', 'dense_13', 'dense_14']);
    expect(t.totalParams).toBe(40010);
  });

  it('spaced table of TF 2.6–2.13', () => {
    const t = only(parseSummaries([stdoutCell('summary-tf2-spaced.json')]));
    expect(t).toMatchObject({ format: 'keras2-spaced', modelName: 'sequential', totalParams: 50890, trainableParams: 50890, nonTrainableParams: 0 });
    expect(t.layers).toEqual([row('dense', 'Dense', '(None, 64)', 50240), row('dense_1', 'Dense', '(None, 10)', 650)]);
  });

  it('TF 2.14/2.15 totals with sizes: 7850 (30.66 KB), 0 (0.00 Byte)', () => {
    const t = only(parseSummaries([stdoutCell('summary-tf214-bytes-softmax.json')]));
    expect(t).toMatchObject({ format: 'keras2-bytes', modelName: 'sequential_1', totalParams: 7850, trainableParams: 7850, nonTrainableParams: 0 });
    expect(t.layers).toEqual([row('dense_1', 'Dense', '(None, 10)', 7850), row('activation_1', 'Activation', '(None, 10)', 0)]);
  });

  it('TF 2.14/2.15 summary inside a long stdout, after other printed text', () => {
    const t = only(parseSummaries([stdoutCell('summary-tf214-bytes-deep-mlp-in-long-stdout.json')]));
    expect(t.at).toEqual({ cell: 0, line: 4 });
    expect(t.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['dense', '(None, 392)', 307720],
      ['dense_1', '(None, 196)', 77028],
      ['dense_2', '(None, 99)', 19503],
      ['dense_3', '(None, 196)', 19600],
      ['dense_4', '(None, 392)', 77224],
      ['dense_5', '(None, 10)', 3930],
    ]);
    expect([t.format, t.totalParams, t.trainableParams, t.nonTrainableParams]).toEqual(['keras2-bytes', 505005, 505005, 0]);
  });

  it('TF 2.14/2.15 lecture model with ----- rules: Total params: 25450 (99.41 KB)', () => {
    const t = only(parseSummaries([codeCell([stream(fixtureText('summary-tf214-bytes-dash-rules-lecture.txt'))])]));
    expect(t).toEqual({
      format: 'keras2-bytes',
      modelName: 'sequential',
      layers: [row('dense', 'Dense', '(None, 32)', 25120), row('dense_1', 'Dense', '(None, 10)', 330)],
      totalParams: 25450,
      trainableParams: 25450,
      nonTrainableParams: 0,
      optimizerParams: null,
      at: { cell: 0, line: 1 },
    });
  });

  it('several summaries in one cell', () => {
    const cell = stdoutCell('summary-keras2-classic-lecture-25450.json', 'summary-tf2-spaced.json');
    const tables = parseSummaries([cell]);
    expect(tables.map((t) => [t.format, t.modelName, t.totalParams, t.at.line])).toEqual([
      ['keras2-classic', null, 25450, 1],
      ['keras2-spaced', 'sequential', 50890, 12],
    ]);
  });

  it('Keras 2 long names wrapped over two lines (TF ≥ 2.9 print_row)', () => {
    const text = [
      'Model: "sequential"',
      '_________________________________________________________________',
      ' Layer (type)                Output Shape              Param #   ',
      '=================================================================',
      ' a_very_long_dense_layer_na  (None, 32)                25120     ',
      ' me (Dense)                                                      ',
      '                                                                 ',
      '=================================================================',
      'Total params: 25,120',
      'Trainable params: 25,120',
      'Non-trainable params: 0',
      '_________________________________________________________________',
    ].join('\n');
    const t = only(parseSummaries([codeCell([stream(text)])]));
    expect(t.layers).toEqual([row('a_very_long_dense_layer_name', 'Dense', '(None, 32)', 25120)]);
  });
});

describe('Keras 3 summaries (several display_data outputs)', () => {
  const header = fixtureValue('summary-keras3-header.json');
  const table = fixtureValue('summary-keras3-box-table.json');
  const total = fixtureValue('summary-keras3-total.json');
  const nonTrainable = fixtureValue('summary-keras3-non-trainable.json');

  it('reads header, box table and totals from separate outputs (text/plain)', () => {
    const cell = codeCell([display(header, '<pre>…</pre>'), display(table, '<pre>…</pre>'), display(total), display(nonTrainable)], 5);
    const t = only(parseSummaries([cell]));
    expect(t).toEqual({
      format: 'keras3-box',
      modelName: 'sequential',
      layers: [
        row('flatten', 'Flatten', '(None, 784)', 0),
        row('dense', 'Dense', '(None, 128)', 100480),
        row('dense_1', 'Dense', '(None, 32)', 4128),
        row('dense_2', 'Dense', '(None, 10)', 330),
      ],
      totalParams: 104938,
      trainableParams: null,
      nonTrainableParams: 0,
      optimizerParams: null,
      at: { cell: 5, line: 1 },
    });
  });

  it('falls back to text/html when text/plain is missing', () => {
    const html = fixtureValue('summary-keras3-total-html.json');
    const boxHtml = `<pre style="white-space:pre">${fixtureText('summary-keras3-box-table.json').replace(/\u001b\[[0-9;]*m/g, '').replace(/\(None/g, '(<span style="color: #00d7ff">None</span>')}</pre>\n`;
    const cell = codeCell([display(undefined, '<pre style="white-space:pre"><span style="font-weight: bold">Model: "sequential"</span>\n</pre>\n'), display(undefined, boxHtml), display(undefined, html)]);
    const t = only(parseSummaries([cell]));
    expect(t.modelName).toBe('sequential');
    expect(t.layers.map((l) => l.params)).toEqual([0, 100480, 4128, 330]);
    expect(t.layers[0]!.outputShape).toBe('(None, 784)');
    expect(t.totalParams).toBe(101770);
  });

  it('trained functional lecture model: InputLayer row and Optimizer params', () => {
    // the catalogue shows the outputs flattened with blank lines between the totals: one output per block
    const blocks = fixtureText('summary-keras3-trained-functional-lecture.txt').split('\n\n');
    expect(blocks).toHaveLength(5);
    const t = only(parseSummaries([codeCell(blocks.map((b) => display(b + '\n')))]));
    expect(t).toEqual({
      format: 'keras3-box',
      modelName: 'functional',
      layers: [row('input_layer', 'InputLayer', '(None, 784)', 0), row('dense', 'Dense', '(None, 32)', 25120), row('dense_1', 'Dense', '(None, 10)', 330)],
      totalParams: 76352,
      trainableParams: 25450,
      nonTrainableParams: 0,
      optimizerParams: 50902,
      at: { cell: 0, line: 1 },
    });
  });

  it('reads the flattened text too, and cells wrapped over two lines', () => {
    const text = [
      '┏━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)            ┃ Output Shape   ┃       Param # ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
      '│ hidden_layer_with_long  │ (None, 32)     │        25,120 │',
      '│ (Dense)                 │                │               │',
      '└─────────────────────────┴────────────────┴───────────────┘',
      ' Total params: 25,120 (98.12 KB)',
    ].join('\n');
    const t = only(parseSummaries([codeCell([stream(text)])]));
    expect(t.layers).toEqual([row('hidden_layer_with_long', 'Dense', '(None, 32)', 25120)]);
    expect(t.modelName).toBeNull();
    expect(t.totalParams).toBe(25120);
  });
});

describe('what is not a summary', () => {
  it('ignores training logs, stderr and cells without outputs', () => {
    const cells = [stdoutCell('fit-tf22-v1-steps-ms.json'), codeCell([stream(fixtureValue('summary-tf2-spaced.json'), 'stderr')]), codeCell([])];
    expect(parseSummaries(cells)).toEqual([]);
  });
});
