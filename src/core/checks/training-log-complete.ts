import { z } from 'zod';
import { fitOfEachLog } from '../evidence.js';
import type { Finding, FitSpec } from '../../types.js';
import { defineCheck, describeLocation } from './define-check.js';

const stoppedEarly = (fit: FitSpec | null): boolean => (fit?.callbacks ?? []).some((path) => path.endsWith('.EarlyStopping'));

export default defineCheck({
  id: 'training-log-complete',
  description:
    "The saved output of the last model.fit() is complete for the fit that ran it (Epoch N/N for its own N; a fit stopped by an EarlyStopping callback counts as complete), and shows the assignment's epochs (30) and steps per epoch (750 for the lecture; 48,000 samples in Keras ≤ 2.3 logs). An incomplete log costs at least half; another number of epochs or steps costs at least half (the rubric excuses them when the fit's settings are charged).",
  options: z.strictObject({
    checkSteps: z.boolean().default(true),
  }),
  messages: {
    noLog: 'model.fit() の学習ログが出力に見当たりません。',
    epochsTotal: '{{where}}の学習は {{found}} エポックの設定でした(期待値 {{expected}})。',
    epochsLogged: '{{where}}の学習ログは {{total}} エポックのうち {{found}} エポックまでで止まっています。',
    steps: '{{where}}の 1 エポックあたりの {{unit}}数は {{found}} でした(期待値 {{expected}})。',
  },
  run({ evidence, expected }, options, report) {
    const log = evidence.outputs.trainingLogs.at(-1);
    const lastFit = evidence.code.fits.at(-1);
    if (!log) return { findings: [report('noLog', {}, lastFit ? { cell: lastFit.ranIn } : undefined)] };
    const where = describeLocation(log.at, 'output');
    const fit = fitOfEachLog(evidence).at(-1) ?? null;
    const epochs = expected.fit.epochs;
    const own = log.epochsTotal ?? fit?.epochs ?? epochs;
    const findings: Finding[] = [];
    if (own !== epochs) {
      const cost = Math.max(0.5, 1 - Math.min(own, epochs) / epochs);
      findings.push(report('epochsTotal', { where, found: own, expected: epochs }, log.at, { cost }));
    }
    // the last epoch of the run is there (Colab may have cut earlier lines of a long output)
    const finished = log.epochsLogged >= own || (log.final?.epoch ?? 0) >= own;
    if (!finished && !stoppedEarly(fit)) {
      const cost = Math.max(0.5, 1 - log.epochsLogged / own);
      findings.push(report('epochsLogged', { where, found: log.epochsLogged, total: own }, log.at, { cost }));
    }
    if (options.checkSteps && log.stepsPerEpoch !== null) {
      const samples = log.counterUnit === 'samples';
      const want = samples ? expected.samplesPerEpoch : expected.stepsPerEpoch;
      if (log.stepsPerEpoch !== want) {
        findings.push(report('steps', { where, unit: samples ? 'サンプル' : 'ステップ', found: log.stepsPerEpoch, expected: want }, log.at, { cost: 0.5 }));
      }
    }
    return { findings };
  },
});
