import check from '../../src/core/checks/preprocessing.js';
import type { Evidence } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const withoutSteps = (kind: string) => (e: Evidence) => void (e.code.dataSteps = e.code.dataSteps.filter((s) => s.kind !== kind));
const divideBy = (divisor: number) => (e: Evidence) => {
  for (const step of e.code.dataSteps) if (step.kind === 'scale') step.args = [divisor];
};
const withoutFlattenedShapes = (e: Evidence) => void (e.outputs.shapes = e.outputs.shapes.filter((s) => s.at.cell !== CELL.flatten));

testCheck(check, {
  valid: [
    { name: 'reshape(n, 784) / 255 with the shapes printed', input: lecture() },
    {
      name: 'reshape(-1, 28*28)',
      input: lecture((e) => {
        for (const step of e.code.dataSteps) if (step.kind === 'reshape') step.args = [-1, 784];
      }),
    },
    { name: 'another divisor when the rubric asks for it', input: lecture(divideBy(256)), options: { divisor: 256 } },
  ],
  invalid: [
    { name: 'no reshape', input: lecture(withoutSteps('reshape')), findings: [{ messageId: 'noReshape' }], fraction: 2 / 3 },
    {
      name: 'reshaped to 28 × 28 only',
      input: lecture((e) => {
        for (const step of e.code.dataSteps) if (step.kind === 'reshape') step.args = [-1, 28, 28];
      }),
      findings: [{ messageId: 'noReshape' }],
      fraction: 2 / 3,
    },
    { name: 'not scaled', input: lecture(withoutSteps('scale')), findings: [{ messageId: 'noScale' }], fraction: 2 / 3 },
    {
      name: 'divided by 256',
      input: lecture(divideBy(256)),
      findings: [{ messageId: 'wrongDivisor', cell: CELL.flatten }, { messageId: 'wrongDivisor', cell: CELL.flatten }, { messageId: 'noScale' }],
      fraction: 2 / 3,
    },
    {
      name: 'flattened shapes not printed',
      input: lecture(withoutFlattenedShapes),
      findings: [{ messageId: 'shapeMissing' }],
      fraction: 2 / 3,
    },
    {
      name: 'nothing done',
      input: lecture((e) => {
        withoutSteps('reshape')(e);
        withoutSteps('scale')(e);
        withoutFlattenedShapes(e);
      }),
      findings: [{ messageId: 'noReshape' }, { messageId: 'noScale' }, { messageId: 'shapeMissing' }],
      fraction: 0,
    },
  ],
});
