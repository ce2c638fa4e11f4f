import check from '../../src/core/checks/data-shapes.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const onlyCells = (...cells: number[]) => lecture((e) => void (e.outputs.shapes = e.outputs.shapes.filter((s) => cells.includes(s.at.cell))));

testCheck(check, {
  valid: [
    { name: 'all eight shapes printed', input: lecture() },
    { name: 'only the loaded shapes, when only they are asked for', input: onlyCells(CELL.load), options: { groups: ['load'] } },
  ],
  invalid: [
    {
      name: 'one-hot shapes not printed',
      input: onlyCells(CELL.load, CELL.flatten),
      findings: [{ messageId: 'missing' }],
      fraction: 0.75,
    },
    {
      name: 'nothing printed',
      input: onlyCells(),
      findings: Array.from({ length: 3 }, () => ({ messageId: 'missing' })),
      fraction: 0,
    },
    {
      name: 'the flattened shapes, asked for alone, not printed',
      input: onlyCells(CELL.load),
      options: { groups: ['flattened'] },
      findings: [{ messageId: 'missing' }],
      fraction: 0,
    },
  ],
});
