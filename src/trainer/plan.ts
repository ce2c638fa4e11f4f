/**
 * Reads a built tfjs model (build-model.ts) into a plan the explicit-gradient trainer executes:
 * the layer sequence, each layer's configuration, and its weights copied into Float32Arrays.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { isTrainableActivation, type Activation } from './activations.js';
import type { BatchNormState } from './ops.js';

export interface Param {
  name: string;
  shape: number[];
  value: Float32Array;
  grad: Float32Array;
}

export type PlanOp =
  | { kind: 'dense'; name: string; inSize: number; outSize: number; kernel: Param; bias: Param; activation: Activation }
  | { kind: 'activation'; name: string; size: number; activation: Activation }
  | { kind: 'dropout'; name: string; size: number; rate: number }
  | { kind: 'batchnorm'; name: string; size: number; gamma: Param; beta: Param; state: BatchNormState };

export interface Plan {
  ops: PlanOp[];
  /** Trainable parameters in model order (the optimizer's variables). */
  params: Param[];
  inputSize: number;
  outputSize: number;
}

export class TrainerUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerUnsupportedError';
  }
}

function flatSize(shape: tfjs.Shape | tfjs.Shape[], layer: string, where: string): number {
  if (!Array.isArray(shape) || Array.isArray(shape[0]) || shape.length !== 2 || typeof shape[1] !== 'number') {
    throw new TrainerUnsupportedError(`layer ${layer}: the reference trainer needs a rank-2 ${where} (batch, features), got ${JSON.stringify(shape)}`);
  }
  return shape[1];
}

function configValue(layer: tfjs.layers.Layer, key: string): unknown {
  return layer.getConfig()[key];
}

function activationOf(layer: tfjs.layers.Layer): Activation {
  const name = configValue(layer, 'activation');
  if (typeof name !== 'string' || !isTrainableActivation(name)) {
    throw new TrainerUnsupportedError(`layer ${layer.name}: activation '${String(name)}' is not supported by the reference trainer`);
  }
  return name;
}

function numberOf(layer: tfjs.layers.Layer, key: string): number {
  const value = configValue(layer, key);
  if (typeof value !== 'number') throw new TrainerUnsupportedError(`layer ${layer.name}: ${key} is not a number`);
  return value;
}

function param(name: string, tensor: tfjs.Tensor): Param {
  const value = Float32Array.from(tensor.dataSync());
  return { name, shape: tensor.shape.slice(), value, grad: new Float32Array(value.length) };
}

function weightsOf(layer: tfjs.layers.Layer, count: number): tfjs.Tensor[] {
  const weights = layer.getWeights();
  if (weights.length !== count) throw new TrainerUnsupportedError(`layer ${layer.name}: expected ${count} weight tensors, got ${weights.length}`);
  return weights;
}

export function planFromModel(model: tfjs.LayersModel): Plan {
  const ops: PlanOp[] = [];
  const params: Param[] = [];
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const name = layer.name;
    if (cls === 'InputLayer' || cls === 'Flatten') continue;
    const size = flatSize(layer.outputShape, name, 'output');
    if (cls === 'Dense') {
      const [k, b] = weightsOf(layer, 2);
      const kernel = param(`${name}/kernel`, k!);
      const bias = param(`${name}/bias`, b!);
      const input = layer.input;
      const inSize = flatSize(Array.isArray(input) ? input.map((t) => t.shape) : input.shape, name, 'input');
      ops.push({ kind: 'dense', name, inSize, outSize: size, kernel, bias, activation: activationOf(layer) });
      params.push(kernel, bias);
    } else if (cls === 'Activation') {
      ops.push({ kind: 'activation', name, size, activation: activationOf(layer) });
    } else if (cls === 'Dropout') {
      ops.push({ kind: 'dropout', name, size, rate: numberOf(layer, 'rate') });
    } else if (cls === 'BatchNormalization') {
      const axis = numberOf(layer, 'axis');
      if (axis !== -1 && axis !== 1) throw new TrainerUnsupportedError(`layer ${name}: BatchNormalization axis ${axis} is not supported`);
      const [g, b, mm, mv] = weightsOf(layer, 4);
      const gamma = param(`${name}/gamma`, g!);
      const beta = param(`${name}/beta`, b!);
      const state: BatchNormState = {
        gamma: gamma.value,
        beta: beta.value,
        movingMean: Float32Array.from(mm!.dataSync()),
        movingVariance: Float32Array.from(mv!.dataSync()),
        momentum: numberOf(layer, 'momentum'),
        epsilon: numberOf(layer, 'epsilon'),
      };
      ops.push({ kind: 'batchnorm', name, size, gamma, beta, state });
      params.push(gamma, beta);
    } else {
      throw new TrainerUnsupportedError(`layer ${name}: ${cls} is not supported by the reference trainer`);
    }
  }
  const input = model.inputs[0];
  if (!input || model.inputs.length !== 1) throw new TrainerUnsupportedError('the model must have exactly one input');
  const inputSize = input.shape.slice(1).reduce<number>((a, b) => a * (b ?? Number.NaN), 1);
  const last = model.layers[model.layers.length - 1];
  if (!last) throw new TrainerUnsupportedError('the model has no layers');
  return { ops, params, inputSize, outputSize: flatSize(last.outputShape, last.name, 'output') };
}
