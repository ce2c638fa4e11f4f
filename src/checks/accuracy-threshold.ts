import { z } from 'zod';
import { defineCheck, describeLocation, unreadableOutcome } from './define-check.js';

export default defineCheck({
  id: 'accuracy-threshold',
  description:
    'The final val_accuracy of the last saved training log reaches the threshold derived from the reference file (expected.accuracy); without a threshold the criterion is unreadable and needs review.',
  options: z.strictObject({}),
  messages: {
    noThreshold: '合格ラインの val_accuracy が決まっていないため採点できません({{reason}})。',
    noLog: 'model.fit() の学習ログが出力に見当たりません。',
    noValAccuracy: '{{where}}の学習ログの最終エポックに val_accuracy がありません。',
    below: '{{where}}の最終エポックの val_accuracy は {{found}} で、基準 {{threshold}} 以上に届きません(基準: {{rule}}; 出典: {{source}})。',
  },
  run({ evidence, expected }, _options, report) {
    const accuracy = expected.accuracy;
    if (!accuracy) {
      const reason = '期待値に正解率の基準 (expected.accuracy) がありません。ルーブリックに参照ファイル (reference) を指定してください';
      return unreadableOutcome(report('noThreshold', { reason }));
    }
    const log = evidence.outputs.trainingLogs.at(-1);
    if (!log) return { findings: [report('noLog')] };
    const where = describeLocation(log.at, 'output');
    const found = log.final?.['val_accuracy'];
    if (found === undefined) return { findings: [report('noValAccuracy', { where }, log.at)] };
    if (found >= accuracy.threshold) return { findings: [] };
    const data = { where, found, threshold: accuracy.threshold, rule: accuracy.rule, source: accuracy.source };
    return { findings: [report('below', data, log.at)] };
  },
});
