/**
 * A student's model described without TensorFlow.js: per-layer names, output shapes and parameter counts,
 * and the totals, worked out from the LayerSpec[] by formula, so that the grader can run in a browser page.
 *
 * It mirrors describeModel (src/trainer/build-model.ts) exactly, rows, names, numbers and failures alike:
 * the same layer types are described (Dense, Flatten, Dropout, InputLayer, Activation, BatchNormalization);
 * every other type fails with describeModel's message; and what TensorFlow.js itself refuses while building
 * (a Flatten on flat data, a negative dimension, a weight of a fractional size, a weight too large for a
 * typed array) fails here with TensorFlow.js's message, at the same layer, because the message ends up in
 * the grade output. test/core/describe-layers.test.ts compares the two.
 *
 * Keras defaults, as describeModel builds them: Dense has a bias; BatchNormalization normalises the last
 * axis with gamma and beta (trainable) and a moving mean and variance (not trainable), 4 × features in all.
 */
import type { LayerDescription, LayerSpec, ModelDescription } from '../types.js';
import { kerasNamer, tfActivationOf } from './keras-names.js';

/** The layer types describeModel builds (its SUPPORTED_LAYERS, in its order: the order is in a message). */
export const DESCRIBED_LAYERS = ['Dense', 'Flatten', 'Dropout', 'InputLayer', 'Activation', 'BatchNormalization'] as const;

/** Input of the flattened MNIST data, used when the spec gives no input shape (as describeModel). */
const DEFAULT_INPUT_SHAPE: readonly number[] = [784];

/**
 * The most elements a Float32Array may have in V8 (Node 20, Chrome): TensorFlow.js allocates every weight
 * as one, and a larger one fails with V8's RangeError before any memory is taken.
 */
const MAX_TYPED_ARRAY_LENGTH = 2 ** 32;

/** describeModel's error for a spec it does not build; same name and message. */
export class UnsupportedLayerError extends Error {
  constructor(layer: LayerSpec | null, problem: string) {
    const where = layer ? ` (cell ${layer.at.cell}${layer.at.line !== undefined ? `, line ${layer.at.line}` : ''})` : '';
    super(`${problem}${where}`);
    this.name = 'UnsupportedLayerError';
  }
}

/** A shape with its batch dimension (null) first, as TensorFlow.js's symbolic tensors carry it. */
type Shape = (number | null)[];

interface Weight {
  shape: Shape;
  trainable: boolean;
}

/** What a layer adds: its output and its weights, in the order TensorFlow.js creates them. */
interface Applied {
  output: Shape;
  weights: Weight[];
}

/** A Dense or Activation activation name that TensorFlow.js has; describeModel's error otherwise. */
function checkActivation(spec: LayerSpec, name: string | null): void {
  if (tfActivationOf(name ?? 'linear') === undefined) {
    throw new UnsupportedLayerError(spec, `unsupported activation '${name}' in ${spec.type}`);
  }
}

/** describeModel's checks on the spec itself (makeLayer), before TensorFlow.js sees the layer. */
function checkSpec(spec: LayerSpec): void {
  switch (spec.type) {
    case 'Dense':
      if (spec.units === null || !Number.isInteger(spec.units) || spec.units < 1) {
        throw new UnsupportedLayerError(spec, 'Dense layer without a positive integer number of units');
      }
      checkActivation(spec, spec.activation);
      return;
    case 'Flatten':
    case 'BatchNormalization':
      return;
    case 'Dropout': {
      const rate = spec.rate ?? null;
      if (rate === null || !(rate >= 0 && rate < 1)) throw new UnsupportedLayerError(spec, `Dropout needs a rate in [0, 1), got ${rate}`);
      return;
    }
    case 'Activation':
      if (spec.activation === null) throw new UnsupportedLayerError(spec, 'Activation layer without an activation');
      checkActivation(spec, spec.activation);
      return;
    default:
      throw new UnsupportedLayerError(spec, `unsupported layer type '${spec.type}'; supported: ${DESCRIBED_LAYERS.join(', ')}`);
  }
}

/** TensorFlow.js's input spec check (Layer.assertInputCompatibility) for a minimum rank. */
function checkMinRank(name: string, input: Shape, minRank: number): void {
  if (input.length < minRank) {
    throw new Error(`Input 0 is incompatible with layer ${name}: expected min_ndim=${minRank}, found ndim=${input.length}.`);
  }
}

/** Elements of a weight: the product of its dimensions (1 for a scalar), as TensorFlow.js counts them. */
function sizeOf(shape: Shape): number {
  return shape.reduce<number>((product, dim) => product * (dim as number), 1);
}

