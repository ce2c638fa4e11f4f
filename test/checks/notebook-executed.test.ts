import check from '../../src/core/checks/notebook-executed.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const error = (cell: number) => ({ ename: 'NameError', message: "name 'np' is not defined", at: { cell, line: 1 } });

testCheck(check, {
  valid: [
    { name: 'every code cell ran in order', input: lecture() },
    { name: 'run out of order, every output consistent: order alone costs nothing', input: lecture((e) => void (e.notebook.executionOrder = 'out-of-order')) },
    {
      name: 'a share of cells allowed by minExecutedShare',
      input: lecture((e) => void (e.notebook.executedCells = 8)),
      options: { minExecutedShare: 0.8 },
    },
  ],
  invalid: [
    {
      name: 'no code cells',
      input: lecture((e) => Object.assign(e.notebook, { codeCells: 0, executedCells: 0, executionOrder: 'not-run' })),
      findings: [{ messageId: 'noCode' }],
      fraction: 0,
    },
    {
      name: 'never run',
      input: lecture((e) => Object.assign(e.notebook, { executedCells: 0, executionOrder: 'not-run' })),
      findings: [{ messageId: 'notRun' }],
      fraction: 0,
    },
    {
      name: 'four of ten cells ran',
      input: lecture((e) => void (e.notebook.executedCells = 4)),
      findings: [{ messageId: 'partlyRun' }],
      fraction: 0.4,
    },
    {
      name: 'an error output in the training cell',
      input: lecture((e) => void e.outputs.errors.push(error(CELL.fit))),
      findings: [{ messageId: 'errorOutput', cell: CELL.fit }],
      fraction: 0.5,
    },
    {
      name: 'two errors, out of order: the order costs nothing',
      input: lecture((e) => {
        e.notebook.executionOrder = 'out-of-order';
        e.outputs.errors.push(error(CELL.flatten), error(CELL.showAfter));
      }),
      findings: [{ messageId: 'errorOutput', cell: CELL.flatten }, { messageId: 'errorOutput', cell: CELL.showAfter }],
      fraction: 0.5,
    },
  ],
});
