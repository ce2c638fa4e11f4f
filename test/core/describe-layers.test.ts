/**
 * describeLayers (formulas, no TensorFlow.js) against describeModel (the TensorFlow.js model it builds): the
 * same description, or the same error (name and message), for every layer class the interpreter knows, for
 * every model in the fixture notebooks, for hand-written edge cases and for seeded random layer stacks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESCRIBED_LAYERS, describeLayers, UnsupportedLayerError } from '../../src/core/describe-layers.js';
import { parseNotebook } from '../../src/core/notebook/parse.js';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import { describeModel, SUPPORTED_LAYERS } from '../../src/trainer/build-model.js';
import type { LayerSpec, NotebookCell } from '../../src/types.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** The layer classes of src/core/python/keras-symbols.ts (LAYER_NAMES). */
const KERAS_LAYERS = [
  'Dense', 'Flatten', 'Dropout', 'InputLayer', 'Activation', 'BatchNormalization', 'Reshape', 'ReLU',
  'LeakyReLU', 'PReLU', 'ELU', 'Softmax', 'Conv1D', 'Conv2D', 'MaxPooling2D', 'MaxPool2D',
  'AveragePooling2D', 'GlobalAveragePooling2D', 'LayerNormalization', 'GaussianNoise', 'AlphaDropout',
  'Concatenate', 'Add', 'Rescaling', 'Normalization', 'SimpleRNN', 'LSTM', 'GRU', 'Embedding',
];

const SUPPORTED_MESSAGE = 'supported: Dense, Flatten, Dropout, InputLayer, Activation, BatchNormalization';

function layer(type: string, fields: Partial<Omit<LayerSpec, 'type'>> = {}): LayerSpec {
  return { type, units: null, activation: null, inputShape: null, at: { cell: 0 }, ...fields };
}

const dense = (units: number | null, activation: string | null = null, inputShape: number[] | null = null) =>
  layer('Dense', { units, activation, inputShape });

type Outcome = { description: unknown } | { error: { name: string; message: string } };

function outcome(run: () => unknown): Outcome {
  try {
    return { description: run() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: { name: error.name, message: error.message } };
  }
}

/** describeLayers and describeModel agree on `layers`; returns describeModel's outcome. */
function expectSame(layers: LayerSpec[]): Outcome {
  const expected = outcome(() => describeModel(layers));
  const label = JSON.stringify(layers.map(({ at: _at, ...rest }) => rest));
  expect(outcome(() => describeLayers(layers)), label).toEqual(expected);
  return expected;
}

function cells(source: string): NotebookCell[] {
  return [{ index: 0, type: 'code', source, executionCount: 1, outputs: [] }];
}

