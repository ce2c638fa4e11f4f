/**
 * Classes defined in the notebook: fields with defaults (dataclass, pydantic, plain), constructor
 * arguments, __init__ and methods with self bound, attributes, properties, inheritance and super(), and
 * bases the interpreter does not follow (keras.Model, nn.Module), which must not break anything.
 */
import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import type { CodeEvidence } from '../../src/types.js';
import { makeCells } from './make-cells.js';

async function evidenceOf(...sources: string[]): Promise<CodeEvidence> {
  return extractCodeEvidence(makeCells(sources));
}

const IMPORTS = `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense`;

const TRAINER = `class Trainer:
    def __init__(self, hidden=32):
        self.model = Sequential()
        self.model.add(Dense(hidden, input_shape=(784,), activation='relu'))
        self.model.add(Dense(10, activation='softmax'))
        self.model.compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy'])

    def train(self, epochs=30):
        return self.model.fit(x_train, y_train, epochs=epochs, batch_size=64, validation_split=0.2)`;

describe('a model built and trained in methods', () => {
  it('runs __init__ and a method called from another cell: ModelSpec, CompileSpec and FitSpec', async () => {
    const evidence = await evidenceOf(IMPORTS, TRAINER, 't = Trainer()', 'history = t.train()');
    expect(evidence.models).toHaveLength(1);
    const model = evidence.models[0]!;
    expect(model).toMatchObject({ variable: 'self.model', kind: 'sequential', at: { cell: 1, line: 3 } });
    expect(model.layers.map((layer) => [layer.type, layer.units, layer.activation, layer.inputShape])).toEqual([
      ['Dense', 32, 'relu', [784]],
      ['Dense', 10, 'softmax', null],
    ]);
    expect(model.compile).toMatchObject({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'], at: { cell: 1, line: 6 } });
    expect(evidence.fits).toEqual([
      {
        model: 'self.model', epochs: 30, batchSize: 64, validationSplit: 0.2, hasValidationData: false, verbose: null,
        callbacks: [], argumentsKnown: true, at: { cell: 1, line: 9 }, ranIn: 3, seq: 0,
      },
    ]);
  });

  it('binds constructor and method arguments', async () => {
    const evidence = await evidenceOf(IMPORTS, TRAINER, 't = Trainer(hidden=64)\nt.train(epochs=10)\nTrainer(128).train(5)');
    expect(evidence.models.map((model) => model.layers[0]!.units)).toEqual([64, 128]);
    expect(evidence.fits.map((fit) => [fit.epochs, fit.ranIn])).toEqual([
      [10, 2],
      [5, 2],
    ]);
  });

  it('keeps the top-level name of a model assigned to a variable, and names a model kept only in an attribute', async () => {
    const evidence = await evidenceOf(
      IMPORTS,
      `class Holder:
    pass
model = Sequential()
h = Holder()
h.model = model
h.other = Sequential()
h.model.fit(x_train, y_train, epochs=3)`,
    );
    expect(evidence.models.map((model) => model.variable)).toEqual(['model', 'h.other']);
    expect(evidence.fits[0]).toMatchObject({ model: 'model', epochs: 3 });
  });
});

describe('fields with defaults', () => {
  const PARAMETER = (decorator: string, base: string): string => `${decorator}
class Parameter${base}:
    max_epochs: int = 30
    batch_size: int = 64
    validation_split: float = 0.2`;

  it.each([
    ['@dataclass', '', 'from dataclasses import dataclass'],
    ['', '(BaseModel)', 'from pydantic import BaseModel'],
    ['', '', ''],
  ])('reads epochs=parameter.max_epochs (%s class%s)', async (decorator, base, imports) => {
    const evidence = await evidenceOf(
      `${imports}\n${IMPORTS}\n${PARAMETER(decorator, base)}`,
      `parameter = Parameter()
model = Sequential()
model.fit(x_train, y_train, epochs=parameter.max_epochs, batch_size=parameter.batch_size, validation_split=parameter.validation_split)
p2 = Parameter(max_epochs=20)
model.fit(x_train, y_train, epochs=p2.max_epochs, batch_size=p2.batch_size)
p3 = Parameter(10, 128)
model.fit(x_train, y_train, epochs=p3.max_epochs, batch_size=p3.batch_size)
p3.max_epochs = 40
model.fit(x_train, y_train, epochs=p3.max_epochs, batch_size=Parameter.batch_size)`,
    );
    expect(evidence.fits.map((fit) => [fit.epochs, fit.batchSize, fit.validationSplit])).toEqual([
      [30, 64, 0.2],
      [20, 64, null],
      [10, 128, null],
      [40, 64, null],
    ]);
  });

  it('reads Field(default) / field(default=…) and a plain class attribute', async () => {
    const evidence = await evidenceOf(
      `from pydantic import BaseModel, Field
from dataclasses import dataclass, field
class A(BaseModel):
    epochs: int = Field(30, ge=1)
@dataclass
class B:
    epochs: int = field(default=12)
class C:
    epochs = 7
for cfg in [A(), B(), C()]:
    model.fit(x_train, y_train, epochs=cfg.epochs)`,
    );
    expect(evidence.fits.map((fit) => fit.epochs)).toEqual([30, 12, 7]);
  });
});

describe('self, attributes and methods', () => {
  it('reads self.epochs set in __init__, a property, a staticmethod and __post_init__', async () => {
    const evidence = await evidenceOf(
      `from dataclasses import dataclass
@dataclass
class Config:
    epochs: int = 30
    def __post_init__(self):
        self.batch = 64
    @property
    def split(self):
        return 0.2
    @staticmethod
    def verbose():
        return 2
class Runner:
    def __init__(self, config):
        self.config = config
        self.epochs = config.epochs
    def run(self, model):
        model.fit(x_train, y_train, epochs=self.epochs, batch_size=self.config.batch,
                  validation_split=self.config.split, verbose=Config.verbose())`,
      'Runner(Config()).run(model)',
    );
    expect(evidence.fits[0]).toMatchObject({ model: 'model', epochs: 30, batchSize: 64, validationSplit: 0.2, verbose: 2, ranIn: 1, at: { cell: 0, line: 18 } });
  });

  it('follows a notebook base class: its fields, its methods and super().__init__', async () => {
    const evidence = await evidenceOf(
      IMPORTS,
      `class Base:
    epochs = 30
    def __init__(self, units):
        self.model = Sequential([Dense(units, input_dim=784, activation='relu'), Dense(10, activation='softmax')])
    def train(self):
        return self.model.fit(x_train, y_train, epochs=self.epochs, batch_size=self.batch)
class Child(Base):
    batch = 64
    def __init__(self):
        super().__init__(48)
class GrandChild(Child):
    epochs = 10`,
      'Child().train()\nGrandChild().train()',
    );
    expect(evidence.models.map((model) => model.layers[0]!.units)).toEqual([48, 48]);
    expect(evidence.fits.map((fit) => [fit.epochs, fit.batchSize])).toEqual([
      [30, 64],
      [10, 64],
    ]);
  });

  it('survives library bases (keras.Model, nn.Module) and still records fit on their instances', async () => {
    const evidence = await evidenceOf(
      `import tensorflow as tf
import torch.nn as nn
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(32, activation='relu')
        self.d2 = tf.keras.layers.Dense(10, activation='softmax')
    def call(self, x):
        return self.d2(self.d1(x))
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc = nn.Linear(784, 10)`,
      `model = MyModel()
model.compile(optimizer='adam', loss='categorical_crossentropy')
model.fit(x_train, y_train, epochs=5)
net = Net()
pred = model.predict(x_test)`,
    );
    expect(evidence.syntaxErrors).toEqual([]);
    // subclassing keras.Model is out of scope: no ModelSpec, but the calls are recorded by the variable's name
    expect(evidence.models).toEqual([]);
    expect(evidence.fits).toEqual([expect.objectContaining({ model: 'model', epochs: 5, ranIn: 1 })]);
    expect(evidence.calls).toEqual([expect.objectContaining({ method: 'predict', model: 'model', target: 'pred' })]);
  });

  it('stays bounded on recursive constructors and properties', async () => {
    const evidence = await evidenceOf(
      `class Loop:
    def __init__(self):
        self.a = Loop()
        self.b = Loop()
    @property
    def me(self):
        return self.me
    def train(self):
        model.fit(x_train, y_train, epochs=3)
x = Loop()
y = x.me
x.train()`,
    );
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.fits).toEqual([expect.objectContaining({ epochs: 3, at: { cell: 0, line: 9 } })]);
  });
});
