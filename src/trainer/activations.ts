/**
 * Activation functions and their derivatives over row-major (rows × cols) Float32Arrays, for the
 * explicit-gradient trainer. Names are tfjs's (the built model's layer configs).
 */

export const TRAINABLE_ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish'] as const;
export type Activation = (typeof TRAINABLE_ACTIVATIONS)[number];

export function isTrainableActivation(name: string): name is Activation {
  return (TRAINABLE_ACTIVATIONS as readonly string[]).includes(name);
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function softmaxRows(z: Float32Array, cols: number, out: Float32Array): Float32Array {
  for (let r = 0; r < z.length; r += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, z[r + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(z[r + j]! - max);
      out[r + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[r + j] = out[r + j]! / sum;
  }
  return out;
}

function map(z: Float32Array, out: Float32Array, f: (x: number) => number): Float32Array {
  for (let i = 0; i < z.length; i++) out[i] = f(z[i]!);
  return out;
}

/** a = f(z), written into `out` (same length as z); 'linear' returns z itself. */
export function activate(act: Activation, z: Float32Array, cols: number, out: Float32Array): Float32Array {
  switch (act) {
    case 'linear':
      return z;
    case 'relu':
      for (let i = 0; i < z.length; i++) {
        const x = z[i]!;
        out[i] = x > 0 ? x : 0;
      }
      return out;
    case 'relu6':
      return map(z, out, (x) => Math.min(Math.max(x, 0), 6));
    case 'sigmoid':
      return map(z, out, sigmoid);
    case 'tanh':
      return map(z, out, Math.tanh);
    case 'softmax':
      return softmaxRows(z, cols, out);
    case 'elu':
      return map(z, out, (x) => (x > 0 ? x : Math.expm1(x)));
    case 'selu':
      return map(z, out, (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)));
    case 'softplus':
      return map(z, out, (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))));
    case 'softsign':
      return map(z, out, (x) => x / (1 + Math.abs(x)));
    case 'swish':
      return map(z, out, (x) => x * sigmoid(x));
  }
}

/** dL/dz from dL/da, given z and a = f(z), written into `dz` ('linear' returns da itself). */
export function activationGrad(act: Activation, z: Float32Array, a: Float32Array, da: Float32Array, cols: number, dz: Float32Array): Float32Array {
  if (act === 'linear') return da;
  if (act === 'relu') {
    for (let i = 0; i < z.length; i++) dz[i] = z[i]! > 0 ? da[i]! : 0;
    return dz;
  }
  if (act === 'softmax') {
    for (let r = 0; r < z.length; r += cols) {
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += da[r + j]! * a[r + j]!;
      for (let j = 0; j < cols; j++) dz[r + j] = a[r + j]! * (da[r + j]! - dot);
    }
    return dz;
  }
  for (let i = 0; i < z.length; i++) {
    const x = z[i]!;
    const y = a[i]!;
    let d: number;
    switch (act) {
      case 'relu6':
        d = x > 0 && x < 6 ? 1 : 0;
        break;
      case 'sigmoid':
        d = y * (1 - y);
        break;
      case 'tanh':
        d = 1 - y * y;
        break;
      case 'elu':
        d = x > 0 ? 1 : y + 1;
        break;
      case 'selu':
        d = x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x);
        break;
      case 'softplus':
        d = sigmoid(x);
        break;
      case 'softsign': {
        const s = 1 + Math.abs(x);
        d = 1 / (s * s);
        break;
      }
      case 'swish': {
        const s = sigmoid(x);
        d = s + x * s * (1 - s);
        break;
      }
    }
    dz[i] = da[i]! * d;
  }
  return dz;
}
