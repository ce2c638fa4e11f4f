/**
 * Call arguments: Keras's positional signatures, `**dict` and `*list` splats (argumentsKnown when one
 * cannot be followed), fit callbacks, and where (ranIn) and in which order (seq) fits and calls ran.
 */
import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import type { CodeEvidence } from '../../src/types.js';
import { makeCells } from './make-cells.js';

async function evidenceOf(...sources: string[]): Promise<CodeEvidence> {
  return extractCodeEvidence(makeCells(sources));
}

const PRELUDE = `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense
model = Sequential([Dense(32, input_shape=(784,), activation='relu'), Dense(10, activation='softmax')])`;

describe('Keras positional signatures', () => {
  it('fit(x, y, batch_size, epochs, verbose, callbacks, validation_split)', async () => {
    const evidence = await evidenceOf(PRELUDE, 'model.fit(x_train, y_train, 64, 30, 1, None, 0.2)');
    expect(evidence.fits).toEqual([
      {
        model: 'model', epochs: 30, batchSize: 64, validationSplit: 0.2, hasValidationData: false, verbose: 1,
        callbacks: [], argumentsKnown: true, at: { cell: 1, line: 1 }, ranIn: 1, seq: 0,
      },
    ]);
  });

  it('compile(optimizer, loss, metrics), Dense(units, activation), predict(x, batch_size, verbose)', async () => {
    const evidence = await evidenceOf(
      `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense
model = Sequential()
model.add(Dense(64, 'relu', True, input_dim=784))
model.compile('sgd', 'categorical_crossentropy', ['accuracy'])
p = model.predict(x_test, 128, 0)`,
    );
    expect(evidence.models[0]!.layers[0]).toMatchObject({ units: 64, activation: 'relu', inputShape: [784] });
    expect(evidence.models[0]!.compile).toMatchObject({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    expect(evidence.calls).toEqual([
      { method: 'predict', model: 'model', target: 'p', input: 'x_test', at: { cell: 0, line: 6 }, ranIn: 0, seq: 0 },
    ]);
  });
});

describe('settings the interpreter cannot read', () => {
  it('epochs=EPOCHS from an unknown source is not "not given": argumentsKnown false', async () => {
    const evidence = await evidenceOf(PRELUDE, 'import sys\nEPOCHS = int(sys.argv[1])\nmodel.fit(x_train, y_train, epochs=EPOCHS, batch_size=None, validation_split=0.2)');
    expect(evidence.fits[0]).toMatchObject({ epochs: null, batchSize: null, validationSplit: 0.2, argumentsKnown: false });
  });

  it('batch_size=None is given and known (Keras then uses its default)', async () => {
    const evidence = await evidenceOf(PRELUDE, 'model.fit(x_train, y_train, epochs=30, batch_size=None, validation_split=0.2)');
    expect(evidence.fits[0]).toMatchObject({ epochs: 30, batchSize: null, argumentsKnown: true });
  });
});

describe('**dict and *list splats', () => {
  it('reads model.fit(x, y, **cfg) with cfg = dict(…)', async () => {
    const evidence = await evidenceOf(PRELUDE, 'cfg = dict(epochs=30, batch_size=64, validation_split=0.2)\nmodel.fit(x_train, y_train, **cfg)');
    expect(evidence.fits[0]).toMatchObject({ epochs: 30, batchSize: 64, validationSplit: 0.2, argumentsKnown: true });
  });

  it('reads dict literals, splats inside dicts, entries assigned later and cfg[key]', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      `base = {'epochs': 30}
cfg = {**base, 'batch_size': 32}
cfg['batch_size'] = 64
cfg.update(validation_split=0.2)
model.fit(x_train, y_train, **{'verbose': 2}, **cfg)
model.fit(x_train, y_train, epochs=cfg['epochs'], batch_size=cfg.get('batch_size'), validation_split=cfg.get('missing', 0.1))`,
    );
    expect(evidence.fits.map((fit) => [fit.epochs, fit.batchSize, fit.validationSplit, fit.verbose, fit.argumentsKnown])).toEqual([
      [30, 64, 0.2, 2, true],
      [30, 64, 0.1, null, true],
    ]);
  });

  it('lets an explicit keyword win over the splatted dict', async () => {
    const evidence = await evidenceOf(PRELUDE, "cfg = {'epochs': 30, 'batch_size': 64}\nmodel.fit(x_train, y_train, epochs=5, **cfg)");
    expect(evidence.fits[0]).toMatchObject({ epochs: 5, batchSize: 64 });
  });

  it('spreads *list / *tuple of known values into the positions', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      'data = (x_train, y_train)\nsettings = [64, 30]\nmodel.fit(*data, *settings, validation_split=0.2)',
    );
    expect(evidence.fits[0]).toMatchObject({ batchSize: 64, epochs: 30, validationSplit: 0.2, argumentsKnown: true });
  });

  it('passes splats on to a user function (*args, **kwargs parameters)', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      `def train(m, *data, **options):
    return m.fit(*data, **options)
train(model, x_train, y_train, epochs=12, batch_size=256)`,
    );
    expect(evidence.fits[0]).toMatchObject({ epochs: 12, batchSize: 256, argumentsKnown: true, at: { cell: 1, line: 2 } });
  });

  it('sets argumentsKnown false for a splat it cannot follow, keeping the known keywords', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      `model.fit(x_train, y_train, epochs=30, **settings)
model.fit(*arrays, epochs=30)
model.fit(x_train, y_train, **{'epochs': 30, key: 64})`,
    );
    expect(evidence.fits.map((fit) => [fit.epochs, fit.batchSize, fit.argumentsKnown])).toEqual([
      [30, null, false],
      [30, null, false],
      [30, null, false],
    ]);
  });

  it('does not take a parameter default when an unknown splat may give it', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      `def train(epochs=30, **rest):
    model.fit(x_train, y_train, epochs=epochs)
train(**options)
train()`,
    );
    expect(evidence.fits.map((fit) => fit.epochs)).toEqual([null, 30]);
  });
});

