import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';

const IMSHOW = /\bimshow\s*\(/;

const withoutComments = (source: string): string => source.replace(/#.*$/gm, '');

export default defineCheck({
  id: 'image-shown',
  description: 'A code cell calls imshow (plt.imshow(x_test[1].reshape(28, 28), "gray")) and its saved outputs hold an image.',
  options: z.strictObject({}),
  messages: {
    noImshow: 'imshow で画像を表示するコードが見当たりません。',
    noImage: '{{where}} で imshow を呼んでいますが、画像の出力が保存されていません。',
  },
  run({ evidence, sources }, _options, report) {
    const cells = sources.flatMap((source, cell) => (IMSHOW.test(withoutComments(source)) ? [cell] : []));
    if (cells.length === 0) return { findings: [report('noImshow')] };
    if (evidence.outputs.images.some((image) => cells.includes(image.at.cell))) return { findings: [] };
    return { findings: cells.map((cell) => report('noImage', { where: describeLocation({ cell }, 'code') }, { cell })) };
  },
});
