/**
 * The lecture's model (seed/000_0845aa178ab267d3.txt): Dense(32, relu, input_shape=(784,)) →
 * Dense(10, softmax); compile(loss='categorical_crossentropy', optimizer='Adam', metrics=['accuracy']);
 * fit(x_train, y_train, epochs=30, batch_size=64, validation_split=0.2).
 */
import type { CompileSpec, FitSpec, LayerSpec } from '../types.js';

const at = { cell: 0 };

export const LECTURE_LAYERS: LayerSpec[] = [
  { type: 'Dense', units: 32, activation: 'relu', inputShape: [784], at },
  { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, at },
];

export const LECTURE_COMPILE: CompileSpec = {
  loss: 'categorical_crossentropy',
  optimizer: 'adam',
  learningRate: null,
  metrics: ['accuracy'],
  at,
};

export const LECTURE_FIT: FitSpec = {
  model: 'model',
  epochs: 30,
  batchSize: 64,
  validationSplit: 0.2,
  hasValidationData: false,
  verbose: null,
  at,
};
