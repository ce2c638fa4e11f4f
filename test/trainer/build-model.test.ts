import { describe, expect, it } from 'vitest';
import { buildModel, describeModel, UnsupportedLayerError } from '../../src/trainer/build-model.js';
import { LECTURE_LAYERS } from '../helpers/lecture.js';
import { dense, layer } from './helpers.js';

describe('describeModel', () => {
  it('reads the lecture model from the built model: 25,120 + 330 = 25,450', () => {
    const d = describeModel(LECTURE_LAYERS);
    expect(d.layers).toEqual([
      { name: 'dense', type: 'Dense', outputShape: [null, 32], params: 25120 },
      { name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 330 },
    ]);
    expect(d).toMatchObject({ totalParams: 25450, trainableParams: 25450, nonTrainableParams: 0 });
  });

  it('Dense(64) variant: 50,240 + 650 = 50,890', () => {
    const d = describeModel([dense(64, 'relu', [784]), dense(10, 'softmax')]);
    expect(d.layers.map((l) => l.params)).toEqual([50240, 650]);
    expect(d.totalParams).toBe(50890);
  });

  it('deeper variant with an Activation layer', () => {
    const d = describeModel([dense(128, 'relu', [784]), dense(64), layer('Activation', { activation: 'tanh' }), dense(10, 'softmax')]);
    expect(d.layers.map((l) => [l.name, l.type, l.params])).toEqual([
      ['dense', 'Dense', 100480],
      ['dense_1', 'Dense', 8256],
      ['activation', 'Activation', 0],
      ['dense_2', 'Dense', 650],
    ]);
    expect(d.totalParams).toBe(109386);
  });

  it('Dropout adds a row without parameters', () => {
    const d = describeModel([dense(32, 'relu', [784]), layer('Dropout', { rate: 0.2 }), dense(10, 'softmax')]);
    expect(d.layers[1]).toEqual({ name: 'dropout', type: 'Dropout', outputShape: [null, 32], params: 0 });
    expect(d.totalParams).toBe(25450);
  });

  it('functional style: InputLayer first, then Dense layers without input_shape', () => {
    const d = describeModel([layer('InputLayer', { inputShape: [784] }), dense(32, 'relu'), dense(10, 'softmax')]);
    expect(d.layers.map((l) => [l.name, l.type, l.outputShape, l.params])).toEqual([
      ['input_layer', 'InputLayer', [null, 784], 0],
      ['dense', 'Dense', [null, 32], 25120],
      ['dense_1', 'Dense', [null, 10], 330],
    ]);
    expect(d.totalParams).toBe(25450);
  });

  it('BatchNormalization: 4 × units params, half of them non-trainable', () => {
    const d = describeModel([dense(32, 'relu', [784]), layer('BatchNormalization'), dense(10, 'softmax')]);
    expect(d.layers[1]).toEqual({ name: 'batch_normalization', type: 'BatchNormalization', outputShape: [null, 32], params: 128 });
    expect(d).toMatchObject({ totalParams: 25578, trainableParams: 25514, nonTrainableParams: 64 });
  });

  it('Flatten of 28×28 images, and the default input of 784 when none is given', () => {
    const flat = describeModel([layer('Flatten', { inputShape: [28, 28] }), dense(10, 'softmax')]);
    expect(flat.layers.map((l) => l.outputShape)).toEqual([[null, 784], [null, 10]]);
    expect(describeModel([dense(32, 'relu'), dense(10, 'softmax')]).totalParams).toBe(25450);
  });

  it('refuses unknown layers and activations with a clear message', () => {
    expect(() => describeModel([layer('Conv2D', { inputShape: [28, 28, 1] })])).toThrow(UnsupportedLayerError);
    expect(() => describeModel([layer('Conv2D')])).toThrow(/unsupported layer type 'Conv2D'.*cell 0/);
    expect(() => describeModel([dense(10, 'bogus', [784])])).toThrow(/unsupported activation 'bogus'/);
    expect(() => describeModel([dense(10, 'constructor', [784])])).toThrow(/unsupported activation 'constructor'/);
    expect(() => describeModel([dense(32, 'relu', [784]), layer('InputLayer', { inputShape: [784] })])).toThrow(/InputLayer must come first/);
    expect(() => describeModel([])).toThrow(/no layers/);
  });
});

describe('buildModel', () => {
  it('uses glorot_uniform kernels within ±sqrt(6/(fan_in+fan_out)) and zero biases; a seed repeats them', () => {
    const a = buildModel(LECTURE_LAYERS, { seed: 7 });
    const b = buildModel(LECTURE_LAYERS, { seed: 7 });
    const [ka, ba] = a.layers[0]!.getWeights().map((t) => t.dataSync());
    const kb = b.layers[0]!.getWeights()[0]!.dataSync();
    const limit = Math.sqrt(6 / (784 + 32));
    expect(Math.max(...ka!.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...ka!.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect([...ba!].every((x) => x === 0)).toBe(true);
    expect([...kb]).toEqual([...ka!]);
    a.dispose();
    b.dispose();
  });
});
