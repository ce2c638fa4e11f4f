/**
 * The one code path from LayerSpec[] to a TensorFlow.js model, for the assignment's model and any
 * student's variant. Keras defaults: glorot_uniform kernels, zero biases, BatchNormalization
 * momentum 0.99 / epsilon 1e-3; Keras-style layer names (dense, dense_1, …).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerDescription, LayerSpec, ModelDescription } from '../types.js';
import { kerasNamer, tfActivationOf } from '../core/keras-names.js';
import { deriveSeed } from './rng.js';

export const SUPPORTED_LAYERS = ['Dense', 'Flatten', 'Dropout', 'InputLayer', 'Activation', 'BatchNormalization'] as const;

/** Input of the flattened MNIST data, used when the spec gives no input shape (Keras builds on first fit). */
export const DEFAULT_INPUT_SHAPE = [784];

export class UnsupportedLayerError extends Error {
  constructor(layer: LayerSpec | null, problem: string) {
    const where = layer ? ` (cell ${layer.at.cell}${layer.at.line !== undefined ? `, line ${layer.at.line}` : ''})` : '';
    super(`${problem}${where}`);
    this.name = 'UnsupportedLayerError';
  }
}

export interface BuildOptions {
  /** Seeds the glorot_uniform kernels (layer i gets a seed derived from this one); none = unseeded. */
  seed?: number;
}

function tfActivation(layer: LayerSpec, name: string | null) {
  const act = tfActivationOf(name ?? 'linear');
  if (act === undefined) throw new UnsupportedLayerError(layer, `unsupported activation '${name}' in ${layer.type}`);
  return act;
}

function makeLayer(spec: LayerSpec, name: string, index: number, inputShape: number[] | undefined, options: BuildOptions): tf.layers.Layer {
  const common = inputShape ? { name, inputShape } : { name };
  switch (spec.type) {
    case 'Dense': {
      if (spec.units === null || !Number.isInteger(spec.units) || spec.units < 1) {
        throw new UnsupportedLayerError(spec, 'Dense layer without a positive integer number of units');
      }
      const seed = options.seed === undefined ? undefined : deriveSeed(options.seed, `init:${index}`);
      return tf.layers.dense({
        ...common,
        units: spec.units,
        activation: tfActivation(spec, spec.activation),
        kernelInitializer: tf.initializers.glorotUniform(seed === undefined ? {} : { seed }),
        biasInitializer: 'zeros',
      });
    }
    case 'Flatten':
      return tf.layers.flatten(common);
    case 'Dropout': {
      const rate = spec.rate ?? null;
      if (rate === null || !(rate >= 0 && rate < 1)) throw new UnsupportedLayerError(spec, `Dropout needs a rate in [0, 1), got ${rate}`);
      return tf.layers.dropout({ ...common, rate });
    }
    case 'Activation':
      if (spec.activation === null) throw new UnsupportedLayerError(spec, 'Activation layer without an activation');
      return tf.layers.activation({ ...common, activation: tfActivation(spec, spec.activation) });
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ ...common, axis: -1, momentum: 0.99, epsilon: 1e-3 });
    default:
      throw new UnsupportedLayerError(spec, `unsupported layer type '${spec.type}'; supported: ${SUPPORTED_LAYERS.join(', ')}`);
  }
}

/** Makes sure a backend is ready without awaiting: cpu initialises synchronously. */
export function ensureBackend(): void {
  tf.enableProdMode();
  if (!tf.engine().backendName) void tf.setBackend('cpu');
}

/**
 * Builds the model described by `layers`. An InputLayer may come first; otherwise the first layer's
 * input shape is used, or [784] (the flattened data) when none is given.
 */
export function buildModel(layers: LayerSpec[], options: BuildOptions = {}): tf.Sequential {
  ensureBackend();
  if (layers.length === 0) throw new UnsupportedLayerError(null, 'the model has no layers');
  const name = kerasNamer();
  const model = tf.sequential();
  layers.forEach((spec, index) => {
    if (spec.type === 'InputLayer') {
      if (index !== 0) throw new UnsupportedLayerError(spec, 'InputLayer must come first');
      if (!spec.inputShape || spec.inputShape.length === 0) throw new UnsupportedLayerError(spec, 'InputLayer without a shape');
      model.add(tf.layers.inputLayer({ inputShape: spec.inputShape, name: name('InputLayer') }));
      return;
    }
    const first = model.layers.length === 0;
    const inputShape = first ? (spec.inputShape ?? DEFAULT_INPUT_SHAPE) : undefined;
    model.add(makeLayer(spec, name(spec.type), index, inputShape, options));
  });
  return model;
}

function countWeights(weights: tf.LayerVariable[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}

/**
 * Shapes and parameter counts read from the built model (countParams, outputShape), not from
 * formulas; instant (no training). InputLayer rows appear only when the spec has an InputLayer.
 */
export function describeModel(layers: LayerSpec[]): ModelDescription {
  const model = buildModel(layers);
  try {
    const rows = model.layers.map((layer): LayerDescription => {
      const shape = layer.outputShape;
      if (!Array.isArray(shape) || Array.isArray(shape[0])) throw new UnsupportedLayerError(null, `layer ${layer.name} has several outputs`);
      return { name: layer.name, type: layer.getClassName(), outputShape: shape as (number | null)[], params: layer.countParams() };
    });
    const trainableParams = countWeights(model.trainableWeights);
    const nonTrainableParams = countWeights(model.nonTrainableWeights);
    return { layers: rows, totalParams: model.countParams(), trainableParams, nonTrainableParams };
  } finally {
    model.dispose();
  }
}
