/**
 * What the cells show (CodeEvidence.shown) and what it is computed from: print / display / plotting calls
 * and a cell's last bare expression, with their source (constant, data, model, unknown) and the row of a
 * prediction they show.
 */
import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import type { CodeEvidence, ShownValue } from '../../src/types.js';
import { makeCells } from './make-cells.js';

async function evidenceOf(...sources: string[]): Promise<CodeEvidence> {
  return extractCodeEvidence(makeCells(sources));
}

const SETUP = `import numpy as np
import matplotlib.pyplot as plt
from tensorflow.keras.datasets import mnist
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense
from tensorflow.keras.utils import to_categorical
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train.reshape(60000, 784) / 255
x_test = x_test.reshape(10000, 784).astype('float32') / 255
y_test = to_categorical(y_test, 10)
model = Sequential([Dense(32, input_shape=(784,), activation='relu'), Dense(10, activation='softmax')])
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
history = model.fit(x_train, y_train, epochs=30, batch_size=64, validation_split=0.2)
test2 = model.predict(x_test)
pass`;

/** The shown values of the cells after SETUP, as [how, call, source, predictRow]. */
async function shownAfterSetup(...sources: string[]): Promise<[string, string | null, string, ShownValue['predictRow'] | null][]> {
  const evidence = await evidenceOf(SETUP, ...sources);
  return evidence.shown.map((shown) => [shown.how, shown.call ?? null, shown.source, shown.predictRow ?? null]);
}

describe('plots and their sources', () => {
  it.each([
    ["plt.imshow(x_test[1].reshape(28,28),'gray')", 'imshow', 'data'],
    ['plt.imshow(x_train[0], cmap=plt.cm.binary)', 'imshow', 'data'],
    ["plt.plot(history.history['loss'])", 'plot', 'model'],
    ["plt.plot(history.history['accuracy'], label='train')", 'plot', 'model'],
    ['plt.imshow(np.random.rand(28, 28))', 'imshow', 'unknown'],
    ['plt.imshow(np.zeros((28, 28)))', 'imshow', 'constant'],
    ['plt.imshow(some_image)', 'imshow', 'unknown'],
    ['plt.bar(range(10), test2[1])', 'bar', 'model'],
    ['plt.hist(x_train[0])', 'hist', 'data'],
    ['plt.matshow(x_test[2].reshape(28, 28))', 'matshow', 'data'],
    ["plt.imshow(model.get_weights()[0], cmap='gray')", 'imshow', 'model'],
  ])('%s → %s from %s', async (code, call, source) => {
    expect(await shownAfterSetup(code)).toEqual([['plot', call, source, null], ['expression', null, source, null]]);
  });

  it('reads axes, seaborn and pandas plots', async () => {
    expect(
      await shownAfterSetup(`import seaborn as sns
import pandas as pd
fig, axes = plt.subplots(1, 3)
axes[0].imshow(x_test[0].reshape(28, 28))
ax = axes[1]
ax.plot(history.history['val_loss'])
sns.heatmap(np.corrcoef(test2[:10]))
pd.DataFrame(history.history).plot()
pd.DataFrame(history.history).plot.line()
plt.show()`),
    ).toEqual([
      ['plot', 'imshow', 'data', null],
      ['plot', 'plot', 'model', null],
      ['plot', 'heatmap', 'model', null],
      ['plot', 'plot', 'model', null],
      ['plot', 'line', 'model', null],
    ]);
  });

  it('follows a helper function called with a data image, recording where it is written and which cell ran it', async () => {
    const evidence = await evidenceOf(SETUP, 'def show(img):\n    plt.imshow(img.reshape(28, 28), cmap="gray")\n    plt.show()', 'show(x_train[0])');
    expect(evidence.shown).toEqual([{ how: 'plot', call: 'imshow', source: 'data', at: { cell: 1, line: 2 }, ranIn: 2, seq: 2 }]);
  });

  it('gives constant loop variables over range() and constant sequences', async () => {
    expect(
      await shownAfterSetup(`for i in range(3):
    plt.subplot(1, 3, i + 1)
    plt.imshow(x_train[i].reshape(28, 28))
for name in ['loss', 'val_loss']:
    plt.plot(history.history[name])
for i in range(1000):
    plt.imshow(x_test[i])
for img in unknown_images:
    plt.imshow(img)`),
    ).toEqual([
      ['plot', 'imshow', 'data', null],
      ['plot', 'imshow', 'data', null],
      ['plot', 'imshow', 'data', null],
      ['plot', 'plot', 'model', null],
      ['plot', 'plot', 'model', null],
      ['plot', 'imshow', 'data', null],
      ['plot', 'imshow', 'unknown', null],
    ]);
  });
});

