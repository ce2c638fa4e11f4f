import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import { makeCells } from './make-cells.js';

/** The lecture's code (seed 000), one notebook cell per block, as students type it. */
const LECTURE = [
  `from tensorflow.keras.datasets import mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()`,
  `print(x_train.shape)
print(y_train.shape)
print(x_test.shape)
print(y_test.shape)`,
  `x_train = x_train.reshape(x_train.shape[0],784)/255
x_test = x_test.reshape(x_test.shape[0],784)/255`,
  `from tensorflow.keras.utils import to_categorical
y_train = to_categorical(y_train,10)
y_test = to_categorical(y_test,10)`,
  `from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(32, input_shape=(784,), activation='relu'))
model.add(Dense(10, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])
model.summary()`,
  `test = model.predict(x_test)
test.shape`,
  `print(test[1])
print(y_test[1])`,
  `import matplotlib.pyplot as plt
plt.imshow(x_test[1],'gray')
plt.show()`,
  `result = model.fit(x_train, y_train, epochs=30, batch_size=64, validation_split=0.2)`,
  `test2 = model.predict(x_test)`,
  `import numpy as np
print(np.around(test2[1],3))
print(y_test[1])`,
];

describe('the lecture notebook', () => {
  it('yields one sequential model with the two Dense layers', async () => {
    const evidence = await extractCodeEvidence(makeCells(LECTURE));
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.models).toHaveLength(1);
    const model = evidence.models[0]!;
    expect(model.variable).toBe('model');
    expect(model.kind).toBe('sequential');
    expect(model.at).toEqual({ cell: 4, line: 4 });
    expect(model.layers).toEqual([
      { type: 'Dense', units: 32, activation: 'relu', inputShape: [784], at: { cell: 4, line: 5 } },
      { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, at: { cell: 4, line: 6 } },
    ]);
    expect(model.compile).toEqual({
      loss: 'categorical_crossentropy',
      optimizer: 'adam',
      learningRate: null,
      metrics: ['accuracy'],
      at: { cell: 4, line: 7 },
    });
  });

  it('yields the fit and both predictions', async () => {
    const evidence = await extractCodeEvidence(makeCells(LECTURE));
    expect(evidence.fits).toEqual([
      {
        model: 'model',
        epochs: 30,
        batchSize: 64,
        validationSplit: 0.2,
        hasValidationData: false,
        verbose: null,
        callbacks: [],
        argumentsKnown: true,
        at: { cell: 8, line: 1 },
        ranIn: 8,
        seq: 9,
      },
    ]);
    expect(evidence.calls).toEqual([
      { method: 'predict', model: 'model', target: 'test', input: 'x_test', at: { cell: 5, line: 1 }, ranIn: 5, seq: 4 },
      { method: 'predict', model: 'model', target: 'test2', input: 'x_test', at: { cell: 9, line: 1 }, ranIn: 9, seq: 10 },
    ]);
  });

  it('yields the data steps in order, shapes followed through x.shape[0]', async () => {
    const evidence = await extractCodeEvidence(makeCells(LECTURE));
    expect(evidence.dataSteps).toEqual([
      { kind: 'load_data', target: '(x_train, y_train), (x_test, y_test)', args: ['mnist'], at: { cell: 0, line: 2 } },
      { kind: 'reshape', target: 'x_train', args: [60000, 784], at: { cell: 2, line: 1 } },
      { kind: 'scale', target: 'x_train', args: [255], at: { cell: 2, line: 1 } },
      { kind: 'reshape', target: 'x_test', args: [10000, 784], at: { cell: 2, line: 2 } },
      { kind: 'scale', target: 'x_test', args: [255], at: { cell: 2, line: 2 } },
      { kind: 'to_categorical', target: 'y_train', args: [10], at: { cell: 3, line: 2 } },
      { kind: 'to_categorical', target: 'y_test', args: [10], at: { cell: 3, line: 3 } },
    ]);
  });

  it('reads the Dense(64) variant', async () => {
    const cells = [...LECTURE];
    cells[4] = cells[4]!.replace('Dense(32,', 'Dense(64,');
    const evidence = await extractCodeEvidence(makeCells(cells));
    expect(evidence.models[0]!.layers.map((layer) => layer.units)).toEqual([64, 10]);
    expect(evidence.models[0]!.layers[0]!.inputShape).toEqual([784]);
  });

  it('reads the epochs=10 variant', async () => {
    const cells = [...LECTURE];
    cells[8] = cells[8]!.replace('epochs=30', 'epochs=10');
    const evidence = await extractCodeEvidence(makeCells(cells));
    expect(evidence.fits.map((fit) => fit.epochs)).toEqual([10]);
    expect(evidence.fits[0]!.batchSize).toBe(64);
  });

  it('places facts by the index among all cells, markdown included', async () => {
    const cells = makeCells([
      { source: '# 課題4', type: 'markdown', count: null },
      ...LECTURE.slice(4, 6),
    ]);
    cells.forEach((cell, index) => (cell.index = index));
    const evidence = await extractCodeEvidence(cells);
    expect(evidence.models[0]!.at).toEqual({ cell: 1, line: 4 });
    expect(evidence.calls[0]!.at).toEqual({ cell: 2, line: 1 });
  });
});
