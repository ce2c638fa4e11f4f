import check from '../../src/core/checks/summary-matches-code.js';
import { describeModel } from '../../src/trainer/build-model.js';
import type { Evidence, LayerSpec } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { askedLayers, CELL, lecture, summaryOf } from '../helpers/evidence-builders.js';

const [hidden, output] = askedLayers() as [LayerSpec, LayerSpec];
const wide: LayerSpec[] = [{ ...hidden, units: 64 }, output];
const summaryAt = { cell: CELL.model, line: 1 };
/** The code builds `layers`; the saved summary is the one `printed` builds. */
const codeAndSummary = (layers: LayerSpec[], printed: LayerSpec[]) => (e: Evidence) => {
  e.code.models[0]!.layers = layers;
  e.outputs.summaries = [summaryOf(describeModel(printed).layers, summaryAt)];
};

testCheck(check, {
  valid: [
    { name: "the lecture's summary from the lecture's code", input: lecture() },
    { name: 'a different model whose summary is its own', input: lecture(codeAndSummary(wide, wide)) },
    {
      name: 'Keras prints "multiple" as the output shape of a model built without an input shape',
      input: lecture((e) => void e.outputs.summaries[0]!.layers.forEach((l) => (l.outputShape = 'multiple'))),
    },
    {
      name: 'an InputLayer row in the summary (functional Keras 2)',
      input: lecture((e) => void e.outputs.summaries[0]!.layers.unshift({ name: 'input_1', type: 'InputLayer', outputShape: '[(None, 784)]', params: 0 })),
    },
  ],
  invalid: [
    {
      name: '"multiple" shapes, but other parameter counts',
      input: lecture((e) => void e.outputs.summaries[0]!.layers.forEach((l) => Object.assign(l, { outputShape: 'multiple', params: l.params + 1 }))),
      findings: [{ messageId: 'layer' }, { messageId: 'layer' }],
      fraction: 0,
    },
    { name: 'no summary', input: lecture((e) => void (e.outputs.summaries = [])), findings: [{ messageId: 'noSummary' }], fraction: 0 },
    { name: 'no model in the code', input: lecture({ studentModel: null }), findings: [{ messageId: 'noModel' }], fraction: 0 },
    {
      name: 'stale output: the code was changed to Dense(64) after the run',
      input: lecture(codeAndSummary(wide, [hidden, output])),
      findings: [{ messageId: 'trainable', cell: CELL.model }, { messageId: 'layer' }, { messageId: 'layer' }],
      fraction: 0,
    },
    {
      name: 'edited output: one layer row changed',
      input: lecture((e) => void (e.outputs.summaries[0]!.layers[1]!.params += 1)),
      findings: [{ messageId: 'layer' }],
      fraction: 0,
    },
    {
      name: 'a layer missing from the output',
      input: lecture(codeAndSummary([hidden, output], [{ ...hidden, units: 10, activation: 'softmax' }])),
      findings: [{ messageId: 'trainable' }, { messageId: 'layerCount' }],
    },
    {
      name: 'a model the trainer cannot build',
      input: lecture({ evidence: (e) => void e.code.models[0]!.layers.push({ type: 'Conv2D', units: 8, activation: null, inputShape: null, at: hidden.at }) }),
      findings: [{ messageId: 'cannotBuild', cell: CELL.model }],
      unreadable: true,
    },
    {
      name: 'trainable params not readable',
      input: lecture((e) => void (e.outputs.summaries[0]!.trainableParams = null)),
      findings: [{ messageId: 'unreadableTotals' }],
      unreadable: true,
    },
  ],
});
