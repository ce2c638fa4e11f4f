import check from '../../src/core/checks/model-architecture.js';
import type { LayerSpec } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { askedLayers, CELL, dense, lecture } from '../helpers/evidence-builders.js';

const withLayers = (layers: LayerSpec[]) => lecture((e) => void (e.code.models[0]!.layers = layers));
const [hidden, output] = askedLayers() as [LayerSpec, LayerSpec];
const at = { cell: CELL.model, line: 5 };

testCheck(check, {
  valid: [
    { name: "the lecture's Dense(32, relu, input_shape=(784,)) → Dense(10, softmax)", input: lecture() },
    {
      name: 'an InputLayer first instead of input_shape',
      input: withLayers([{ type: 'InputLayer', units: null, activation: null, inputShape: [784], at }, { ...hidden, inputShape: null }, output]),
    },
    {
      name: 'activations as separate layers',
      input: withLayers([
        { ...hidden, activation: null },
        { type: 'Activation', units: null, activation: 'relu', inputShape: null, at },
        { ...output, activation: null },
        { type: 'Softmax', units: null, activation: 'softmax', inputShape: null, at },
      ]),
    },
    { name: 'no input shape (Keras builds the model from the data)', input: withLayers([{ ...hidden, inputShape: null }, output]) },
  ],
  invalid: [
    { name: 'no model in the code', input: lecture((e) => void (e.code.models = [])), findings: [{ messageId: 'noModel' }], fraction: 0 },
    {
      name: '64 hidden units',
      input: withLayers([{ ...hidden, units: 64 }, output]),
      findings: [{ messageId: 'units', cell: CELL.model }],
      fraction: 0.5,
    },
    {
      name: 'sigmoid instead of relu',
      input: withLayers([{ ...hidden, activation: 'sigmoid' }, output]),
      findings: [{ messageId: 'activation', cell: CELL.model }],
      fraction: 0.5,
    },
    {
      name: 'no activation on the output layer (linear)',
      input: withLayers([hidden, { ...output, activation: null }]),
      findings: [{ messageId: 'activation' }],
      fraction: 0.5,
    },
    {
      name: 'input shape (28, 28)',
      input: withLayers([{ ...hidden, inputShape: [28, 28] }, output]),
      findings: [{ messageId: 'inputShape' }],
      fraction: 0.5,
    },
    {
      name: 'an extra Dropout layer',
      input: withLayers([hidden, { type: 'Dropout', units: null, activation: null, inputShape: null, rate: 0.2, at }, output]),
      findings: [{ messageId: 'layerCount' }, { messageId: 'type' }],
      fraction: 1 / 3,
    },
    {
      name: 'an extra hidden layer',
      input: withLayers([hidden, dense(32, 'relu'), output]),
      findings: [{ messageId: 'layerCount' }, { messageId: 'units' }, { messageId: 'activation' }],
      fraction: 1 / 3,
    },
  ],
});
