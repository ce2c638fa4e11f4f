import { z } from 'zod';
import type { CallSpec } from '../types.js';
import { defineCheck, describeLocation, type Finding } from './define-check.js';
import { isBefore } from './support/order.js';
import { lastArrayShown } from './support/printed-value.js';
import { formatShape, printedShapes } from './support/shapes.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `test2[1]` (or `model.predict(x_test)[1]` when the result was not assigned), not `y_test2[1]`. */
function sampleOf(after: CallSpec, sample: number): RegExp {
  const value = after.target === null ? '\\bpredict\\s*\\([^)]*\\)' : `(?<![\\w.])${escapeRegExp(after.target)}`;
  return new RegExp(`${value}\\s*\\[\\s*${sample}\\s*\\]`);
}

export default defineCheck({
  id: 'predictions',
  description:
    "The code predicts on the test data before and after model.fit(); the saved outputs show the prediction's shape (10000, 10) and, after training, np.around(test2[1], 3) with its largest value at that test image's label in the MNIST files (2). Partial credit per part.",
  options: z.strictObject({}),
  messages: {
    noPredictBefore: '学習前(model.fit より前)に model.predict を実行するコードが見当たりません。',
    noPredictAfter: '学習後(model.fit より後)に model.predict を実行するコードが見当たりません。',
    shapeMissing: '予測結果の形 {{shape}} が出力に見当たりません。',
    noArray: '学習後の予測 np.around({{value}}, 3) の出力が見当たりません。',
    ambiguous: '学習後の予測 np.around({{value}}, 3) の出力がどれか判断できません(同じセルの出力の数と表示する文の数が合いません)。',
    wrongClass: '{{where}}: 学習後の予測 {{value}} で確率が最も高いのはクラス {{found}} でした(正解のラベルは {{expected}})。',
  },
  run({ evidence, expected, sources }, _options, report) {
    const predicts = evidence.code.calls.filter((c) => c.method === 'predict');
    const firstFit = evidence.code.fits[0]?.at;
    const lastFit = evidence.code.fits.at(-1)?.at;
    const before = predicts.find((c) => !firstFit || isBefore(c.at, firstFit));
    const after = lastFit ? predicts.findLast((c) => isBefore(lastFit, c.at)) : undefined;
    const findings: Finding[] = [];
    if (!before) findings.push(report('noPredictBefore'));
    if (!after) findings.push(report('noPredictAfter'));
    const shape = formatShape(expected.shapes.predict);
    const shapeShown = predicts[0] !== undefined && printedShapes(evidence, predicts[0].at.cell).has(shape);
    if (!shapeShown) findings.push(report('shapeMissing', { shape }));
    let classOk = false;
    if (after) {
      const { sample, label } = expected.prediction;
      const value = `${after.target ?? 'model.predict(x_test)'}[${sample}]`;
      const shown = lastArrayShown(evidence.outputs.arrays, sources, after.at.cell, sampleOf(after, sample));
      if (shown === 'ambiguous') {
        const finding = report('ambiguous', { value });
        return { findings: [...findings, finding], unreadable: finding.message };
      }
      if (!shown || shown.values.length !== expected.shapes.predict.at(-1)) {
        findings.push(report('noArray', { value }));
      } else {
        const argmax = shown.values.indexOf(Math.max(...shown.values));
        classOk = argmax === label;
        if (!classOk) findings.push(report('wrongClass', { where: describeLocation(shown.at, 'output'), value, found: argmax, expected: label }, shown.at));
      }
    }
    const failed = [!before, !after, !shapeShown, !classOk].filter(Boolean).length;
    return { findings, fraction: (4 - failed) / 4 };
  },
});