/** TensorFlow.js's checks when it creates a weight: whole non-negative dimensions, then V8's typed array limit. */
function checkWeight(weight: Weight): void {
  const { shape } = weight;
  if (!shape.every((dim) => Number.isInteger(dim) && (dim as number) >= 0)) {
    throw new Error(`Tensor must have a shape comprised of positive integers but got shape [${shape.join(',')}].`);
  }
  const size = sizeOf(shape);
  if (size > MAX_TYPED_ARRAY_LENGTH) throw new RangeError(`Invalid typed array length: ${size}`);
}

/** The layer TensorFlow.js builds for a spec that passed checkSpec, applied to `input`. */
function applyLayer(spec: LayerSpec, name: string, input: Shape): Applied {
  switch (spec.type) {
    case 'Dense': {
      checkMinRank(name, input, 2);
      const units = spec.units as number;
      const weights = [
        { shape: [input[input.length - 1] as number | null, units], trainable: true },
        { shape: [units], trainable: true },
      ];
      weights.forEach(checkWeight);
      const output = input.slice();
      output[output.length - 1] = units;
      return { output, weights };
    }
    case 'Flatten': {
      checkMinRank(name, input, 3);
      const rest = input.slice(1);
      if (rest.some((dim) => dim == null)) {
        throw new Error(
          `The shape of the input to "Flatten" is not fully defined (got ${rest.join(',')}). Make sure to pass a complete ` +
            `"input_shape" or "batch_input_shape" argument to the first layer in your model.`,
        );
      }
      return { output: [input[0] as number | null, sizeOf(rest)], weights: [] };
    }
    case 'BatchNormalization': {
      const axis = input.length - 1;
      const dim = input[axis];
      if (dim == null) {
        throw new Error(
          `Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${JSON.stringify(input)}.`,
        );
      }
      // gamma, beta, moving_mean, moving_variance
      const weights = [true, true, false, false].map((trainable) => ({ shape: [dim], trainable }));
      weights.forEach(checkWeight);
      return { output: input.slice(), weights };
    }
    default:
      // Dropout, Activation
      return { output: input.slice(), weights: [] };
  }
}

/** Sequential.add's check on each new output (checkShape): no negative dimension. */
function checkOutput(name: string, input: Shape, output: Shape): void {
  if (output.some((dim) => dim !== null && dim < 0)) {
    throw new Error(`Negative dimension size caused by adding layer ${name} with input shape [${input.join(',')}]`);
  }
}

/**
 * What describeModel(layers) returns, or throws, computed without building the model: Keras-style names
 * (dense, dense_1, …), output shapes with a null batch dimension, parameter counts. An InputLayer may come
 * first (and gets a row); otherwise the first layer's input shape is used, or [784] when none is given.
 */
export function describeLayers(layers: readonly LayerSpec[]): ModelDescription {
  if (layers.length === 0) throw new UnsupportedLayerError(null, 'the model has no layers');
  const name = kerasNamer();
  const rows: LayerDescription[] = [];
  let current: Shape = [];
  let trainableParams = 0;
  let nonTrainableParams = 0;
  layers.forEach((spec, index) => {
    if (spec.type === 'InputLayer') {
      if (index !== 0) throw new UnsupportedLayerError(spec, 'InputLayer must come first');
      if (!spec.inputShape || spec.inputShape.length === 0) throw new UnsupportedLayerError(spec, 'InputLayer without a shape');
      const layerName = name('InputLayer');
      const shape: Shape = [null, ...spec.inputShape];
      checkOutput(layerName, shape, shape);
      rows.push({ name: layerName, type: 'InputLayer', outputShape: shape, params: 0 });
      current = shape;
      return;
    }
    const layerName = name(spec.type);
    checkSpec(spec);
    const input: Shape = rows.length === 0 ? [null, ...(spec.inputShape ?? DEFAULT_INPUT_SHAPE)] : current;
    const { output, weights } = applyLayer(spec, layerName, input);
    checkOutput(layerName, input, output);
    let params = 0;
    for (const weight of weights) {
      const size = sizeOf(weight.shape);
      params += size;
      if (weight.trainable) trainableParams += size;
      else nonTrainableParams += size;
    }
    rows.push({ name: layerName, type: spec.type, outputShape: output, params });
    current = output;
  });
  const totalParams = rows.reduce((sum, row) => sum + row.params, 0);
  return { layers: rows, totalParams, trainableParams, nonTrainableParams };
}
