/**
 * Keras names: canonical import paths (tf.keras / tensorflow.keras / keras.src → keras), what a path
 * denotes (a layer class, an optimizer, to_categorical, …), and the normalised spellings of activation,
 * loss, metric and optimizer names.
 */

const PATH_PREFIXES: readonly [string, string][] = [
  ['tensorflow.python.keras', 'keras'],
  ['tensorflow.keras', 'keras'],
  ['tensorflow.compat.v2.keras', 'keras'],
  ['tensorflow.compat.v1.keras', 'keras'],
  ['keras.api._v2.keras', 'keras'],
  ['keras.src', 'keras'],
  ['tf_keras', 'keras'],
];

export function canonicalPath(path: string): string {
  for (const [from, to] of PATH_PREFIXES) {
    if (path === from || path.startsWith(`${from}.`)) return to + path.slice(from.length);
  }
  return path;
}

export type SymbolKind =
  | 'sequential'
  | 'functional-model'
  | 'input'
  | 'layer'
  | 'optimizer'
  | 'loss'
  | 'metric'
  | 'activation'
  | 'to_categorical'
  | 'load_data'
  | 'numpy-reshape'
  | 'builtin'
  | 'other';

const LAYER_NAMES = new Set([
  'Dense', 'Flatten', 'Dropout', 'InputLayer', 'Activation', 'BatchNormalization', 'Reshape', 'ReLU',
  'LeakyReLU', 'PReLU', 'ELU', 'Softmax', 'Conv1D', 'Conv2D', 'MaxPooling2D', 'MaxPool2D',
  'AveragePooling2D', 'GlobalAveragePooling2D', 'LayerNormalization', 'GaussianNoise', 'AlphaDropout',
  'Concatenate', 'Add', 'Rescaling', 'Normalization', 'SimpleRNN', 'LSTM', 'GRU', 'Embedding',
]);
const OPTIMIZER_NAMES = new Set(['Adam', 'SGD', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'Nadam', 'AdamW', 'Ftrl']);
const LOSS_NAMES = new Set([
  'CategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'BinaryCrossentropy', 'MeanSquaredError',
  'MeanAbsoluteError', 'categorical_crossentropy', 'sparse_categorical_crossentropy',
]);
const BUILTIN_NAMES = new Set([
  'range', 'len', 'int', 'float', 'list', 'tuple', 'print', 'dict', 'enumerate', 'zip', 'round', 'abs', 'min', 'max',
  'str', 'sum', 'sorted', 'reversed', 'super',
]);
const OTHER_BARE = new Set(['Sequential', 'Model', 'Input', 'to_categorical']);

/** Unbound bare names the interpreter still understands (a wildcard import, a lost import cell). */
export function implicitPath(name: string): string | null {
  if (BUILTIN_NAMES.has(name)) return `builtins.${name}`;
  // IPython puts display() into every notebook's namespace
  if (name === 'display') return 'IPython.display.display';
  if (LAYER_NAMES.has(name) || OPTIMIZER_NAMES.has(name) || LOSS_NAMES.has(name) || OTHER_BARE.has(name)) {
    return name;
  }
  return null;
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function classifyKeras(segments: string[], name: string): SymbolKind {
  if (name === 'Sequential') return 'sequential';
  if (name === 'Model' || name === 'Functional') return 'functional-model';
  if (name === 'Input') return 'input';
  if (name === 'to_categorical') return 'to_categorical';
  const inner = segments.slice(1, -1);
  if (name === 'load_data' && inner.includes('datasets')) return 'load_data';
  if (inner.includes('layers')) return 'layer';
  if (inner.includes('optimizers')) return 'optimizer';
  if (inner.includes('losses')) return 'loss';
  if (inner.includes('metrics')) return 'metric';
  if (inner.includes('activations') || inner.includes('nn')) return 'activation';
  return 'other';
}

/** What a canonical path denotes. */
export function classifyPath(path: string): SymbolKind {
  const segments = path.split('.');
  const name = lastSegment(path);
  if (segments[0] === 'keras' || segments[0] === 'tensorflow') return classifyKeras(segments, name);
  if (path === 'numpy.reshape') return 'numpy-reshape';
  if (segments[0] === 'builtins') return 'builtin';
  if (segments.length > 1) return 'other';
  if (LAYER_NAMES.has(name)) return 'layer';
  if (OPTIMIZER_NAMES.has(name)) return 'optimizer';
  if (LOSS_NAMES.has(name)) return 'loss';
  return classifyKeras(['', name], name);
}

/** CategoricalCrossentropy → categorical_crossentropy; KLDivergence → kl_divergence. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

const ACTIVATION_SPELLINGS: Record<string, string> = {
  leakyrelu: 'leaky_relu',
  thresholdedrelu: 'thresholded_relu',
  hardsigmoid: 'hard_sigmoid',
};

/** 'ReLU' / tf.nn.relu / keras.layers.ReLU → 'relu'; 'LeakyReLU' → 'leaky_relu'. */
export function activationSpelling(name: string): string {
  const lower = name.toLowerCase();
  return ACTIVATION_SPELLINGS[lower.replace(/_/g, '')] ?? lower;
}

/** Loss and metric names: class names to their snake_case function names; strings as written otherwise. */
export function lossSpelling(name: string): string {
  return /[A-Z]/.test(name) && !name.includes('_') ? snakeCase(name) : name;
}
