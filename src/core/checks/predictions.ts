import { z } from 'zod';
import type { ArrayFact, Evidence, Finding, ShownValue } from '../../types.js';
import { defineCheck, describeLocation } from './define-check.js';
import { formatShape, printedShapes } from './support/shapes.js';

/**
 * The printed array that a shown value produced: the cell's arrays matched one to one with the cell's
 * print/display/expression statements when their numbers agree; else the cell's only array of the
 * right length; else 'ambiguous'.
 */
function arrayOf(show: ShownValue, evidence: Evidence, length: number): ArrayFact | 'ambiguous' | null {
  const arrays = evidence.outputs.arrays.filter((a) => a.at.cell === show.ranIn);
  if (arrays.length === 0) return null;
  const shows = evidence.code.shown.filter((s) => s.ranIn === show.ranIn && s.how !== 'plot');
  if (arrays.length === shows.length) return arrays[shows.indexOf(show)] ?? null;
  const sized = arrays.filter((a) => a.values.length === length);
  if (sized.length === 1) return sized[0] ?? null;
  return sized.length === 0 ? null : 'ambiguous';
}

export default defineCheck({
  id: 'predictions',
  description:
    "The code predicts on the test data before and after model.fit() (in the order the kernel ran them); the saved outputs show the prediction's shape (10000, 10) and, after training, np.around(test2[1], 3) (any shown row `[1]` of a prediction made after the last fit, as the interpreter records it) with its largest value at that test image's label in the MNIST files (2). Each of the four parts costs a quarter.",
  options: z.strictObject({}),
  messages: {
    noPredictBefore: '学習前(model.fit より前)に model.predict を実行するコードが見当たりません。',
    noPredictAfter: '学習後(model.fit より後)に model.predict を実行するコードが見当たりません。',
    shapeMissing: '予測結果の形 {{shape}} が出力に見当たりません。',
    noArray: '学習後の予測 np.around({{value}}, 3) の出力が見当たりません。',
    ambiguous: '学習後の予測 np.around({{value}}, 3) の出力がどれか判断できないため、この項目は TA が確認します。',
    wrongClass: '{{where}}: 学習後の予測 {{value}} で確率が最も高いのはクラス {{found}} でした(正解のラベルは {{expected}})。',
    notANumber: '{{where}}: 学習後の予測 {{value}} が nan になっています(学習がうまく進んでいません)。',
  },
  run({ evidence, expected }, _options, report) {
    const predicts = evidence.code.calls.filter((c) => c.method === 'predict');
    const firstFit = evidence.code.fits[0];
    const lastFit = evidence.code.fits.at(-1);
    const before = predicts.find((c) => !firstFit || c.seq < firstFit.seq);
    const after = lastFit ? predicts.findLast((c) => c.seq > lastFit.seq) : undefined;
    const quarter = { cost: 1 / 4 };
    const findings: Finding[] = [];
    if (!before) findings.push(report('noPredictBefore', {}, undefined, quarter));
    // without a prediction after training there is no printed prediction to judge either: half
    if (!after) findings.push(report('noPredictAfter', {}, undefined, { cost: 1 / 2 }));
    const shape = formatShape(expected.shapes.predict);
    const shapeShown = predicts[0] !== undefined && printedShapes(evidence, predicts[0].ranIn).has(shape);
    if (!shapeShown) findings.push(report('shapeMissing', { shape }, undefined, quarter));
    if (after && lastFit) {
      const { sample, label } = expected.prediction;
      const value = `${after.target ?? 'model.predict(x_test)'}[${sample}]`;
      const show = evidence.code.shown.findLast((s) => s.predictRow?.index === sample && s.seq > lastFit.seq);
      const classes = expected.shapes.predict.at(-1) ?? 0;
      const shown = show ? arrayOf(show, evidence, classes) : null;
      if (shown === 'ambiguous') {
        const finding = report('ambiguous', { value }, show ? { cell: show.ranIn } : undefined);
        return { findings: [...findings, finding], unreadable: finding.message };
      }
      if (!shown || shown.values.length !== classes) {
        findings.push(report('noArray', { value }, show ? { cell: show.ranIn } : undefined, quarter));
      } else {
        const argmax = shown.values.indexOf(Math.max(...shown.values));
        if (shown.values.some((v) => !Number.isFinite(v))) findings.push(report('notANumber', { where: describeLocation(shown.at, 'output'), value }, shown.at, quarter));
        else if (argmax !== label) findings.push(report('wrongClass', { where: describeLocation(shown.at, 'output'), value, found: argmax, expected: label }, shown.at, quarter));
      }
    }
    return { findings };
  },
});
