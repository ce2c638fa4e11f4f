import check from '../../src/core/checks/compile-settings.js';
import type { CompileSpec } from '../../src/types.js';
import { testCheck } from '../helpers/check-tester.js';
import { CELL, lecture } from '../helpers/evidence-builders.js';

const compiled = (changes: Partial<CompileSpec>) =>
  lecture((e) => {
    const model = e.code.models[0]!;
    model.compile = { ...model.compile!, ...changes };
  });

testCheck(check, {
  valid: [
    { name: "loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy']", input: lecture() },
    { name: 'Adam(learning_rate=0.001), the default', input: compiled({ optimizer: 'adam', learningRate: 0.001 }) },
    { name: "metrics=['acc']", input: compiled({ metrics: ['acc'] }) },
    { name: 'CategoricalAccuracy()', input: compiled({ metrics: ['categorical_accuracy'] }) },
    { name: 'another learning rate when the rubric says so', input: compiled({ learningRate: 0.01 }), options: { learningRate: 0.01 } },
  ],
  invalid: [
    { name: 'never compiled', input: lecture((e) => void (e.code.models[0]!.compile = null)), findings: [{ messageId: 'noCompile' }], fraction: 0 },
    { name: 'no model at all', input: lecture((e) => void (e.code.models = [])), findings: [{ messageId: 'noCompile' }], fraction: 0 },
    { name: 'mean squared error', input: compiled({ loss: 'mean_squared_error' }), findings: [{ messageId: 'loss', cell: CELL.model }], fraction: 2 / 3 },
    { name: 'an unreadable loss', input: compiled({ loss: null }), findings: [{ messageId: 'loss' }], fraction: 2 / 3 },
    { name: 'SGD', input: compiled({ optimizer: 'sgd' }), findings: [{ messageId: 'optimizer', cell: CELL.model }], fraction: 2 / 3 },
    { name: 'Adam(learning_rate=0.01)', input: compiled({ learningRate: 0.01 }), findings: [{ messageId: 'learningRate', cell: CELL.model }], fraction: 2 / 3 },
    { name: 'no metrics', input: compiled({ metrics: null }), findings: [{ messageId: 'metrics' }], fraction: 2 / 3 },
    {
      name: 'everything different',
      input: compiled({ loss: 'mse', optimizer: 'rmsprop', metrics: ['mae'] }),
      findings: [{ messageId: 'loss' }, { messageId: 'optimizer' }, { messageId: 'metrics' }],
      fraction: 0,
    },
  ],
});
