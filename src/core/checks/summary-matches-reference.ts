import { z } from 'zod';
import { defineCheck, describeLocation, unreadableOutcome } from './define-check.js';
import type { Finding } from '../../types.js';

const withParams = <T extends { params: number }>(rows: T[]): T[] => rows.filter((r) => r.params > 0);

export default defineCheck({
  id: 'summary-matches-reference',
  description:
    "The last saved model.summary() shows the assignment's model: its trainable parameters and each layer's parameter count equal those of the reference model built by the trainer (Keras 3's optimizer parameters are not counted).",
  options: z.strictObject({}),
  messages: {
    noSummary: 'model.summary() の出力が見当たりません。',
    unreadableTotals: '{{where}}の model.summary() の出力から学習可能パラメータ数を読み取れませんでした。',
    trainable: '{{where}}の学習可能パラメータ数は {{found}} でした(期待値 {{expected}})。',
    layer: '{{where}}の {{index}} 番目の層 {{name}} のパラメータ数は {{found}} でした(期待値 {{expected}})。',
    layerCount: '{{where}}にはパラメータを持つ層が {{found}} 個ありました(期待値 {{expected}} 個)。',
  },
  run({ evidence, expected }, _options, report) {
    const summary = evidence.outputs.summaries.at(-1);
    if (!summary) return { findings: [report('noSummary')] };
    const where = describeLocation(summary.at, 'output');
    if (summary.trainableParams === null) return unreadableOutcome(report('unreadableTotals', { where }, summary.at));
    const findings: Finding[] = [];
    if (summary.trainableParams !== expected.trainableParams) {
      findings.push(report('trainable', { where, found: summary.trainableParams, expected: expected.trainableParams }, summary.at));
    }
    const found = withParams(summary.layers);
    const wanted = withParams(expected.layers);
    if (found.length !== wanted.length) {
      findings.push(report('layerCount', { where, found: found.length, expected: wanted.length }, summary.at));
    } else {
      found.forEach((row, i) => {
        const want = wanted[i];
        if (want && row.params !== want.params) {
          findings.push(report('layer', { where, index: i + 1, name: row.name, found: row.params, expected: want.params }, summary.at));
        }
      });
    }
    return { findings };
  },
});
