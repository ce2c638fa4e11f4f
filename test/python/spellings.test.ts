import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import type { CodeEvidence } from '../../src/types.js';
import { makeCells } from './make-cells.js';

async function evidenceOf(...sources: string[]): Promise<CodeEvidence> {
  return extractCodeEvidence(makeCells(sources));
}

describe('import spellings', () => {
  const variants: [string, string][] = [
    ['from keras.layers import Dense', 'Dense'],
    ['from tensorflow.keras.layers import Dense', 'Dense'],
    ['from tensorflow.keras.layers import Dense as D', 'D'],
    ['import tensorflow as tf', 'tf.keras.layers.Dense'],
    ['from tensorflow import keras', 'keras.layers.Dense'],
    ['from keras import layers', 'layers.Dense'],
    ['from tensorflow.keras import layers as L', 'L.Dense'],
    ['import keras', 'keras.layers.Dense'],
    ['import tensorflow.keras as K', 'K.layers.Dense'],
    ['from keras.layers import *', 'Dense'],
  ];
  it.each(variants)('%s → %s(32)', async (importLine, dense) => {
    const evidence = await evidenceOf(
      `${importLine}\nfrom keras.models import Sequential\nmodel = Sequential()\nmodel.add(${dense}(32, input_dim=784, activation='relu'))`,
    );
    expect(evidence.models).toHaveLength(1);
    expect(evidence.models[0]!.layers).toEqual([
      { type: 'Dense', units: 32, activation: 'relu', inputShape: [784], at: { cell: 0, line: 4 } },
    ]);
  });

  it('reads tf.keras.Sequential / keras.models.Sequential / keras.Sequential', async () => {
    const evidence = await evidenceOf(
      'import tensorflow as tf\nfrom tensorflow import keras\na = tf.keras.Sequential()\nb = keras.models.Sequential()\nc = keras.Sequential()',
    );
    expect(evidence.models.map((model) => [model.variable, model.kind])).toEqual([
      ['a', 'sequential'],
      ['b', 'sequential'],
      ['c', 'sequential'],
    ]);
  });
});

describe('constants and arguments', () => {
  it('follows constants, arithmetic, reassignment and units=', async () => {
    const evidence = await evidenceOf(
      'from keras.models import Sequential\nfrom keras.layers import Dense\nN = 784\nHIDDEN = 16\nHIDDEN = HIDDEN * 2\nSHAPE = (N,)',
      "model = Sequential()\nmodel.add(Dense(units=HIDDEN, input_shape=SHAPE, activation='relu'))\nmodel.add(Dense(10 , activation = 'softmax'))",
      'EPOCHS = 30\nBATCH = 2 ** 6\nmodel.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH, validation_split=1/5, verbose=2)',
    );
    const [hidden, output] = evidence.models[0]!.layers;
    expect(hidden).toMatchObject({ units: 32, inputShape: [784], activation: 'relu' });
    expect(output).toMatchObject({ units: 10, inputShape: null, activation: 'softmax' });
    expect(evidence.fits[0]).toMatchObject({ model: 'model', epochs: 30, batchSize: 64, validationSplit: 0.2, verbose: 2 });
  });

  it('normalises activation spellings', async () => {
    const evidence = await evidenceOf(
      `import tensorflow as tf
from tensorflow import keras
from keras.layers import Dense, Activation, ReLU
model = tf.keras.Sequential()
model.add(Dense(32, activation=tf.nn.relu, input_shape=[784]))
model.add(Dense(32, activation=keras.activations.relu))
model.add(Dense(32, activation='ReLU'))
model.add(Dense(32, activation=tf.keras.layers.LeakyReLU(alpha=0.1)))
model.add(Dense(32))
model.add(Dense(10, 'softmax'))
model.add(Activation('Softmax'))
model.add(ReLU())`,
    );
    expect(evidence.models[0]!.layers.map((layer) => [layer.type, layer.activation])).toEqual([
      ['Dense', 'relu'],
      ['Dense', 'relu'],
      ['Dense', 'relu'],
      ['Dense', 'leaky_relu'],
      ['Dense', null],
      ['Dense', 'softmax'],
      ['Activation', 'softmax'],
      ['ReLU', 'relu'],
    ]);
  });

  it('reads Flatten, Dropout and BatchNormalization', async () => {
    const evidence = await evidenceOf(
      `from tensorflow.keras import layers, models
model = models.Sequential([
    layers.Flatten(input_shape=(28, 28)),
    layers.Dense(128, activation='relu'),
    layers.BatchNormalization(),
    layers.Dropout(0.2),
    layers.Dropout(rate=0.5),
    layers.Dense(10, activation='softmax'),
])`,
    );
    const layers = evidence.models[0]!.layers;
    expect(layers.map((layer) => layer.type)).toEqual(['Flatten', 'Dense', 'BatchNormalization', 'Dropout', 'Dropout', 'Dense']);
    expect(layers[0]!.inputShape).toEqual([28, 28]);
    expect(layers[3]!.rate).toBe(0.2);
    expect(layers[4]!.rate).toBe(0.5);
    expect(layers[5]!.at).toEqual({ cell: 0, line: 8 });
  });
});

