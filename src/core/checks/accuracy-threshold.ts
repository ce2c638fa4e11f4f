import { z } from 'zod';
import { defineCheck, describeLocation, unreadableOutcome } from './define-check.js';

export default defineCheck({
  id: 'accuracy-threshold',
  description:
    'The final val_accuracy of the last saved training log reaches the threshold derived from the reference file (expected.accuracy); a log whose loss became nan or inf is reported as diverged. Without a threshold the criterion is unreadable and needs review. What a setting another criterion charges does to the accuracy is excused by the rubric (consequenceOf), not here.',
  options: z.strictObject({}),
  messages: {
    noThreshold: '合格ラインの val_accuracy がまだ決まっていないため、この項目は TA が確認します。',
    noLog: 'model.fit() の学習ログが出力に見当たりません。',
    noValAccuracy: '{{where}}の学習ログの最終エポックに val_accuracy がありません。',
    diverged: '{{where}}の学習は途中で発散しています(loss が {{loss}} になり、最終エポックの val_accuracy は {{found}})。',
    below: '{{where}}の最終エポックの val_accuracy は {{found}} で、合格ライン {{threshold}} に届きません。',
  },
  run({ evidence, expected }, _options, report) {
    const accuracy = expected.accuracy;
    if (!accuracy) {
      const detail = 'expected.accuracy is missing: give the rubric a reference file (reference:) and an accuracy rule (accuracy:)';
      return unreadableOutcome(report('noThreshold', {}, undefined, { detail }));
    }
    const log = evidence.outputs.trainingLogs.at(-1);
    const lastFit = evidence.code.fits.at(-1);
    if (!log) return { findings: [report('noLog', {}, lastFit ? { cell: lastFit.ranIn } : undefined)] };
    const where = describeLocation(log.at, 'output');
    const found = log.final?.['val_accuracy'];
    if (log.diverged) {
      const loss = log.epochs.flatMap((e) => Object.entries(e)).find(([name, value]) => name.includes('loss') && !Number.isFinite(value))?.[1];
      const printed = loss === undefined || Number.isNaN(loss) ? 'nan' : loss > 0 ? 'inf' : '-inf';
      return { findings: [report('diverged', { where, loss: printed, found: found ?? '-' }, log.at)] };
    }
    if (found === undefined) return { findings: [report('noValAccuracy', { where }, log.at)] };
    if (found >= accuracy.threshold) return { findings: [] };
    const detail = `threshold ${accuracy.threshold}: ${accuracy.rule}; from ${accuracy.source}`;
    return { findings: [report('below', { where, found, threshold: accuracy.threshold }, log.at, { detail })] };
  },
});
