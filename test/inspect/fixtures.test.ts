/**
 * `grade inspect --json` on every sample in fixtures/submissions (and the two notebooks inside its zip,
 * taken out with the project's own ingest): each fact asserted field by field against what the
 * notebooks show (fixture-truth.ts). The reports are built with inspectFile / inspectBytes, the
 * functions the CLI prints; cli.test.ts checks that the CLI prints exactly them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/ingest/discover.js';
import { inspectBytes, inspectFile, type InspectReport } from '../../src/inspect/index.js';
import { naiveEpochs, TRUTH, UNREADABLE, type NotebookTruth } from './fixture-truth.js';

const DIR = join(import.meta.dirname, '../../fixtures/submissions');
const ZIP = 'webclass_report_download.zip';

const reports = new Map<string, { report: InspectReport; raw: string }>();

beforeAll(async () => {
  for (const name of await readdir(DIR)) {
    const path = join(DIR, name);
    reports.set(name.normalize('NFC'), { report: await inspectFile(path), raw: await readFile(path, 'utf8') });
  }
  for (const file of await discoverFiles(join(DIR, ZIP), { tz: 'Asia/Tokyo' })) {
    reports.set(file.displayPath, { report: await inspectBytes(file.displayPath, file.bytes), raw: file.bytes.toString('utf8') });
  }
}, 60_000);

function get(name: string): { report: InspectReport; raw: string } {
  const found = reports.get(name);
  if (!found) throw new Error(`no report for ${name}`);
  return found;
}

it('reports on every sample file, each listed in the truth table', () => {
  expect([...reports.keys()].sort()).toEqual([...Object.keys(TRUTH), ...Object.keys(UNREADABLE)].sort());
});

describe.each(Object.entries(UNREADABLE))('%s (not a readable notebook)', (name, reason) => {
  it('has an error and nothing else', () => {
    const { report } = get(name);
    expect(report.version).toBe(1);
    expect(report.error).toMatch(reason);
    expect(report.notebook).toBeNull();
    for (const list of [report.models, report.fits, report.summaries, report.trainingLogs, report.shapes, report.images, report.errors]) {
      expect(list).toEqual([]);
    }
  });
});

const shapeFacts = (t: NotebookTruth): { cell: number; line: number; shape: number[] }[] => [
  ...(t.dataShapes
    ? [
        // cell 2 prints "Downloading data from …" and its progress line first
        { cell: 2, line: 3, shape: [60000, 28, 28] },
        { cell: 2, line: 4, shape: [60000] },
        { cell: 2, line: 5, shape: [10000, 28, 28] },
        { cell: 2, line: 6, shape: [10000] },
        { cell: 4, line: 1, shape: [60000, 784] },
        { cell: 4, line: 2, shape: [10000, 784] },
        { cell: 5, line: 1, shape: [60000, 10] },
        { cell: 5, line: 2, shape: [10000, 10] },
      ]
    : []),
  ...(t.predictShapeLine === null ? [] : [{ cell: 9, line: t.predictShapeLine, shape: [10000, 10] }]),
];

describe.each(Object.entries(TRUTH))('%s', (name, t) => {
  it('notebook facts', () => {
    const { report } = get(name);
    expect(report).toMatchObject({ version: 1, file: expect.stringContaining(name.split('/').pop()!.slice(0, 7)), error: null });
    expect(report.notebook).toEqual({
      nbformat: '4.0',
      codeCells: 10,
      executedCells: t.executed,
      executionOrder: t.order,
      colab: true,
      accelerator: 'T4',
      cells: 18,
      kernel: 'python3',
    });
  });

  it('models, layers, compile and fits from the code', () => {
    const { report } = get(name);
    expect(report.models).toEqual([
      {
        cell: 7,
        line: 4,
        variable: 'model',
        kind: 'sequential',
        layers: [
          { type: 'Dense', units: t.units, activation: 'relu', inputShape: [784], rate: null, cell: 7, line: 5 },
          { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, rate: null, cell: 7, line: 6 },
        ],
        compile: { loss: 'categorical_crossentropy', optimizer: 'adam', metrics: ['accuracy'], learningRate: null, cell: 7, line: 7 },
      },
    ]);
    expect(report.fits).toEqual([
      {
        cell: 14, line: 1, model: 'model', epochs: t.epochs, batchSize: 64, validationSplit: 0.2, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, ranIn: 14, seq: expect.any(Number),
      },
    ]);
    expect(report.calls).toEqual([
      { cell: 9, line: 1, method: 'predict', model: 'model', target: 'test', input: 'x_test', ranIn: 9, seq: expect.any(Number) },
      { cell: 16, line: 1, method: 'predict', model: 'model', target: 'test2', input: 'x_test', ranIn: 16, seq: expect.any(Number) },
    ]);
    // in the kernel's order: predict, fit, predict
    expect([report.calls[0]!.seq, report.fits[0]!.seq, report.calls[1]!.seq]).toEqual([...[report.calls[0]!.seq, report.fits[0]!.seq, report.calls[1]!.seq]].sort((a, b) => a - b));
    expect(report.assumedImports).toEqual([]);
    // what the cells show: the lecture's imshow of a test image, and the rounded prediction after training
    expect(report.shown).toEqual(
      expect.arrayContaining([
        { cell: 12, line: 2, ranIn: 12, seq: expect.any(Number), how: 'plot', call: 'imshow', source: 'data', predictRow: null },
        { cell: 17, line: 2, ranIn: 17, seq: expect.any(Number), how: 'print', call: null, source: 'model', predictRow: { target: 'test2', index: 1 } },
      ]),
    );
    expect(report.dataSteps.map((step) => [step.cell, step.line, step.kind, step.target, step.args])).toEqual([
      [2, 2, 'load_data', '(x_train, y_train), (x_test, y_test)', ['mnist']],
      [4, 1, 'reshape', 'x_train', [60000, 784]],
      [4, 1, 'scale', 'x_train', [255]],
      [4, 2, 'reshape', 'x_test', [10000, 784]],
      [4, 2, 'scale', 'x_test', [255]],
      [5, 2, 'to_categorical', 'y_train', [10]],
      [5, 3, 'to_categorical', 'y_test', [10]],
      [12, 2, 'reshape', null, [28, 28]],
    ]);
    expect(report.syntaxErrors).toEqual([]);
  });

  it('the saved model.summary()', () => {
    const { report } = get(name);
    if (t.summary === null) {
      expect(report.summaries).toEqual([]);
      return;
    }
    const s = t.summary;
    const total = s.params[0] + s.params[1];
    expect(report.summaries).toEqual([
      {
        cell: 7,
        line: s.line,
        format: s.format,
        modelName: s.modelName,
        layers: [
          { name: s.names[0], type: 'Dense', outputShape: `(None, ${t.units})`, params: s.params[0] },
          { name: s.names[1], type: 'Dense', outputShape: '(None, 10)', params: s.params[1] },
        ],
        totalParams: total,
        trainableParams: total,
        nonTrainableParams: 0,
        optimizerParams: null,
      },
    ]);
  });

  it('the training log: every epoch, first and final values, steps', () => {
    const { report, raw } = get(name);
    if (t.log === null) {
      expect(report.trainingLogs).toEqual([]);
      return;
    }
    const expected = naiveEpochs(raw, 14).map((metrics, i) => ({
      epoch: i + 1,
      loss: metrics['loss'],
      accuracy: metrics['accuracy'],
      val_loss: metrics['val_loss'],
      val_accuracy: metrics['val_accuracy'],
    }));
    expect(expected).toHaveLength(t.log.epochs);
    expect(report.trainingLogs).toHaveLength(1);
    const [log] = report.trainingLogs;
    expect(log).toEqual({
      cell: 14,
      line: 1,
      epochsLogged: t.log.epochs,
      epochsTotal: t.log.epochs,
      stepsPerEpoch: 750,
      counterUnit: 'steps',
      truncated: false,
      epochs: expected,
      final: { epoch: t.log.epochs, ...t.log.final },
      diverged: false,
      epochsFrom: { log: t.log.epochs, code: t.log.epochs, fit: { cell: 14, line: 1 }, agree: true, used: 'log' },
    });
    expect(log!.epochs[0]).toEqual({ epoch: 1, ...t.log.first });
  });

  it('shapes, arrays, images and errors from the outputs', () => {
    const { report } = get(name);
    expect(report.shapes).toEqual(shapeFacts(t));
    expect(report.errors).toEqual([]);
    const ran = t.predictShapeLine !== null;
    expect(report.images).toEqual(ran ? [{ cell: 12, line: 1, mime: 'image/png' }] : []);
    if (!ran) {
      expect(report.arrays).toEqual([]);
      return;
    }
    const oneHotTwo = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    expect(report.arrays.map((a) => [a.cell, a.line])).toEqual([[10, 1], [10, 3], [17, 1], [17, 2]]);
    const [before, label, after, label2] = report.arrays;
    // predictions of the untrained model: ten probabilities that sum to 1
    expect(before!.values).toHaveLength(10);
    const sum = (before!.values as number[]).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(label!.values).toEqual(oneHotTwo);
    expect(after!.values).toEqual(oneHotTwo);
    expect(label2!.values).toEqual(oneHotTwo);
  });
});
