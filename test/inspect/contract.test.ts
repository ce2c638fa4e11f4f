/**
 * The JSON contract of `grade inspect --json` (README "`grade inspect`"): the exact field names at every
 * level, null for what the code leaves out, NaN written as "NaN", and the readable view's wording for
 * Keras's defaults. A change here is a contract change: bump INSPECT_VERSION when it breaks readers.
 */
import { describe, expect, it } from 'vitest';
import { formatInspect, inspectBytes, INSPECT_VERSION, type InspectReport } from '../../src/inspect/index.js';
import { display, errorOutput, notebookJson, stdout } from './notebook-json.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A notebook that leaves Keras's defaults out, diverges to nan, and shows one of each kind of fact. */
const SAMPLE = notebookJson([
  { type: 'markdown', source: '# kadai' },
  {
    source: [
      'from tensorflow import keras',
      'model = keras.Sequential([keras.layers.Dense(16, input_dim=784), keras.layers.Dropout(0.5), keras.layers.Dense(10)])',
      "model.compile(loss='mse', metrics=['acc', 'mae'])",
      'model.summary()',
    ].join('\n'),
    outputs: [
      stdout(
        [
          'Model: "sequential"',
          '_________________________________________________________________',
          'Layer (type)                 Output Shape              Param #   ',
          '=================================================================',
          'dense (Dense)                (None, 16)                12560     ',
          '_________________________________________________________________',
          'dropout (Dropout)            (None, 16)                0         ',
          '_________________________________________________________________',
          'dense_1 (Dense)              (None, 10)                170       ',
          '=================================================================',
          'Total params: 12,730',
          'Trainable params: 12,730',
          'Non-trainable params: 0',
          '_________________________________________________________________',
          '',
        ].join('\n'),
      ),
    ],
  },
  {
    source: 'history = model.fit(x_train, y_train)\nprint(x_train.shape)',
    outputs: [
      stdout(
        'Train on 60000 samples\nEpoch 1/1\n60000/60000 [==============================] - 3s 50us/sample - loss: nan - acc: 0.0980 - mae: 0.1800\n(60000, 784)\n',
      ),
    ],
  },
  { source: 'plt.imshow(img)\n1 / 0', outputs: [display({ 'text/plain': '<Figure>', 'image/png': PNG }), errorOutput('ZeroDivisionError', 'division by zero')] },
  { source: 'p = model.predict(x_test)\nprint(np.around(p[0], 3))', outputs: [stdout('[0.1 0.9]\n')] },
  { source: 'def broken(:\n    pass' },
  { source: 'import matplotlib.pyplot as plt\nkeras.utils.set_random_seed(42);' },
]);

async function sample(): Promise<InspectReport> {
  return inspectBytes('sample.ipynb', SAMPLE);
}

const keys = (value: object | null | undefined): string[] => Object.keys(value ?? {});