describe('print, display and the last expression', () => {
  it('records np.around(test2[1], 3) and its spellings as rows of the prediction', async () => {
    const rows = { target: 'test2', index: 1 };
    expect(
      await shownAfterSetup(
        'print(np.around(test2[1], 3))\nprint(np.round(test2[1], 3))\nprint(test2[1])\nprint(test2[1].round(3))',
        'np.around(test2[1], 3)',
        'model.predict(x_test)[1]',
        'test2[1].round(3)',
      ),
    ).toEqual([
      ['print', null, 'model', rows],
      ['print', null, 'model', rows],
      ['print', null, 'model', rows],
      ['print', null, 'model', rows],
      ['expression', null, 'model', rows],
      ['expression', null, 'model', { target: null, index: 1 }],
      ['expression', null, 'model', rows],
    ]);
  });

  it('gives one entry per print or display call, from the strongest source of its arguments', async () => {
    expect(
      await shownAfterSetup(`print('shapes:', x_train.shape)
print('label', y_test[1])
print(f"accuracy {history.history['accuracy'][-1]:.3f}")
print('done')
display(x_test[0])
print(np.argmax(test2[1]), y_test[1])
print(undefined_name)
for i in range(2):
    print(i)`),
    ).toEqual([
      ['print', null, 'constant', null],
      ['print', null, 'data', null],
      ['print', null, 'model', null],
      ['print', null, 'constant', null],
      ['display', null, 'data', null],
      ['print', null, 'model', null],
      ['print', null, 'unknown', null],
      ['print', null, 'constant', null],
      ['print', null, 'constant', null],
    ]);
  });

  it('shows a cell\'s last bare expression unless it is None or ends with ;', async () => {
    const evidence = await evidenceOf(
      SETUP,
      'test2.shape',
      'x_train.shape;',
      'print(1)',
      'plt.show()',
      'model.summary()',
      'y = 1',
      'history = model.fit(x_train, y_train, epochs=1)\nhistory.history',
      'model.fit(x_train, y_train, epochs=1)',
      'def f():\n    pass\nf()',
      'y_test[1]  # the label',
    );
    expect(evidence.shown.map((shown) => [shown.ranIn, shown.how, shown.source, shown.at.line])).toEqual([
      [1, 'expression', 'model', 1],
      [3, 'print', 'constant', 1],
      [7, 'expression', 'model', 2],
      [8, 'expression', 'model', 1],
      [10, 'expression', 'data', 1],
    ]);
  });
});

describe('sources of values', () => {
  it('keeps data through reshape, scaling, astype, slicing and one-hot; a model through predict and argmax', async () => {
    expect(
      await shownAfterSetup(`a = x_train[:10].reshape(-1, 28, 28).astype('float32') * 2
print(a)
print(y_test)
print(np.argmax(test2, axis=1))
score = model.evaluate(x_test, y_test)
print(score[1])
print(len(x_train), range(3), 'gray', plt.cm.binary)`),
    ).toEqual([
      ['print', null, 'data', null],
      ['print', null, 'data', null],
      ['print', null, 'model', null],
      ['print', null, 'model', null],
      ['print', null, 'constant', null],
    ]);
  });

  it('follows values through user functions, dicts and lists', async () => {
    expect(
      await shownAfterSetup(`def first(images):
    return images[0]
store = {'img': x_test[3], 'curve': history.history['loss']}
items = [x_train[1]]
print(first(x_train))
print(store['img'])
print(store['curve'])
print(items[0])
print(first(unknown_list))`),
    ).toEqual([
      ['print', null, 'data', null],
      ['print', null, 'data', null],
      ['print', null, 'model', null],
      ['print', null, 'data', null],
      ['print', null, 'unknown', null],
    ]);
  });

  it('does not call a file, a random draw or a shuffled dataset constant or data', async () => {
    expect(
      await shownAfterSetup(`import pandas as pd
import tensorflow as tf
print(pd.read_csv('data.csv'))
print(np.random.randint(0, 10))
print(plt.imread('digit.png'))
ds = tf.data.Dataset.from_tensor_slices(x_train).shuffle(100)
print(ds)
np.random.shuffle(x_train)
print(x_train[0])
x_test[0] = some_noise
print(x_test[0])
from tensorflow.keras.preprocessing.image import ImageDataGenerator
gen = ImageDataGenerator(rotation_range=10)
for batch in gen.flow(x_test[:9].reshape(-1, 28, 28, 1)):
    plt.imshow(batch[0])`),
    ).toEqual([
      ['print', null, 'unknown', null],
      ['print', null, 'unknown', null],
      ['print', null, 'unknown', null],
      ['print', null, 'unknown', null],
      ['print', null, 'unknown', null],
      ['print', null, 'unknown', null],
      ['plot', 'imshow', 'unknown', null],
    ]);
  });
});
