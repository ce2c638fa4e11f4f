/**
 * Builders of check inputs for tests. `lecture()` is the evidence of a correct kadai4 notebook laid out
 * as the sample submissions are (the cells in CELL); every number in it comes from the rubric's model
 * through the real resolveExpected (parameter counts, shapes, steps, the predicted label) — none is typed.
 * Tests change what they need through callbacks.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { formatShape } from '../../src/core/checks/support/shapes.js';
import { assignmentLayers, resolveExpected } from '../../src/rubric/resolve-expected.js';
import { rubricSchema, type AssignmentModel } from '../../src/core/rubric/schema.js';
import { describeStudentModel } from '../../src/core/student-model.js';
import type { ArrayFact, CheckInput, CodeEvidence, Evidence, Expected, FitSpec, LayerSpec, Location, StudentModel, SummaryTable, TrainingLog } from '../../src/types.js';

/** Cell indices of the sample notebooks (markdown cells in between). */
export const CELL = { load: 2, flatten: 4, oneHot: 5, model: 7, predictBefore: 9, showBefore: 10, image: 12, fit: 14, predictAfter: 16, showAfter: 17 } as const;

/** The model block of rubrics/kadai4.yaml. */
export const ASKED: AssignmentModel = rubricSchema.parse(parseYaml(readFileSync(new URL('../../rubrics/kadai4.yaml', import.meta.url), 'utf8'))).model;

let cached: Expected | undefined;

/** resolveExpected(ASKED), with some fields replaced. */
export function expectedWith(changes: Partial<Expected> = {}): Expected {
  cached ??= resolveExpected(ASKED);
  return { ...structuredClone(cached), ...changes };
}

/** The rubric's layers as the interpreter would report them from cell `CELL.model`. */
export function askedLayers(): LayerSpec[] {
  return assignmentLayers(ASKED).map((layer, i) => ({ ...layer, at: { cell: CELL.model, line: 5 + i } }));
}

export function dense(units: number, activation: string | null, extra: Partial<LayerSpec> = {}): LayerSpec {
  return { type: 'Dense', units, activation, inputShape: null, at: { cell: CELL.model, line: 5 }, ...extra };
}

export function summaryOf(layers: { name: string; type: string; outputShape: (number | null)[]; params: number }[], at: Location): SummaryTable {
  const trainable = layers.reduce((sum, l) => sum + l.params, 0);
  return {
    format: 'keras2-classic',
    modelName: 'sequential',
    layers: layers.map((l) => ({ name: l.name, type: l.type, outputShape: formatShape(l.outputShape), params: l.params })),
    totalParams: trainable,
    trainableParams: trainable,
    nonTrainableParams: 0,
    optimizerParams: null,
    at,
  };
}

export function trainingLog(epochs: number, steps: number, final: Record<string, number>, at: Location = { cell: CELL.fit, line: 1 }): TrainingLog {
  const records = Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, ...final }));
  return { epochsLogged: epochs, epochsTotal: epochs, stepsPerEpoch: steps, counterUnit: 'steps', epochs: records, final: records.at(-1) ?? null, truncated: false, diverged: false, at };
}

/** A printed probability vector with its maximum at `label`. */
export function probabilities(classes: number, label: number, at: Location): ArrayFact {
  return { values: Array.from({ length: classes }, (_, i) => (i === label ? 1 : 0)), at };
}

