import { z } from 'zod';
import { defineCheck } from './define-check.js';
import { unprinted } from './support/shapes.js';
import type { Finding } from '../../types.js';

const GROUP_TITLES = {
  load: '読み込んだデータ',
  flattened: '784 次元に変形したデータ',
  oneHot: 'one-hot 化したラベル',
} as const;

type Group = keyof typeof GROUP_TITLES;

export default defineCheck({
  id: 'data-shapes',
  description:
    "The saved outputs print the lecture's data shapes: as loaded, flattened to 784 features, and one-hot labels (expected shapes come from the MNIST files and the model; `groups` picks which). Each missing shape costs its share.",
  options: z.strictObject({
    groups: z.array(z.enum(['load', 'flattened', 'oneHot'])).min(1).default(['load', 'flattened', 'oneHot']),
  }),
  messages: {
    missing: '{{group}}の形 {{shape}} が出力に見当たりません。',
  },
  run({ evidence, expected }, options, report) {
    const wanted = options.groups.reduce((n: number, group: Group) => n + expected.shapes[group].length, 0);
    const findings: Finding[] = [];
    for (const group of options.groups) {
      const missing = unprinted(evidence, expected.shapes[group]);
      if (missing.length > 0) findings.push(report('missing', { group: GROUP_TITLES[group], shape: missing.join('、') }, undefined, { cost: missing.length / wanted }));
    }
    return { findings };
  },
});

