/**
 * What Keras does when code leaves a value out — one table for the whole grader (checks, `grade inspect`,
 * the trainer). From the Keras API (TF 2.x and Keras 3): `Model.fit(epochs=1, batch_size=None → 32,
 * validation_split=0.0)`, `Model.compile(optimizer='rmsprop')`, and the optimizers' `learning_rate`.
 */

export const FIT_DEFAULTS = { epochs: 1, batchSize: 32, validationSplit: 0 } as const;

export const DEFAULT_OPTIMIZER = 'rmsprop';

/** The optimizers' default `learning_rate`, by lower-case name. */
export const LEARNING_RATES = {
  adam: 0.001,
  adamw: 0.001,
  rmsprop: 0.001,
  sgd: 0.01,
  adagrad: 0.001,
  adadelta: 0.001,
  adamax: 0.001,
  nadam: 0.001,
} as const;

/** The optimizer's default learning_rate (compile's default optimizer when none is named); null when unknown. */
export function defaultLearningRate(optimizer: string | null): number | null {
  const rates: Readonly<Record<string, number>> = LEARNING_RATES;
  return rates[(optimizer ?? DEFAULT_OPTIMIZER).toLowerCase()] ?? null;
}