function lectureCode(expected: Expected): CodeEvidence {
  const { flattened, oneHot } = expected.shapes;
  const fit: FitSpec = { model: 'model', epochs: expected.fit.epochs, batchSize: expected.fit.batchSize, validationSplit: expected.fit.validationSplit, hasValidationData: false, verbose: null, callbacks: [], argumentsKnown: true, at: { cell: CELL.fit, line: 1 }, ranIn: CELL.fit, seq: 20 };
  const names = ['x_train', 'x_test'];
  return {
    models: [{ variable: 'model', kind: 'sequential', layers: askedLayers(), compile: { ...ASKED.compile, learningRate: null, at: { cell: CELL.model, line: 7 } }, at: { cell: CELL.model, line: 4 } }],
    fits: [fit],
    calls: [
      { method: 'predict', model: 'model', target: 'test', input: 'x_test', at: { cell: CELL.predictBefore, line: 1 }, ranIn: CELL.predictBefore, seq: 10 },
      { method: 'predict', model: 'model', target: 'test2', input: 'x_test', at: { cell: CELL.predictAfter, line: 1 }, ranIn: CELL.predictAfter, seq: 30 },
    ],
    dataSteps: [
      { kind: 'load_data', target: '(x_train, y_train), (x_test, y_test)', args: ['mnist'], at: { cell: CELL.load, line: 2 } },
      ...flattened.flatMap((shape, i) => [
        { kind: 'reshape' as const, target: names[i] ?? null, args: shape, at: { cell: CELL.flatten, line: i + 1 } },
        { kind: 'scale' as const, target: names[i] ?? null, args: [255], at: { cell: CELL.flatten, line: i + 1 } },
      ]),
      ...oneHot.map((shape, i) => ({ kind: 'to_categorical' as const, target: `y_${names[i]?.slice(2)}`, args: [shape.at(-1) ?? 0], at: { cell: CELL.oneHot, line: i + 2 } })),
    ],
    shown: [
      { how: 'expression', source: 'model', at: { cell: CELL.predictBefore, line: 2 }, ranIn: CELL.predictBefore, seq: 11 },
      { how: 'print', source: 'model', predictRow: { target: 'test', index: 1 }, at: { cell: CELL.showBefore, line: 1 }, ranIn: CELL.showBefore, seq: 12 },
      { how: 'print', source: 'data', at: { cell: CELL.showBefore, line: 2 }, ranIn: CELL.showBefore, seq: 13 },
      { how: 'plot', call: 'imshow', source: 'data', at: { cell: CELL.image, line: 2 }, ranIn: CELL.image, seq: 14 },
      { how: 'print', source: 'model', predictRow: { target: 'test2', index: 1 }, at: { cell: CELL.showAfter, line: 2 }, ranIn: CELL.showAfter, seq: 31 },
      { how: 'print', source: 'data', at: { cell: CELL.showAfter, line: 3 }, ranIn: CELL.showAfter, seq: 32 },
    ],
    assumedImports: [],
    seeds: [],
    syntaxErrors: [],
  };
}

function lectureEvidence(expected: Expected): Evidence {
  const { load, flattened, oneHot, predict } = expected.shapes;
  const classes = predict.at(-1) ?? 0;
  const shapes = (list: number[][], cell: number) => list.map((shape, i) => ({ shape, at: { cell, line: i + 1 } }));
  return {
    notebook: { nbformat: '4.0', codeCells: 10, executedCells: 10, executionOrder: 'in-order', colab: true, accelerator: 'T4' },
    code: lectureCode(expected),
    outputs: {
      shapes: [...shapes(load, CELL.load), ...shapes(flattened, CELL.flatten), ...shapes(oneHot, CELL.oneHot), ...shapes([predict], CELL.predictBefore)],
      summaries: [summaryOf(expected.layers, { cell: CELL.model, line: 1 })],
      trainingLogs: [trainingLog(expected.fit.epochs, expected.stepsPerEpoch, { loss: 0.0444, accuracy: 0.9865, val_loss: 0.1616, val_accuracy: 0.9622 })],
      arrays: [
        { values: Array.from({ length: classes }, () => 1 / classes), at: { cell: CELL.showBefore, line: 1 } },
        probabilities(classes, expected.prediction.label, { cell: CELL.showBefore, line: 3 }),
        probabilities(classes, expected.prediction.label, { cell: CELL.showAfter, line: 1 }),
        probabilities(classes, expected.prediction.label, { cell: CELL.showAfter, line: 2 }),
      ],
      images: [{ mime: 'image/png', at: { cell: CELL.image, line: 1 } }],
      errors: [],
    },
  };
}

export interface Changes {
  evidence?: (evidence: Evidence) => void;
  expected?: Partial<Expected>;
  /** Replaces the student model that is otherwise built from the (changed) code evidence. */
  studentModel?: StudentModel | null;
}

/** The input of a correct submission, changed by `changes` (a function changes the evidence). */
export function lecture(changes: Changes | ((evidence: Evidence) => void) = {}): CheckInput {
  const { evidence: changeEvidence, expected: expectedChanges, studentModel } = typeof changes === 'function' ? { evidence: changes } : changes;
  const expected = expectedWith(expectedChanges);
  const evidence = lectureEvidence(expected);
  changeEvidence?.(evidence);
  return { evidence, expected, studentModel: studentModel === undefined ? describeStudentModel(evidence.code) : studentModel };
}
