import { expect, it } from 'vitest';
import check from '../../src/core/checks/predictions.js';
import { readTestLabels } from '../../src/trainer/mnist.js';
import type { Evidence, ShownValue } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, expectedWith, lecture, probabilities } from '../helpers/evidence-builders.js';

const { prediction, shapes } = expectedWith();
const classes = shapes.predict.at(-1)!;
const wrongLabel = (prediction.label + 1) % classes;
const afterArrays = (e: Evidence) => e.outputs.arrays.filter((a) => a.at.cell === CELL.showAfter);
type Show = Pick<ShownValue, 'how' | 'source' | 'predictRow'>;
const printRow = (target: string | null): Show => ({ how: 'print', source: 'model', predictRow: { target, index: prediction.sample } });
const printData: Show = { how: 'print', source: 'data' };
/** The after-training cell shows `shows` (as the interpreter records them), and its outputs hold one array per label, in order. */
const showAfter = (shows: Show[], labels: number | number[], change?: (e: Evidence) => void) =>
  lecture((e) => {
    const seq = e.code.calls[1]?.seq ?? 30;
    e.code.shown = e.code.shown.filter((s) => s.ranIn !== CELL.showAfter);
    shows.forEach((show, i) => e.code.shown.push({ ...show, at: { cell: CELL.showAfter, line: i + 1 }, ranIn: CELL.showAfter, seq: seq + 1 + i }));
    e.outputs.arrays = e.outputs.arrays.filter((a) => a.at.cell !== CELL.showAfter);
    [labels].flat().forEach((label, i) => e.outputs.arrays.push(probabilities(classes, label, { cell: CELL.showAfter, line: i + 1 })));
    change?.(e);
  });

it('takes the label of the predicted test image from the MNIST files', () => {
  expect(prediction.label).toBe(readTestLabels()[prediction.sample]);
});

testCheck(check, {
  valid: [
    { name: 'predict before and after fit; np.around(test2[1], 3) at the label', input: lecture() },
    { name: 'np.around(test2[1], 3) as the execute_result', input: showAfter([{ ...printRow('test2'), how: 'expression' }], prediction.label) },
    { name: 'y_test[1] printed first', input: showAfter([printData, printRow('test2')], [wrongLabel, prediction.label]) },
    {
      name: 'the prediction not assigned to a variable',
      input: showAfter([printRow(null)], prediction.label, (e) => void (e.code.calls[1]!.target = null)),
    },
    {
      name: 'a text line printed too: the one array of ten values',
      input: showAfter([{ how: 'print', source: 'constant' }, printRow('test2'), printData], [prediction.label], (e) => void e.outputs.arrays.push({ values: [2], at: { cell: CELL.showAfter, line: 3 } })),
    },
    {
      name: 'predict after fit written in a function of an earlier cell: execution order decides',
      input: lecture((e) => {
        e.code.calls[1]!.at = { cell: CELL.load, line: 3 };
      }),
    },
  ],
  invalid: [
    {
      name: 'no predict before training',
      input: lecture((e) => void e.code.calls.shift()),
      findings: [{ messageId: 'noPredictBefore' }, { messageId: 'shapeMissing' }],
      fraction: 0.5,
    },
    {
      name: 'no predict before training, test2.shape shown after',
      input: lecture((e) => {
        e.code.calls.shift();
        e.outputs.shapes.push({ shape: shapes.predict, at: { cell: CELL.predictAfter, line: 1 } });
      }),
      findings: [{ messageId: 'noPredictBefore' }],
      fraction: 0.75,
    },
    {
      name: 'no predict after training',
      input: lecture((e) => void e.code.calls.pop()),
      findings: [{ messageId: 'noPredictAfter' }],
      fraction: 0.5,
    },
    {
      name: 'no fit at all: every predict is before training',
      input: lecture((e) => void (e.code.fits = [])),
      findings: [{ messageId: 'noPredictAfter' }],
      fraction: 0.5,
    },
    {
      name: 'prediction shape not shown (only the one-hot labels have that shape)',
      input: lecture((e) => void (e.outputs.shapes = e.outputs.shapes.filter((s) => s.at.cell !== CELL.predictBefore))),
      findings: [{ messageId: 'shapeMissing' }],
      fraction: 0.75,
    },
    {
      name: 'the trained model predicts another class',
      input: showAfter([printRow('test2'), printData], [wrongLabel, prediction.label]),
      findings: [{ messageId: 'wrongClass', cell: CELL.showAfter }],
      fraction: 0.75,
    },
    {
      name: 'another class, with y_test[1] printed first',
      input: showAfter([printData, printRow('test2')], [prediction.label, wrongLabel]),
      findings: [{ messageId: 'wrongClass', cell: CELL.showAfter }],
      fraction: 0.75,
    },
    {
      name: 'np.around(test2[1], 3) not shown',
      input: lecture((e) => void (e.outputs.arrays = e.outputs.arrays.filter((a) => !afterArrays(e).includes(a)))),
      findings: [{ messageId: 'noArray' }],
      fraction: 0.75,
    },
    {
      name: 'only data printed after training (y_test2[1] is not test2[1])',
      input: showAfter([printData], prediction.label),
      findings: [{ messageId: 'noArray' }],
      fraction: 0.75,
    },
    {
      name: 'more statements than printed arrays, two of ten values',
      input: showAfter([printRow('test2'), { how: 'print', source: 'model' }, printData], [prediction.label, prediction.label]),
      findings: [{ messageId: 'ambiguous' }],
      unreadable: true,
    },
  ],
});
