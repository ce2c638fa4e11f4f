/**
 * What Keras does when the code leaves a value out, for the readable view of `grade inspect` (the JSON
 * keeps null). From the Keras API: `Model.fit(batch_size=None → 32, epochs=1, verbose='auto',
 * validation_split=0.0)`, `Model.compile(optimizer='rmsprop', loss=None, metrics=None)`, `Dense(activation=None)`
 * (linear), and the optimizers' `learning_rate` defaults (TF 2.x and Keras 3); the numbers come from
 * src/keras-defaults.ts.
 */
import { defaultLearningRate, DEFAULT_OPTIMIZER, FIT_DEFAULTS as KERAS_FIT } from '../core/keras-defaults.js';

export const FIT_DEFAULTS = {
  epochs: String(KERAS_FIT.epochs),
  batchSize: String(KERAS_FIT.batchSize),
  validationSplit: `${KERAS_FIT.validationSplit.toFixed(1)}, no validation`,
  verbose: "'auto', which means 1, a progress bar, in a notebook",
} as const;

export const COMPILE_DEFAULTS = {
  optimizer: DEFAULT_OPTIMIZER,
  loss: 'none; fit() then stops with an error',
  metrics: 'none; only the loss is logged',
} as const;

export const ACTIVATION_DEFAULT = 'linear (no activation)';

export function learningRateDefault(optimizer: string | null): string {
  const rate = defaultLearningRate(optimizer);
  if (rate === null) return "the optimizer's default";
  return `${rate} for ${optimizer ?? DEFAULT_OPTIMIZER}`;
}

const VERBOSE_MEANING: Record<number, string> = { 0: 'silent', 1: 'a progress bar', 2: 'one line per epoch' };

export function verboseMeaning(verbose: number): string {
  return VERBOSE_MEANING[verbose] ?? 'unknown mode';
}