describe('compile spellings', () => {
  it.each([
    ["optimizer='adam', loss='categorical_crossentropy'", 'adam', null, 'categorical_crossentropy'],
    ["'Adam', 'categorical_crossentropy'", 'adam', null, 'categorical_crossentropy'],
    ['optimizer=Adam(learning_rate=0.01), loss=keras.losses.CategoricalCrossentropy()', 'adam', 0.01, 'categorical_crossentropy'],
    ['optimizer=tf.keras.optimizers.Adam(lr=0.001), loss=tf.keras.losses.categorical_crossentropy', 'adam', 0.001, 'categorical_crossentropy'],
    ["optimizer=keras.optimizers.SGD(0.1), loss='CategoricalCrossentropy'", 'sgd', 0.1, 'categorical_crossentropy'],
    ["optimizer=tf.keras.optimizers.RMSprop(), loss='sparse_categorical_crossentropy'", 'rmsprop', null, 'sparse_categorical_crossentropy'],
    ["optimizer=opt, loss='mse'", 'adam', 0.005, 'mse'],
  ])('compile(%s)', async (compileArgs, optimizer, learningRate, loss) => {
    const evidence = await evidenceOf(
      `import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras.optimizers import Adam\nopt = Adam(learning_rate=0.005)
model = keras.Sequential([keras.layers.Dense(10, input_shape=(784,), activation='softmax')])
model.compile(${compileArgs}, metrics=['accuracy', keras.metrics.CategoricalAccuracy()])`,
    );
    expect(evidence.models[0]!.compile).toEqual({
      optimizer,
      learningRate,
      loss,
      metrics: ['accuracy', 'categorical_accuracy'],
      at: { cell: 0, line: 6 },
    });
  });
});

describe('fit, predict and evaluate', () => {
  const prelude = "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential([Dense(10, input_dim=784, activation='softmax')])";

  it('reads positional fit arguments and nb_epoch', async () => {
    const evidence = await evidenceOf(
      prelude,
      'model.fit(x_train, y_train, 128, 5, 1)\nmodel.fit(x_train, y_train, nb_epoch=20, batch_size=32)',
    );
    expect(evidence.fits).toEqual([
      {
        model: 'model', epochs: 5, batchSize: 128, validationSplit: null, hasValidationData: false, verbose: 1,
        callbacks: [], argumentsKnown: true, at: { cell: 1, line: 1 }, ranIn: 1, seq: 0,
      },
      {
        model: 'model', epochs: 20, batchSize: 32, validationSplit: null, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, at: { cell: 1, line: 2 }, ranIn: 1, seq: 1,
      },
    ]);
  });

  it('sees validation_data and verbose', async () => {
    const evidence = await evidenceOf(
      prelude,
      "history = model.fit(x_train, y_train,\n    epochs=3,\n    validation_data=(x_test, y_test),\n    verbose='auto')",
    );
    expect(evidence.fits[0]).toMatchObject({ epochs: 3, hasValidationData: true, verbose: null, at: { cell: 1, line: 1 } });
  });

  it('recognises model.ﬁt written with the U+FB01 ligature (NFKC)', async () => {
    const evidence = await evidenceOf(prelude, 'model.\uFB01t(x_train, y_train, epochs=30, batch_size=64)');
    expect(evidence.fits).toHaveLength(1);
    expect(evidence.fits[0]).toMatchObject({ model: 'model', epochs: 30, batchSize: 64 });
  });

  it('records predict and evaluate with their targets and inputs', async () => {
    const evidence = await evidenceOf(
      prelude,
      'test2 = model.predict(x_test)\nloss, acc = model.evaluate(x_test, y_test, verbose=0)\nprint(model.predict(x_test[:1]).shape)',
    );
    expect(evidence.calls).toEqual([
      { method: 'predict', model: 'model', target: 'test2', input: 'x_test', at: { cell: 1, line: 1 }, ranIn: 1, seq: 0 },
      { method: 'evaluate', model: 'model', target: 'loss, acc', input: 'x_test', at: { cell: 1, line: 2 }, ranIn: 1, seq: 1 },
      { method: 'predict', model: 'model', target: null, input: 'x_test[:1]', at: { cell: 1, line: 3 }, ranIn: 1, seq: 2 },
    ]);
  });
});

describe('data step spellings', () => {
  it('reads reshape, scaling and one-hot variants', async () => {
    const evidence = await evidenceOf(
      `import numpy as np
from tensorflow import keras
(X, y), (Xt, yt) = keras.datasets.mnist.load_data()
X = X.reshape(-1, 28 * 28).astype('float32') / 255.0
Xt = Xt.reshape(10000, 784)
Xt = Xt.astype('float32')
Xt /= 255
Z = np.reshape(X, (60000, 784))
y = keras.utils.to_categorical(y)
yt = keras.utils.to_categorical(yt, num_classes=10)`,
    );
    expect(evidence.dataSteps.map((step) => [step.kind, step.target, step.args, step.at.line])).toEqual([
      ['load_data', '(X, y), (Xt, yt)', ['mnist'], 3],
      ['reshape', 'X', [-1, 784], 4],
      ['scale', 'X', [255], 4],
      ['reshape', 'Xt', [10000, 784], 5],
      ['scale', 'Xt', [255], 7],
      ['reshape', 'Z', [60000, 784], 8],
      ['to_categorical', 'y', [], 9],
      ['to_categorical', 'yt', [10], 10],
    ]);
  });

  it('pairs tuple assignments and keeps unknown dims as written', async () => {
    const evidence = await evidenceOf(
      'x_train, x_test = x_train.reshape(len(x_train), 784) / 255, x_test.reshape(x_test.shape[0], 784) / 255',
    );
    expect(evidence.dataSteps.map((step) => [step.kind, step.target, step.args])).toEqual([
      ['reshape', 'x_train', ['len(x_train)', 784]],
      ['scale', 'x_train', [255]],
      ['reshape', 'x_test', ['x_test.shape[0]', 784]],
      ['scale', 'x_test', [255]],
    ]);
  });
});
