import { z } from 'zod';
import { defineCheck, describeLocation, type Finding } from './define-check.js';

export default defineCheck({
  id: 'training-log-complete',
  description:
    'The saved output of model.fit() logs every epoch the assignment asks for (epoch N/N), with the steps per epoch that its batch size and validation split give (750 for the lecture; 48,000 samples in Keras ≤ 2.3 logs).',
  options: z.strictObject({
    checkSteps: z.boolean().default(true),
  }),
  messages: {
    noLog: 'model.fit() の学習ログが出力に見当たりません。',
    epochsTotal: '{{where}}の学習は {{found}} エポックの設定でした(期待値 {{expected}})。',
    epochsLogged: '{{where}}の学習ログは {{found}} エポックまでしかありません(期待値 {{expected}})。',
    steps: '{{where}}の 1 エポックあたりの {{unit}}数は {{found}} でした(期待値 {{expected}})。',
  },
  run({ evidence, expected }, options, report) {
    const log = evidence.outputs.trainingLogs.at(-1);
    if (!log) return { findings: [report('noLog')] };
    const where = describeLocation(log.at, 'output');
    const epochs = expected.fit.epochs;
    const findings: Finding[] = [];
    if (log.epochsTotal !== null && log.epochsTotal !== epochs) {
      findings.push(report('epochsTotal', { where, found: log.epochsTotal, expected: epochs }, log.at));
    }
    if (log.epochsLogged < epochs) {
      findings.push(report('epochsLogged', { where, found: log.epochsLogged, expected: epochs }, log.at));
    }
    if (options.checkSteps && log.stepsPerEpoch !== null) {
      const samples = log.counterUnit === 'samples';
      const want = samples ? expected.samplesPerEpoch : expected.stepsPerEpoch;
      if (log.stepsPerEpoch !== want) {
        findings.push(report('steps', { where, unit: samples ? 'サンプル' : 'ステップ', found: log.stepsPerEpoch, expected: want }, log.at));
      }
    }
    const fraction = Math.min(log.epochsLogged, epochs) / epochs;
    return { findings, fraction: findings.length === 0 ? 1 : Math.min(fraction, 0.5) };
  },
});
