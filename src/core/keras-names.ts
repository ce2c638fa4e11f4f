/** Keras's names for activations (mapped to tfjs identifiers) and for layers (dense, dense_1, …). */
/** The tfjs identifiers of the activations below (spelled out: the core never imports TensorFlow.js). */
export type TfActivation =
  | 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'selu' | 'softplus' | 'softsign' | 'swish' | 'hardSigmoid' | 'gelu' | 'mish';

/** Keras activation names → tfjs identifiers. */
const KERAS_ACTIVATIONS: Record<string, TfActivation> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'elu',
  selu: 'selu',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  silu: 'swish',
  hard_sigmoid: 'hardSigmoid',
  gelu: 'gelu',
  mish: 'mish',
};

/** The tfjs identifier of a Keras activation name, or undefined for names tfjs lacks. */
export function tfActivationOf(keras: string): TfActivation | undefined {
  return Object.hasOwn(KERAS_ACTIVATIONS, keras) ? KERAS_ACTIVATIONS[keras] : undefined;
}

function snake(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Keras names: the first Dense is 'dense', the next 'dense_1', … (as in a fresh Keras session). */
export function kerasNamer(): (type: string) => string {
  const counts = new Map<string, number>();
  return (type) => {
    const base = snake(type);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  };
}
