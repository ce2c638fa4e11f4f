import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import { unprinted } from './support/shapes.js';
import type { Finding } from '../../types.js';
import { withProps } from '../util/objects.js';

export default defineCheck({
  id: 'preprocessing',
  description:
    'The code reshapes the training and test images to 784 features (x.reshape(n, 784), reshape(-1, 28*28), np.reshape) and divides them by 255; the saved outputs confirm the flattened shapes. Reshape, scaling and printed shapes are a third each.',
  options: z.strictObject({
    divisor: z.number().positive().default(255).describe('The pixel maximum the images are divided by'),
  }),
  messages: {
    noReshape: '画像を {{features}} 次元に変形する reshape が {{found}} 個しかありません(期待値 {{expected}} 個: x_train と x_test)。',
    noScale: '画像を {{divisor}} で割るコードが {{found}} 個しかありません(期待値 {{expected}} 個: x_train と x_test)。',
    wrongDivisor: '{{where}}: {{found}} で割っています(期待値 {{divisor}})。',
    shapeMissing: '変形後の形 {{shape}} が出力に見当たりません。',
  },
  run({ evidence, expected }, options, report) {
    const flattened = expected.shapes.flattened;
    const features = flattened[0]?.at(-1) ?? 0;
    const arrays = flattened.length;
    const steps = evidence.code.dataSteps;
    const reshapes = steps.filter((s) => s.kind === 'reshape' && s.args.at(-1) === features).length;
    const scales = steps.filter((s) => s.kind === 'scale');
    const scaled = scales.filter((s) => s.args[0] === options.divisor).length;
    const findings: Finding[] = [];
    const third = 1 / 3;
    if (reshapes < arrays) findings.push(report('noReshape', { features, found: reshapes, expected: arrays }, undefined, { cost: third }));
    // scaling is a third, shared between a wrong divisor and too few scalings
    const scaling: Finding[] = [];
    for (const step of scales) {
      if (step.args[0] !== options.divisor) {
        scaling.push(report('wrongDivisor', { where: describeLocation(step.at, 'code'), found: step.args[0] ?? '?', divisor: options.divisor }, step.at));
      }
    }
    if (scaled < arrays) scaling.push(report('noScale', { divisor: options.divisor, found: scaled, expected: arrays }));
    for (const finding of scaling) findings.push(withProps(finding, { cost: third / scaling.length }));
    const missing = unprinted(evidence, flattened);
    if (missing.length > 0) findings.push(report('shapeMissing', { shape: missing.join('、') }, undefined, { cost: (third * missing.length) / arrays }));
    return { findings };
  },
});
