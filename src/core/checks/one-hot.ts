import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import { unprinted } from './support/shapes.js';
import type { Finding } from '../../types.js';
import { withProps } from '../util/objects.js';

export default defineCheck({
  id: 'one-hot',
  description:
    'The code one-hot encodes the training and test labels with to_categorical over 10 classes (num_classes left out counts: Keras infers 10 from the labels 0–9), and the saved outputs show the shapes (60000, 10) and (10000, 10). The code and the printed shapes are half each.',
  options: z.strictObject({}),
  messages: {
    noToCategorical: 'to_categorical でラベルを one-hot 化するコードが {{found}} 個しかありません(期待値 {{expected}} 個: y_train と y_test)。',
    wrongClasses: '{{where}}: to_categorical のクラス数は {{found}} でした(期待値 {{classes}})。',
    shapeMissing: 'one-hot 化したラベルの形 {{shape}} が出力に見当たりません。',
  },
  run({ evidence, expected }, _options, report) {
    const oneHot = expected.shapes.oneHot;
    const classes = oneHot[0]?.at(-1) ?? 0;
    const steps = evidence.code.dataSteps.filter((s) => s.kind === 'to_categorical');
    const findings: Finding[] = [];
    let good = 0;
    const codeFindings: Finding[] = [];
    for (const step of steps) {
      const given = step.args[0];
      if (given === undefined || given === classes) good++;
      else codeFindings.push(report('wrongClasses', { where: describeLocation(step.at, 'code'), found: given, classes }, step.at));
    }
    if (good < oneHot.length) codeFindings.push(report('noToCategorical', { found: good, expected: oneHot.length }));
    // the code is half of the criterion, shared among what is wrong in it
    for (const finding of codeFindings) findings.push(withProps(finding, { cost: 0.5 / codeFindings.length }));
    const missing = unprinted(evidence, oneHot);
    if (missing.length > 0) findings.push(report('shapeMissing', { shape: missing.join('、') }, undefined, { cost: (0.5 * missing.length) / oneHot.length }));
    return { findings };
  },
});