describe('describeLayers by hand', () => {
  it('describes exactly the layer types describeModel builds', () => {
    expect([...DESCRIBED_LAYERS]).toEqual([...SUPPORTED_LAYERS]);
  });

  it('Dense with an input shape, and without one (the flattened 784 inputs)', () => {
    const withShape = describeLayers([dense(32, 'relu', [784]), dense(10, 'softmax')]);
    expect(withShape).toEqual({
      layers: [
        { name: 'dense', type: 'Dense', outputShape: [null, 32], params: 25120 },
        { name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 330 },
      ],
      totalParams: 25450,
      trainableParams: 25450,
      nonTrainableParams: 0,
    });
    expect(describeLayers([dense(32, 'relu'), dense(10, 'softmax')])).toEqual(withShape);
    expectSame([dense(32, 'relu'), dense(10, 'softmax')]);
  });

  it('a Dense chain 784 → 128 → 64 → 10', () => {
    const layers = [dense(128, 'relu', [784]), dense(64, 'relu'), dense(10, 'softmax')];
    const d = describeLayers(layers);
    expect(d.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['dense', [null, 128], 100480],
      ['dense_1', [null, 64], 8256],
      ['dense_2', [null, 10], 650],
    ]);
    expect(d.totalParams).toBe(109386);
    expectSame(layers);
  });

  it('Dense on a 28×28 input acts on the last axis', () => {
    const d = describeLayers([dense(10, null, [28, 28])]);
    expect(d.layers).toEqual([{ name: 'dense', type: 'Dense', outputShape: [null, 28, 10], params: 290 }]);
  });

  it('Dropout adds rows without parameters, named dropout, dropout_1', () => {
    const layers = [dense(32, 'relu', [784]), layer('Dropout', { rate: 0.2 }), dense(16), layer('Dropout', { rate: 0 }), dense(10, 'softmax')];
    const d = describeLayers(layers);
    expect(d.layers.filter((l) => l.type === 'Dropout')).toEqual([
      { name: 'dropout', type: 'Dropout', outputShape: [null, 32], params: 0 },
      { name: 'dropout_1', type: 'Dropout', outputShape: [null, 16], params: 0 },
    ]);
    expect(d.totalParams).toBe(25120 + 528 + 170);
    expectSame(layers);
  });

  it('Flatten from (28, 28) to 784; on flat data TensorFlow.js refuses it, and so does describeLayers', () => {
    const layers = [layer('Flatten', { inputShape: [28, 28] }), dense(10, 'softmax')];
    expect(describeLayers(layers).layers).toEqual([
      { name: 'flatten', type: 'Flatten', outputShape: [null, 784], params: 0 },
      { name: 'dense', type: 'Dense', outputShape: [null, 10], params: 7850 },
    ]);
    expectSame(layers);
    expect(() => describeLayers([layer('Flatten'), dense(10)])).toThrow(
      'Input 0 is incompatible with layer flatten: expected min_ndim=3, found ndim=2.',
    );
    expectSame([layer('Flatten'), dense(10)]);
  });

  it('BatchNormalization: 4 parameters per feature, 2 of them not trainable', () => {
    const layers = [dense(32, 'relu', [784]), layer('BatchNormalization'), dense(10, 'softmax')];
    const d = describeLayers(layers);
    expect(d.layers[1]).toEqual({ name: 'batch_normalization', type: 'BatchNormalization', outputShape: [null, 32], params: 128 });
    expect(d).toMatchObject({ totalParams: 25578, trainableParams: 25514, nonTrainableParams: 64 });
    expectSame(layers);
    // on 28×28 images it normalises the last axis: 28 features
    expect(describeLayers([layer('BatchNormalization', { inputShape: [28, 28] })])).toMatchObject({
      totalParams: 112,
      trainableParams: 56,
      nonTrainableParams: 56,
    });
  });

  it('Activation layers: no parameters, activation, activation_1; unknown or missing activations refused', () => {
    const layers = [dense(64, null, [784]), layer('Activation', { activation: 'relu' }), dense(10), layer('Activation', { activation: 'softmax' })];
    expect(describeLayers(layers).layers.map((l) => [l.name, l.params])).toEqual([
      ['dense', 50240],
      ['activation', 0],
      ['dense_1', 650],
      ['activation_1', 0],
    ]);
    expectSame(layers);
    expect(() => describeLayers([dense(32, null, [784]), layer('Activation')])).toThrow('Activation layer without an activation (cell 0)');
    expect(() => describeLayers([layer('Activation', { activation: 'bogus', at: { cell: 4, line: 2 } })])).toThrow(
      "unsupported activation 'bogus' in Activation (cell 4, line 2)",
    );
    expect(() => describeLayers([dense(10, 'constructor', [784])])).toThrow("unsupported activation 'constructor' in Dense");
  });

  it('InputLayer first gets a row; anywhere else, or without a shape, it is refused', () => {
    const layers = [layer('InputLayer', { inputShape: [784] }), dense(32, 'relu'), dense(10, 'softmax')];
    expect(describeLayers(layers).layers.map((l) => [l.name, l.type, l.outputShape, l.params])).toEqual([
      ['input_layer', 'InputLayer', [null, 784], 0],
      ['dense', 'Dense', [null, 32], 25120],
      ['dense_1', 'Dense', [null, 10], 330],
    ]);
    expectSame(layers);
    expect(() => describeLayers([dense(32, 'relu', [784]), layer('InputLayer', { inputShape: [784] })])).toThrow(/InputLayer must come first/);
    expect(() => describeLayers([layer('InputLayer', { inputShape: [] })])).toThrow('InputLayer without a shape (cell 0)');
  });

  it('Reshape, Embedding, LSTM, Conv2D: refused with describeModel error (LayerSpec lacks their settings)', () => {
    for (const type of ['Reshape', 'Embedding', 'LSTM', 'Conv2D']) {
      const layers = [layer(type, { units: type === 'LSTM' || type === 'Conv2D' ? 16 : null, inputShape: [28, 28], at: { cell: 3, line: 5 } })];
      expect(() => describeLayers(layers)).toThrow(UnsupportedLayerError);
      expect(() => describeLayers(layers)).toThrow(`unsupported layer type '${type}'; ${SUPPORTED_MESSAGE} (cell 3, line 5)`);
      expectSame(layers);
    }
  });

  it('no layers, a Dense without units, a Dropout without a rate: describeModel messages', () => {
    expect(() => describeLayers([])).toThrow('the model has no layers');
    expectSame([]);
    expect(() => describeLayers([dense(null, 'relu', [784])])).toThrow('Dense layer without a positive integer number of units (cell 0)');
    expect(() => describeLayers([layer('Dropout')])).toThrow('Dropout needs a rate in [0, 1), got null (cell 0)');
  });
});