describe('callbacks', () => {
  it('gives the canonical paths of the callbacks, following variables and lists built step by step', async () => {
    const evidence = await evidenceOf(
      `import tensorflow as tf
from tensorflow.keras.callbacks import EarlyStopping
from tensorflow import keras
${PRELUDE}`,
      `es = EarlyStopping(monitor='val_loss', patience=3)
model.fit(x_train, y_train, epochs=30, callbacks=[es, tf.keras.callbacks.ModelCheckpoint('best.h5')])
cbs = []
cbs.append(keras.callbacks.ReduceLROnPlateau())
model.fit(x_train, y_train, 64, 30, 1, cbs)
model.fit(x_train, y_train, callbacks=[es, not_followed])
model.fit(x_train, y_train, callbacks=unknown_list)
model.fit(x_train, y_train, callbacks=None)`,
    );
    expect(evidence.fits.map((fit) => [fit.callbacks, fit.argumentsKnown])).toEqual([
      [['keras.callbacks.EarlyStopping', 'keras.callbacks.ModelCheckpoint'], true],
      [['keras.callbacks.ReduceLROnPlateau'], true],
      [['keras.callbacks.EarlyStopping', '?'], true],
      [['?'], false],
      [[], true],
    ]);
  });

  it('names a callback class defined in the notebook', async () => {
    const evidence = await evidenceOf(
      `from tensorflow import keras
${PRELUDE}
class Stop(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        pass
model.fit(x_train, y_train, callbacks=[Stop()])`,
    );
    expect(evidence.fits[0]!.callbacks).toEqual(['__main__.Stop']);
  });
});

describe('ranIn and seq', () => {
  it('gives the cell that ran a fit written in a function of another cell, and one counter for fits, calls and shows', async () => {
    const evidence = await evidenceOf(
      PRELUDE,
      'def train(epochs):\n    return model.fit(x_train, y_train, epochs=epochs)',
      'test = model.predict(x_test)\nprint(test[0])',
      'history = train(30)',
      'test2 = model.predict(x_test)',
    );
    expect(evidence.fits).toEqual([expect.objectContaining({ epochs: 30, at: { cell: 1, line: 2 }, ranIn: 3, seq: 2 })]);
    expect(evidence.calls.map((call) => [call.target, call.ranIn, call.seq])).toEqual([
      ['test', 2, 0],
      ['test2', 4, 3],
    ]);
    expect(evidence.shown.map((shown) => [shown.how, shown.ranIn, shown.seq])).toEqual([['print', 2, 1]]);
  });

  it('counts in the kernel\'s execution order, not the notebook\'s', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        { source: PRELUDE, count: 1 },
        { source: 'test2 = model.predict(x_test)', count: 3 },
        { source: 'history = model.fit(x_train, y_train, epochs=30)', count: 2 },
      ]),
    );
    expect(evidence.fits[0]).toMatchObject({ ranIn: 2, seq: 0 });
    expect(evidence.calls[0]).toMatchObject({ ranIn: 1, seq: 1 });
  });
});
