import { z } from 'zod';
import { defineCheck, describeLocation, unreadableOutcome } from './define-check.js';
import { formatShape } from './support/shapes.js';
import type { Finding } from '../../types.js';

const row = (type: string, shape: string, params: number): string => `${type} ${shape.replace(/\s+/g, '')} ${params}`;

/** Keras prints "multiple" as the output shape of a layer of a model built without an input shape: any shape matches. */
const sameRow = (printed: { type: string; outputShape: string; params: number }, built: string, builtShapeless: string): boolean =>
  printed.outputShape.trim() === 'multiple' ? `${printed.type} ${printed.params}` === builtShapeless : row(printed.type, printed.outputShape, printed.params) === built;

export default defineCheck({
  id: 'summary-matches-code',
  description:
    "The last saved model.summary() is what the student's own code prints: its trainable parameters and each layer's type, output shape and parameter count equal those of the code's last model as the trainer builds it. A stale or edited output fails; a model the trainer cannot build is unreadable.",
  options: z.strictObject({}),
  messages: {
    noSummary: 'model.summary() の出力が見当たりません。',
    noModel: 'モデルを作るコードが見当たりません。',
    cannotBuild: 'コードのモデルを組み立てられませんでした({{reason}})。',
    unreadableTotals: '{{where}}の model.summary() の出力から学習可能パラメータ数を読み取れませんでした。',
    trainable: '{{where}}の学習可能パラメータ数 {{found}} は、コードのモデルの {{expected}} と一致しません(出力が古いか、書き換えられています)。',
    layerCount: '{{where}}の層の数 {{found}} は、コードのモデルの {{expected}} と一致しません(出力が古いか、書き換えられています)。',
    layer: '{{where}}の {{index}} 番目の層「{{found}}」は、コードのモデル「{{expected}}」と一致しません。',
  },
  run({ evidence, studentModel }, _options, report) {
    const summary = evidence.outputs.summaries.at(-1);
    if (!summary) return { findings: [report('noSummary')] };
    if (!studentModel) return { findings: [report('noModel')] };
    const where = describeLocation(summary.at, 'output');
    const code = studentModel.description;
    if (!code) return unreadableOutcome(report('cannotBuild', { reason: studentModel.error ?? '?' }, studentModel.spec.at));
    if (summary.trainableParams === null) return unreadableOutcome(report('unreadableTotals', { where }, summary.at));
    const findings: Finding[] = [];
    if (summary.trainableParams !== code.trainableParams) {
      findings.push(report('trainable', { where, found: summary.trainableParams, expected: code.trainableParams }, summary.at));
    }
    const printed = summary.layers.filter((r) => r.type !== 'InputLayer');
    const builtLayers = code.layers.filter((l) => l.type !== 'InputLayer');
    const built = builtLayers.map((l) => row(l.type, formatShape(l.outputShape), l.params));
    if (printed.length !== built.length) {
      findings.push(report('layerCount', { where, found: printed.length, expected: built.length }, summary.at));
    } else {
      printed.forEach((found, i) => {
        const layer = builtLayers[i];
        if (!layer || sameRow(found, built[i] ?? '', `${layer.type} ${layer.params}`)) return;
        findings.push(report('layer', { where, index: i + 1, found: row(found.type, found.outputShape, found.params), expected: built[i] ?? '' }, summary.at));
      });
    }
    return { findings };
  },
});