describe('describeLayers = describeModel', () => {
  // TensorFlow.js warns on console about shapes with NaN in them ("does not match the expectation of layer …")
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('on every layer class the interpreter knows, as LayerSpecs in several positions', () => {
    for (const type of KERAS_LAYERS) {
      const fields = { units: 16, activation: 'relu', rate: 0.25 };
      const variants: LayerSpec[][] = [
        [layer(type, fields)],
        [layer(type, { ...fields, inputShape: [784] }), dense(10, 'softmax')],
        [layer(type, { ...fields, inputShape: [28, 28] }), layer('Flatten'), dense(10, 'softmax')],
        [layer(type, { ...fields, inputShape: [8, 8, 3] })],
        [dense(32, 'relu', [784]), layer(type, fields), dense(10, 'softmax')],
        [layer('InputLayer', { inputShape: [28, 28] }), layer(type, fields)],
        [layer(type, { ...fields, activation: null, rate: null, units: null, inputShape: [] })],
      ];
      for (const layers of variants) expectSame(layers);
    }
  });

  it('on every layer class the interpreter knows, as the interpreter reads Keras code', async () => {
    const calls: Record<string, string> = {
      Dense: 'Dense(16, activation="relu")',
      Flatten: 'Flatten()',
      Dropout: 'Dropout(0.2)',
      InputLayer: 'InputLayer(input_shape=(28, 28))',
      Activation: 'Activation("tanh")',
      BatchNormalization: 'BatchNormalization()',
      Reshape: 'Reshape((28, 28))',
      ReLU: 'ReLU()',
      LeakyReLU: 'LeakyReLU(0.1)',
      PReLU: 'PReLU()',
      ELU: 'ELU()',
      Softmax: 'Softmax()',
      Conv1D: 'Conv1D(8, 3, activation="relu")',
      Conv2D: 'Conv2D(8, (3, 3))',
      MaxPooling2D: 'MaxPooling2D((2, 2))',
      MaxPool2D: 'MaxPool2D()',
      AveragePooling2D: 'AveragePooling2D()',
      GlobalAveragePooling2D: 'GlobalAveragePooling2D()',
      LayerNormalization: 'LayerNormalization()',
      GaussianNoise: 'GaussianNoise(0.1)',
      AlphaDropout: 'AlphaDropout(0.1)',
      Concatenate: 'Concatenate()',
      Add: 'Add()',
      Rescaling: 'Rescaling(1.0 / 255)',
      Normalization: 'Normalization()',
      SimpleRNN: 'SimpleRNN(16)',
      LSTM: 'LSTM(16)',
      GRU: 'GRU(16)',
      Embedding: 'Embedding(1000, 16)',
    };
    expect(Object.keys(calls).sort()).toEqual([...KERAS_LAYERS].sort());
    /** Dropout(0.2) → Dropout(0.2, input_shape=(28, 28)); Flatten() → Flatten(input_shape=(28, 28)). */
    const withShape = (call: string, shape: string) =>
      `${call.slice(0, -1)}${call.endsWith('()') ? '' : ', '}input_shape=${shape})`;
    let compared = 0;
    for (const [type, call] of Object.entries(calls)) {
      const source = [
        'from tensorflow.keras.models import Sequential, Model',
        `from tensorflow.keras.layers import Input, ${KERAS_LAYERS.join(', ')}`,
        `m1 = Sequential([${call}, Dense(10, activation="softmax")])`,
        `m2 = Sequential([${type === 'InputLayer' ? call : withShape(call, '(28, 28)')}, Flatten(), Dense(10, activation="softmax")])`,
        `m3 = Sequential([Dense(32, activation="relu", input_shape=(784,)), ${call}, Dense(10, activation="softmax")])`,
        'm4 = Sequential()',
        'm4.add(Dense(64, input_dim=784))',
        `m4.add(${call})`,
        'm4.add(Dense(10, activation="softmax"))',
        'inputs = Input(shape=(28, 28))',
        `x = ${type === 'InputLayer' ? 'inputs' : `${call}(inputs)`}`,
        'x = Flatten()(x)',
        'm5 = Model(inputs, Dense(10, activation="softmax")(x))',
      ].join('\n');
      const evidence = await extractCodeEvidence(cells(source));
      expect(evidence.models.map((m) => m.variable), type).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      for (const model of evidence.models) {
        if (model.variable !== 'm5' || type !== 'InputLayer') expect(model.layers.map((l) => l.type), `${type} ${model.variable}`).toContain(type);
        expectSame(model.layers);
        compared++;
      }
    }
    expect(compared).toBe(5 * KERAS_LAYERS.length);
  });

  it('on every model the interpreter finds in the fixture notebooks', async () => {
    const files = (await readdir(FIXTURES, { recursive: true })).filter((file) => file.endsWith('.ipynb')).sort();
    expect(files.length).toBeGreaterThanOrEqual(40);
    let compared = 0;
    let described = 0;
    for (const file of files) {
      const parsed = parseNotebook(await readFile(join(FIXTURES, file)));
      if (!parsed.ok) continue;
      const evidence = await extractCodeEvidence(parsed.notebook.cells);
      for (const model of evidence.models) {
        if ('description' in expectSame(model.layers)) described++;
        compared++;
      }
    }
    // 35 models in 44 readable notebooks when this was written (three variants of the lecture's MLP)
    expect(compared).toBeGreaterThanOrEqual(30);
    expect(described).toBeGreaterThanOrEqual(30);
  });

  it('on what TensorFlow.js itself refuses or allows: odd shapes, odd numbers, weights too large to allocate', () => {
    const cases: LayerSpec[][] = [
      [layer('InputLayer', { inputShape: [784] })],
      [layer('InputLayer', { inputShape: [0] })],
      [layer('InputLayer', { inputShape: [-1] }), dense(3)],
      [layer('InputLayer', { inputShape: [28, 28] }), layer('Flatten'), dense(10)],
      [layer('InputLayer', { inputShape: [784] }), layer('Flatten')],
      [layer('Flatten', { inputShape: [784] })],
      [layer('Flatten', { inputShape: [] })],
      [layer('Flatten', { inputShape: [28, -1] })],
      [layer('Flatten', { inputShape: [-1, -1] }), dense(2)],
      [layer('Flatten', { inputShape: [28, 0] }), dense(2)],
      [layer('Flatten', { inputShape: [2.5, 3] })],
      [layer('Flatten', { inputShape: [2.5, 3] }), dense(2)],
      [layer('Flatten', { inputShape: [Infinity, 0] })],
      [layer('Flatten', { inputShape: [NaN, 2] })],
      [layer('Flatten', { inputShape: [1e5, 1e5] }), dense(1)],
      [dense(10, null, [])],
      [dense(10, null, [0])],
      [dense(10, null, [-5])],
      [dense(10, null, [7.5])],
      [dense(10, null, [NaN])],
      [dense(10, null, [Infinity])],
      [dense(2, null, [-3, 4])],
      [dense(2, null, [2.5, 4])],
      [dense(2, null, [2, 3, 4]), layer('Flatten')],
      [dense(3.5)],
      [dense(0)],
      [dense(-2)],
      [dense(Infinity)],
      [dense(100000, null, [100000])],
      [dense(5e9, null, [0])],
      [dense(1e200, null, [784])],
      [layer('Dropout', { rate: 0.1, inputShape: [] })],
      [layer('Dropout', { rate: 0.1, inputShape: [] }), layer('BatchNormalization')],
      [layer('Dropout', { rate: 0.1, inputShape: [] }), dense(3)],
      [layer('Dropout', { rate: 0.1, inputShape: [-5] })],
      [layer('Dropout', { rate: 1 })],
      [layer('Dropout', { rate: -0.1 })],
      [layer('Dropout', { rate: NaN })],
      [layer('Activation', { activation: 'relu', inputShape: [] })],
      [layer('Activation', { activation: 'linear', inputShape: [-2, 3] })],
      [layer('Activation', { activation: 'gelu' }), layer('Activation', { activation: 'mish' }), layer('Activation', { activation: 'silu' })],
      [layer('Activation', { activation: 'leaky_relu' })],
      [dense(3, 'hard_sigmoid'), dense(3, 'relu6'), dense(3, 'thresholded_relu')],
      [layer('BatchNormalization', { inputShape: [] })],
      [layer('BatchNormalization', { inputShape: [0] })],
      [layer('BatchNormalization', { inputShape: [-3] })],
      [layer('BatchNormalization', { inputShape: [-3, 4] })],
      [layer('BatchNormalization', { inputShape: [4, 2.5] })],
      [layer('BatchNormalization', { inputShape: [5e9] })],
      [layer('BatchNormalization', { inputShape: [4, 4, 3] }), layer('Flatten'), layer('BatchNormalization')],
      [dense(8, 'relu', [784]), layer('dense')],
      [dense(8, 'relu', [784]), layer('Dense', { units: 4, inputShape: [3] })],
      [layer('Conv2D', { units: 8 }), layer('InputLayer', { inputShape: [784] })],
    ];
    for (const layers of cases) expectSame(layers);
  });

  it('on seeded random layer stacks: plausible ones and anything-goes ones', () => {
    let state = 20231116;
    const random = () => {
      // mulberry32
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const at = (index: number) => ({ cell: index, line: index + 1 });

    /** What a student might write: an optional InputLayer or Flatten, then Dense, Dropout, Activation, BatchNormalization. */
    const plausible = (): LayerSpec[] => {
      const shape = pick([[784], [28, 28], [4, 4, 3], [10]]);
      const layers: LayerSpec[] = [];
      const start = pick(['InputLayer', 'Flatten', 'Dense', 'none']);
      if (start === 'InputLayer') layers.push(layer('InputLayer', { inputShape: shape, at: at(0) }));
      if (start === 'Flatten') layers.push(layer('Flatten', { inputShape: shape, at: at(0) }));
      const length = 1 + Math.floor(random() * 5);
      for (let i = 0; i < length; i++) {
        const type = pick(['Dense', 'Dense', 'Dense', 'Dropout', 'Activation', 'BatchNormalization']);
        const first = layers.length === 0;
        layers.push(
          layer(type, {
            units: pick([1, 10, 32, 64, 128, 512]),
            activation: pick([null, 'relu', 'relu', 'softmax', 'tanh', 'sigmoid', 'elu', 'selu', 'swish']),
            rate: pick([0, 0.1, 0.2, 0.5]),
            inputShape: first && start !== 'none' ? shape : null,
            at: at(layers.length),
          }),
        );
      }
      return layers;
    };

    /** Anything: any order, unsupported classes, missing and odd settings, odd shapes. */
    const anything = (): LayerSpec[] => {
      const types = [...SUPPORTED_LAYERS, 'Dense', 'Dense', 'Conv2D', 'ReLU', 'LSTM'];
      const shapes = [null, [784], [28, 28], [4, 4, 3], [], [0], [3, 0], [2.5, 2], [-1], [3, -2], [NaN], [6]];
      const length = 1 + Math.floor(random() * 5);
      return Array.from({ length }, (_, index) =>
        layer(pick(types), {
          units: pick([null, 1, 3, 10, 32, 0, 2.5, -1]),
          activation: pick([null, 'relu', 'softmax', 'gelu', 'bogus', 'leaky_relu', 'constructor']),
          inputShape: index === 0 || random() < 0.1 ? pick(shapes) : null,
          rate: pick([null, 0, 0.2, 1, -0.1, NaN]),
          at: at(index),
        }),
      );
    };

    let described = 0;
    const errors = new Set<string>();
    for (let n = 0; n < 600; n++) {
      const result = expectSame(n % 2 === 0 ? plausible() : anything());
      if ('description' in result) described++;
      else errors.add(result.error.message.replace(/[-\d'[(].*$/s, ''));
    }
    expect(described).toBeGreaterThan(250);
    expect(errors.size).toBeGreaterThanOrEqual(12);
  });
});
