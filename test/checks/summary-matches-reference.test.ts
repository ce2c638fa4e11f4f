import check from '../../src/core/checks/summary-matches-reference.js';
import { describeModel } from '../../src/trainer/build-model.js';
import type { LayerSpec } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { askedLayers, CELL, lecture, summaryOf } from '../helpers/evidence-builders.js';

const [hidden, output] = askedLayers() as [LayerSpec, LayerSpec];
const summaryOfLayers = (layers: LayerSpec[]) => summaryOf(describeModel(layers).layers, { cell: CELL.model, line: 1 });

testCheck(check, {
  valid: [
    { name: "the lecture's 25,120 + 330 parameters", input: lecture() },
    {
      name: 'the last of two summaries counts',
      input: lecture((e) => void e.outputs.summaries.unshift(summaryOfLayers([{ ...hidden, units: 64 }, output]))),
    },
  ],
  invalid: [
    { name: 'no summary', input: lecture((e) => void (e.outputs.summaries = [])), findings: [{ messageId: 'noSummary' }] },
    {
      name: 'Dense(64)',
      input: lecture((e) => void (e.outputs.summaries = [summaryOfLayers([{ ...hidden, units: 64 }, output])])),
      findings: [{ messageId: 'trainable', cell: CELL.model }, { messageId: 'layer' }, { messageId: 'layer' }],
    },
    {
      name: 'an extra hidden layer',
      input: lecture((e) => void (e.outputs.summaries = [summaryOfLayers([hidden, { ...hidden, inputShape: null }, output])])),
      findings: [{ messageId: 'trainable' }, { messageId: 'layerCount' }],
    },
    {
      name: 'trainable params not readable',
      input: lecture((e) => void (e.outputs.summaries[0]!.trainableParams = null)),
      findings: [{ messageId: 'unreadableTotals' }],
      unreadable: true,
    },
  ],
});
