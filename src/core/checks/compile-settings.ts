import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import type { Finding } from '../../types.js';

/** Metric names Keras resolves to the same metric for one-hot labels and categorical_crossentropy. */
const METRIC_ALIASES: Record<string, string> = { acc: 'accuracy', categorical_accuracy: 'accuracy' };

const metricSet = (metrics: readonly string[]): string =>
  [...new Set(metrics.map((m) => METRIC_ALIASES[m.toLowerCase()] ?? m.toLowerCase()))].sort().join(',');

export default defineCheck({
  id: 'compile-settings',
  description:
    "model.compile() uses the rubric's loss, optimizer and metrics ('Adam' = 'adam' = Adam(); 'acc' = 'accuracy'); a learning rate other than Keras's default for the optimizer (0.001 for Adam) is reported. Each of loss, optimizer (with its learning rate) and metrics costs a third.",
  options: z.strictObject({
    learningRate: z.number().positive().default(0.001).describe("Keras's default learning rate of the asked optimizer (Adam: 0.001)"),
  }),
  messages: {
    noCompile: 'model.compile(...) が見当たりません。',
    loss: '{{where}}: 損失関数は {{found}} でした(期待値 {{expected}})。',
    optimizer: '{{where}}: 最適化手法は {{found}} でした(期待値 {{expected}})。',
    learningRate: '{{where}}: 学習率が {{found}} に変えられています(Keras の既定値 {{expected}})。',
    metrics: '{{where}}: 評価関数は {{found}} でした(期待値 {{expected}})。',
  },
  run({ evidence, expected }, options, report) {
    const compile = evidence.code.models.at(-1)?.compile;
    if (!compile) return { findings: [report('noCompile')] };
    const asked = expected.asked.compile;
    const where = describeLocation(compile.at, 'code');
    const findings: Finding[] = [];
    const third = { cost: 1 / 3 };
    if (compile.loss?.toLowerCase() !== asked.loss.toLowerCase()) {
      findings.push(report('loss', { where, found: compile.loss ?? '(読み取れません)', expected: asked.loss }, compile.at, third));
    }
    if (compile.optimizer !== asked.optimizer.toLowerCase()) {
      findings.push(report('optimizer', { where, found: compile.optimizer ?? '(指定なし)', expected: asked.optimizer }, compile.at, third));
    } else if (compile.learningRate !== null && Math.abs(compile.learningRate - options.learningRate) > 1e-12) {
      findings.push(report('learningRate', { where, found: compile.learningRate, expected: options.learningRate }, compile.at, third));
    }
    if (metricSet(compile.metrics ?? []) !== metricSet(asked.metrics)) {
      findings.push(report('metrics', { where, found: compile.metrics?.join(', ') || '(なし)', expected: asked.metrics.join(', ') }, compile.at, third));
    }
    return { findings };
  },
});