describe('the JSON contract, version 1', () => {
  it('names every field at every level', async () => {
    const report = JSON.parse(JSON.stringify(await sample())) as InspectReport;
    expect(INSPECT_VERSION).toBe(1);
    expect(keys(report)).toEqual([
      'version', 'file', 'error', 'notebook', 'models', 'fits', 'summaries', 'trainingLogs', 'shapes', 'images', 'errors',
      'syntaxErrors', 'calls', 'dataSteps', 'arrays', 'shown', 'assumedImports', 'seeds',
    ]);
    expect(keys(report.notebook)).toEqual(['nbformat', 'codeCells', 'executedCells', 'executionOrder', 'colab', 'accelerator', 'cells', 'kernel']);
    expect(keys(report.models[0])).toEqual(['cell', 'line', 'variable', 'kind', 'layers', 'compile']);
    expect(keys(report.models[0]!.layers[0])).toEqual(['type', 'units', 'activation', 'inputShape', 'rate', 'cell', 'line']);
    expect(keys(report.models[0]!.compile)).toEqual(['loss', 'optimizer', 'metrics', 'learningRate', 'cell', 'line']);
    expect(keys(report.fits[0])).toEqual([
      'cell', 'line', 'model', 'epochs', 'batchSize', 'validationSplit', 'hasValidationData', 'verbose', 'callbacks', 'argumentsKnown', 'ranIn', 'seq',
    ]);
    expect(keys(report.summaries[0])).toEqual([
      'cell', 'line', 'format', 'modelName', 'layers', 'totalParams', 'trainableParams', 'nonTrainableParams', 'optimizerParams',
    ]);
    expect(keys(report.summaries[0]!.layers[0])).toEqual(['name', 'type', 'outputShape', 'params']);
    expect(keys(report.trainingLogs[0])).toEqual([
      'cell', 'line', 'epochsLogged', 'epochsTotal', 'stepsPerEpoch', 'counterUnit', 'truncated', 'epochs', 'final', 'diverged', 'epochsFrom',
    ]);
    expect(keys(report.trainingLogs[0]!.epochsFrom)).toEqual(['log', 'code', 'fit', 'agree', 'used']);
    expect(keys(report.trainingLogs[0]!.final)).toEqual(['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'mae']);
    expect(keys(report.shapes[0])).toEqual(['cell', 'line', 'shape']);
    expect(keys(report.images[0])).toEqual(['cell', 'line', 'mime']);
    expect(keys(report.errors[0])).toEqual(['cell', 'line', 'ename', 'message']);
    expect(keys(report.syntaxErrors[0])).toEqual(['cell', 'line', 'message']);
    expect(keys(report.calls[0])).toEqual(['cell', 'line', 'method', 'model', 'target', 'input', 'ranIn', 'seq']);
    expect(keys(report.arrays[0])).toEqual(['cell', 'line', 'values']);
    expect(keys(report.shown[0])).toEqual(['cell', 'line', 'ranIn', 'seq', 'how', 'call', 'source', 'predictRow']);
    expect(keys(report.assumedImports[0])).toEqual(['name', 'from', 'usedIn']);
    expect(report.seeds).toEqual([{ cell: 6, line: 2, call: 'keras.utils.set_random_seed', seed: 42 }]);
  });

  it('gives null for what the code leaves out, and the facts where they are', async () => {
    const report = await sample();
    expect(report.notebook).toEqual({
      nbformat: '4.5', codeCells: 6, executedCells: 6, executionOrder: 'in-order', colab: false, accelerator: null, cells: 7, kernel: null,
    });
    expect(report.models).toEqual([
      {
        cell: 1, line: 2, variable: 'model', kind: 'sequential',
        layers: [
          { type: 'Dense', units: 16, activation: null, inputShape: [784], rate: null, cell: 1, line: 2 },
          { type: 'Dropout', units: null, activation: null, inputShape: null, rate: 0.5, cell: 1, line: 2 },
          { type: 'Dense', units: 10, activation: null, inputShape: null, rate: null, cell: 1, line: 2 },
        ],
        // names as written in the code (only the training log's metric names are normalised)
        compile: { loss: 'mse', optimizer: null, metrics: ['acc', 'mae'], learningRate: null, cell: 1, line: 3 },
      },
    ]);
    expect(report.fits).toEqual([
      {
        cell: 2, line: 1, model: 'model', epochs: null, batchSize: null, validationSplit: null, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, ranIn: 2, seq: 0,
      },
    ]);
    expect(report.trainingLogs).toEqual([
      {
        cell: 2, line: 2, epochsLogged: 1, epochsTotal: 1, stepsPerEpoch: 60000, counterUnit: 'samples', truncated: false,
        epochs: [{ epoch: 1, loss: 'NaN', accuracy: 0.098, val_loss: null, val_accuracy: null, mae: 0.18 }],
        final: { epoch: 1, loss: 'NaN', accuracy: 0.098, val_loss: null, val_accuracy: null, mae: 0.18 },
        diverged: true,
        // the code leaves epochs out (Keras: 1): the log's own count is what the run did
        epochsFrom: { log: 1, code: null, fit: { cell: 2, line: 1 }, agree: null, used: 'log' },
      },
    ]);
    // output lines count through the cell's outputs: the error output starts on line 2, after the figure
    expect(report.images).toEqual([{ cell: 3, line: 1, mime: 'image/png' }]);
    expect(report.errors).toEqual([{ cell: 3, line: 2, ename: 'ZeroDivisionError', message: 'division by zero' }]);
    expect(report.shapes).toEqual([{ cell: 2, line: 4, shape: [60000, 784] }]);
    expect(report.arrays).toEqual([{ cell: 4, line: 1, values: [0.1, 0.9] }]);
    expect(report.calls).toEqual([{ cell: 4, line: 1, method: 'predict', model: 'model', target: 'p', input: 'x_test', ranIn: 4, seq: 4 }]);
    // x_train and img are not followed (never assigned); plt is imported only in the last cell, which the kernel ran after cell 3
    expect(report.shown).toEqual([
      { cell: 2, line: 2, ranIn: 2, seq: 1, how: 'print', call: null, source: 'unknown', predictRow: null },
      { cell: 3, line: 1, ranIn: 3, seq: 2, how: 'plot', call: 'imshow', source: 'unknown', predictRow: null },
      { cell: 3, line: 2, ranIn: 3, seq: 3, how: 'expression', call: null, source: 'constant', predictRow: null },
      { cell: 4, line: 2, ranIn: 4, seq: 5, how: 'print', call: null, source: 'model', predictRow: { target: 'p', index: 0 } },
    ]);
    expect(report.assumedImports).toEqual([{ name: 'plt', from: 6, usedIn: 3 }]);
    expect(report.syntaxErrors).toEqual([{ cell: 5, line: 1, message: expect.stringMatching(/^syntax error/) }]);
    expect(report.summaries.map((s) => [s.format, s.totalParams, s.layers.map((l) => l.params)])).toEqual([['keras2-classic', 12730, [12560, 0, 170]]]);
  });

  it('survives a JSON round trip unchanged (no NaN, no undefined)', async () => {
    const report = await sample();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('the readable view', () => {
  it('says what Keras does with each value left out', async () => {
    const lines = formatInspect(await sample()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'sample.ipynb',
        '  nbformat 4.5 · not from Colab · accelerator none recorded · kernel not recorded',
        '  7 cells; 6 code cells, 6 executed (in order)',
        '    1. Dense  units=16  activation not given (Keras default: linear (no activation))  input_shape=(784,)  [cell 1, line 2]',
        '    2. Dropout  rate=0.5  [cell 1, line 2]',
        '      optimizer:     not given (Keras default: rmsprop)',
        '      learning rate: not given (Keras default: 0.001 for rmsprop)',
        '      metrics:       acc, mae',
        '  model.fit  [cell 2, line 1]',
        '    epochs:           not given (Keras default: 1)',
        '    batch_size:       not given (Keras default: 32)',
        '    validation_split: not given (Keras default: 0.0, no validation)',
        '    validation_data:  not given',
        "    verbose:          not given (Keras default: 'auto', which means 1, a progress bar, in a notebook)",
        '  1 of 1 epochs logged, 60,000 samples per epoch  [cell 2, output line 2]',
        '    final (epoch 1): loss NaN · accuracy 0.098 · mae 0.18',
        '  ZeroDivisionError: division by zero  [cell 3, output line 2]',
        '  image/png  [cell 3, output line 1]',
        '  (60000, 784)  [cell 2, output line 4]',
        'Assumed imports: plt from cell 6 (used in cell 3, which ran before it)',
      ]),
    );
    expect(lines.some((line) => /^ {2}cell 5, line 1: syntax error/.test(line))).toBe(true);
  });

  it('shows the given values and both ends of a log for the lecture notebook', async () => {
    const { readFile } = await import('node:fs/promises');
    const path = new URL('../../fixtures/submissions/2312001_山田太郎_4.ipynb', import.meta.url);
    const text = formatInspect(await inspectBytes('2312001_山田太郎_4.ipynb', await readFile(path)));
    expect(text).toContain(
      [
        '    compile  [cell 7, line 7]',
        '      loss:          categorical_crossentropy',
        '      optimizer:     adam',
        '      learning rate: not given (Keras default: 0.001 for adam)',
        '      metrics:       accuracy',
        '',
        'Fits (1)',
        '  model.fit  [cell 14, line 1]',
        '    epochs:           30',
        '    batch_size:       64',
        '    validation_split: 0.2',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '  Model "sequential", keras2-bytes  [cell 7, output line 1]',
        '    dense (Dense)    (None, 32)     25,120',
        '    dense_1 (Dense)  (None, 10)        330',
        '    total 25,450 · trainable 25,450 · non-trainable 0',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '  30 of 30 epochs logged, 750 steps per epoch  [cell 14, output line 1]',
        '    first (epoch 1): loss 0.3542 · accuracy 0.9017 · val_loss 0.1823 · val_accuracy 0.9457',
        '    final (epoch 30): loss 0.0444 · accuracy 0.9865 · val_loss 0.1616 · val_accuracy 0.9622',
      ].join('\n'),
    );
    expect(text.endsWith('Errors: none\n')).toBe(true);
  });

  it('reports both numbers of epochs when the log and the code disagree, and which one was used', async () => {
    const log = Array.from({ length: 30 }, (_, i) => `Epoch ${i + 1}/30\n750/750 [==============================] - 2s 3ms/step - loss: 0.1000 - accuracy: 0.9700 - val_loss: 0.1200 - val_accuracy: 0.9600\n`).join('');
    const stale = notebookJson([
      { source: 'from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(10, input_dim=784)])' },
      { source: 'model.fit(x, y, epochs=20, validation_split=0.2)', outputs: [stdout(log)] },
    ]);
    const report = await inspectBytes('stale.ipynb', stale);
    expect(report.trainingLogs[0]!.epochsFrom).toEqual({ log: 30, code: 20, fit: { cell: 1, line: 1 }, agree: false, used: 'log' });
    expect(formatInspect(report)).toContain("    epochs: the log counts to 30, the code says epochs=20 (fit at cell 1, line 1); completeness judged by the log's number");
  });

  it('gives only the reason for a file that is not a notebook', async () => {
    expect(formatInspect(await inspectBytes('x.ipynb', ''))).toBe('x.ipynb\n  not read: The file is empty.\n');
  });
});
