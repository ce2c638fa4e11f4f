import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import { makeCells } from './make-cells.js';

describe('functional API', () => {
  it('builds the layer chain from Input to the outputs', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `from tensorflow.keras.layers import Input, Dense, Dropout
from tensorflow.keras.models import Model
inputs = Input(shape=(784,))
x = Dense(32, activation='relu')(inputs)
x = Dropout(0.2)(x)
outputs = Dense(10, activation='softmax')(x)
model = Model(inputs, outputs)
model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])`,
      ]),
    );
    expect(evidence.models).toHaveLength(1);
    const model = evidence.models[0]!;
    expect(model).toMatchObject({ variable: 'model', kind: 'functional', at: { cell: 0, line: 7 } });
    expect(model.layers).toEqual([
      { type: 'InputLayer', units: null, activation: null, inputShape: [784], at: { cell: 0, line: 3 } },
      { type: 'Dense', units: 32, activation: 'relu', inputShape: null, at: { cell: 0, line: 4 } },
      { type: 'Dropout', units: null, activation: null, inputShape: null, rate: 0.2, at: { cell: 0, line: 5 } },
      { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, at: { cell: 0, line: 6 } },
    ]);
    expect(model.compile).toMatchObject({ optimizer: 'adam', loss: 'categorical_crossentropy' });
  });

  it('reads keras.Model(inputs=…, outputs=…) and keras.Input', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `from tensorflow import keras
inp = keras.Input((784,))
hidden = keras.layers.Dense(64, activation='relu')(inp)
net = keras.Model(inputs=inp, outputs=keras.layers.Dense(10, activation='softmax')(hidden))`,
      ]),
    );
    expect(evidence.models[0]!.variable).toBe('net');
    expect(evidence.models[0]!.layers.map((layer) => [layer.type, layer.units, layer.inputShape])).toEqual([
      ['InputLayer', null, [784]],
      ['Dense', 64, null],
      ['Dense', 10, null],
    ]);
  });
});

describe('several models', () => {
  it('keeps a layer added after compile', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `from keras.models import Sequential
from keras.layers import Dense
model = Sequential()
model.add(Dense(32, input_shape=(784,), activation='relu'))
model.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])
model.add(Dense(10, activation='softmax'))`,
      ]),
    );
    expect(evidence.models[0]!.layers.map((layer) => layer.units)).toEqual([32, 10]);
    expect(evidence.models[0]!.compile!.at).toEqual({ cell: 0, line: 5 });
  });

  it('gives each built model its own spec and compile, in order', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        "from keras.models import Sequential\nfrom keras.layers import Dense, Input\nmodel = Sequential()\nmodel.add(Dense(32, input_shape=(784,), activation='relu'))\nmodel.add(Dense(10, activation='softmax'))\nmodel.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])",
        'model.fit(x_train, y_train, epochs=30, batch_size=64, validation_split=0.2)',
        "model = Sequential()\nmodel.add(Dense(64, input_shape=(784,), activation='relu'))\nmodel.add(Dense(10, activation='softmax'))\nmodel.compile(loss='categorical_crossentropy', optimizer='sgd')",
        "model2 = Sequential([Input(shape=(784,)), Dense(10, activation='softmax')])",
        'model.fit(x_train, y_train, epochs=10)',
      ]),
    );
    expect(evidence.models.map((model) => [model.variable, model.at.cell, model.layers.map((layer) => layer.units)])).toEqual([
      ['model', 0, [32, 10]],
      ['model', 2, [64, 10]],
      ['model2', 3, [null, 10]],
    ]);
    expect(evidence.models.map((model) => model.compile?.optimizer ?? null)).toEqual(['adam', 'sgd', null]);
    expect(evidence.models[2]!.layers[0]).toMatchObject({ type: 'InputLayer', inputShape: [784] });
    expect(evidence.fits.map((fit) => [fit.model, fit.epochs, fit.at.cell])).toEqual([
      ['model', 30, 1],
      ['model', 10, 4],
    ]);
  });

  it('follows a model built inside a function, and loops over layer sizes', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense

def build_model(hidden=(32,), lr=0.001):
    m = Sequential()
    for i, units in enumerate(hidden):
        pass
    for units in hidden:
        m.add(Dense(units, activation='relu'))
    m.add(Dense(10, activation='softmax'))
    return m`,
        'model = build_model([128, 64])\nmodel.fit(x_train, y_train, epochs=5)',
      ]),
    );
    expect(evidence.models).toHaveLength(1);
    expect(evidence.models[0]!.variable).toBe('model');
    expect(evidence.models[0]!.at).toEqual({ cell: 0, line: 5 });
    expect(evidence.models[0]!.layers.map((layer) => [layer.units, layer.at.line])).toEqual([
      [128, 9],
      [64, 9],
      [10, 10],
    ]);
    expect(evidence.fits[0]).toMatchObject({ model: 'model', epochs: 5 });
  });

  it('follows models used under with / if blocks', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `import tensorflow as tf
USE_BIG = False
with tf.device('/GPU:0'):
    model = tf.keras.Sequential()
    if USE_BIG:
        model.add(tf.keras.layers.Dense(512, input_shape=(784,)))
    else:
        model.add(tf.keras.layers.Dense(32, input_shape=(784,), activation='relu'))`,
      ]),
    );
    expect(evidence.models[0]!.layers.map((layer) => layer.units)).toEqual([32]);
  });
});

describe('shapes followed into layer arguments', () => {
  it('reads input_shape=(x_train.shape[1],) after the reshape', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        `from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255
model = Sequential()
model.add(Dense(32, input_shape=(x_train.shape[1],), activation='relu'))`,
      ]),
    );
    expect(evidence.models[0]!.layers[0]!.inputShape).toEqual([784]);
  });

  it('stays bounded on large nested loops', async () => {
    const evidence = await extractCodeEvidence(
      makeCells(['for i in range(100):\n    for j in range(100):\n        for k in range(100):\n            x = i * j * k']),
    );
    expect(evidence.syntaxErrors).toEqual([]);
  });
});
