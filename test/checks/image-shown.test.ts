import check from '../../src/checks/image-shown.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

testCheck(check, {
  valid: [
    { name: 'plt.imshow with its image saved', input: lecture() },
    {
      name: 'imshow imported bare, in another cell',
      input: lecture({
        sources: (s) => void (s[CELL.showAfter] = "from matplotlib.pyplot import imshow\nimshow(x_test[1].reshape(28, 28), cmap='gray')"),
        evidence: (e) => void e.outputs.images.push({ mime: 'image/png', at: { cell: CELL.showAfter, line: 3 } }),
      }),
    },
  ],
  invalid: [
    { name: 'no imshow', input: lecture({ sources: (s) => void (s[CELL.image] = '') }), findings: [{ messageId: 'noImshow' }] },
    {
      name: 'imshow only in a comment',
      input: lecture({ sources: (s) => void (s[CELL.image] = "# plt.imshow(x_test[1].reshape(28,28),'gray')") }),
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
