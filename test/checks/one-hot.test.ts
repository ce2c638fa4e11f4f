import check from '../../src/core/checks/one-hot.js';
import type { Evidence } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const classes = (args: number[]) => (e: Evidence) => {
  for (const step of e.code.dataSteps) if (step.kind === 'to_categorical') step.args = args;
};
const keepShapes = (keep: (cell: number, index: number) => boolean) => (e: Evidence) =>
  void (e.outputs.shapes = e.outputs.shapes.filter((s, i) => keep(s.at.cell, i)));

testCheck(check, {
  valid: [
    { name: 'to_categorical(y, 10) with the shapes printed', input: lecture() },
    { name: 'num_classes left out (Keras infers 10)', input: lecture(classes([])) },
  ],
  invalid: [
    {
      name: 'nine classes',
      input: lecture(classes([9])),
      findings: [{ messageId: 'wrongClasses', cell: CELL.oneHot }, { messageId: 'wrongClasses', cell: CELL.oneHot }, { messageId: 'noToCategorical' }],
      fraction: 0.5,
    },
    {
      name: 'no to_categorical in the code',
      input: lecture((e) => void (e.code.dataSteps = e.code.dataSteps.filter((s) => s.kind !== 'to_categorical'))),
      findings: [{ messageId: 'noToCategorical' }],
      fraction: 0.5,
    },
    {
      name: 'shapes not printed',
      input: lecture(keepShapes((cell) => cell !== CELL.oneHot && cell !== CELL.predictBefore)),
      findings: [{ messageId: 'shapeMissing' }],
      fraction: 0.5,
    },
    {
      name: 'only y_train.shape printed',
      input: lecture(keepShapes((cell, i) => cell !== CELL.predictBefore && !(cell === CELL.oneHot && i % 2 === 1))),
      findings: [{ messageId: 'shapeMissing' }],
      fraction: 0.75,
    },
  ],
});
