import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';

export default defineCheck({
  id: 'image-shown',
  description:
    'The code shows an image with imshow (plt.imshow(x_test[1].reshape(28, 28), "gray"), ax.imshow, or inside a function the notebook calls), as the interpreter records it, and the saved outputs of a cell that ran it hold an image.',
  options: z.strictObject({}),
  messages: {
    noImshow: 'imshow で画像を表示するコードが見当たりません。',
    noImage: '{{where}} で imshow を呼んでいますが、画像の出力が保存されていません。',
  },
  run({ evidence }, _options, report) {
    const cells = [...new Set(evidence.code.shown.filter((s) => s.how === 'plot' && s.call === 'imshow').map((s) => s.ranIn))];
    if (cells.length === 0) return { findings: [report('noImshow')] };
    if (evidence.outputs.images.some((image) => cells.includes(image.at.cell))) return { findings: [] };
    const where = cells.map((cell) => describeLocation({ cell }, 'code')).join('、');
    return { findings: [report('noImage', { where }, { cell: cells.at(-1) ?? 0 })] };
  },
});
