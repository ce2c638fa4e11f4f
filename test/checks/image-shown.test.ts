import check from '../../src/core/checks/image-shown.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

testCheck(check, {
  valid: [
    { name: 'plt.imshow with its image saved', input: lecture() },
    {
      name: 'imshow in a function defined elsewhere, called from another cell',
      input: lecture((e) => {
        e.code.shown = e.code.shown.filter((s) => s.how !== 'plot');
        e.code.shown.push({ how: 'plot', call: 'imshow', source: 'data', at: { cell: CELL.load, line: 4 }, ranIn: CELL.showAfter, seq: 40 });
        e.outputs.images = [{ mime: 'image/png', at: { cell: CELL.showAfter, line: 3 } }];
      }),
    },
  ],
  invalid: [
    { name: 'no imshow', input: lecture((e) => void (e.code.shown = e.code.shown.filter((s) => s.how !== 'plot'))), findings: [{ messageId: 'noImshow' }] },
    {
      name: 'only plt.plot: no imshow',
      input: lecture((e) => void (e.code.shown = e.code.shown.map((s) => (s.how === 'plot' ? { ...s, call: 'plot' } : s)))),
      findings: [{ messageId: 'noImshow' }],
    },
    { name: 'imshow without a saved image', input: lecture((e) => void (e.outputs.images = [])), findings: [{ messageId: 'noImage', cell: CELL.image }] },
    {
      name: 'an image from another cell (a plot of the loss)',
      input: lecture((e) => void (e.outputs.images = [{ mime: 'image/png', at: { cell: CELL.fit, line: 1 } }])),
      findings: [{ messageId: 'noImage', cell: CELL.image }],
    },
  ],
});
