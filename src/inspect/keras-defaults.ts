/**
 * What Keras does when the code leaves a value out, for the readable view of `grade inspect` (the JSON
 * keeps null). From the Keras API: `Model.fit(batch_size=None → 32, epochs=1, verbose='auto',
 * validation_split=0.0)`, `Model.compile(optimizer='rmsprop', loss=None, metrics=None)`, `Dense(activation=None)`
 * (linear), and the optimizers' `learning_rate` defaults (TF 2.x and Keras 3).
 */

export const FIT_DEFAULTS = {
  epochs: '1',
  batchSize: '32',
  validationSplit: '0.0, no validation',
  verbose: "'auto', which means 1, a progress bar, in a notebook",
} as const;

export const COMPILE_DEFAULTS = {
  optimizer: 'rmsprop',
  loss: 'none; fit() then stops with an error',
  metrics: 'none; only the loss is logged',
} as const;

export const ACTIVATION_DEFAULT = 'linear (no activation)';

/** learning_rate defaults of the optimizers by their lower-case name (TF 2.x and Keras 3). */
const LEARNING_RATES: Record<string, number> = {
  adam: 0.001,
  adamw: 0.001,
  rmsprop: 0.001,
  sgd: 0.01,
  adagrad: 0.001,
  adadelta: 0.001,
  adamax: 0.001,
  nadam: 0.001,
};

export function learningRateDefault(optimizer: string | null): string {
  const rate = optimizer === null ? LEARNING_RATES['rmsprop'] : LEARNING_RATES[optimizer];
  if (rate === undefined) return "the optimizer's default";
  return `${rate} for ${optimizer ?? 'rmsprop'}`;
}

const VERBOSE_MEANING: Record<number, string> = { 0: 'silent', 1: 'a progress bar', 2: 'one line per epoch' };

export function verboseMeaning(verbose: number): string {
  return VERBOSE_MEANING[verbose] ?? 'unknown mode';
}
