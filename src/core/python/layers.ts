/** Layer construction: Keras layer classes and Input() → LayerSpec, activation values → names. */
import type { SyntaxNode } from './syntax-tree.js';
import type { LayerSpec } from '../../types.js';
import { activationSpelling, lastSegment } from './keras-symbols.js';
import { type EvalContext, location } from './state.js';
import { type Args, type Value, argument, asNumber, asShape } from './values.js';

/** Layer classes whose class name is itself the activation. */
const ACTIVATION_LAYERS = new Set(['ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Softmax', 'ThresholdedReLU']);

/** The normalised activation name a value denotes; null for None or an unreadable value. */
export function activationOf(value: Value | undefined): string | null {
  switch (value?.kind) {
    case 'str':
      return activationSpelling(value.value);
    case 'ref':
    case 'obj':
      return activationSpelling(lastSegment(value.path));
    case 'layer':
      return activationSpelling(value.spec.type);
    default:
      return null;
  }
}

/** Shape without the batch dimension from input_shape / input_dim / batch_input_shape. */
function inputShapeOf(args: Args): number[] | null {
  const shape = asShape(argument(args, null, 'input_shape'));
  if (shape) return shape;
  const dim = asNumber(argument(args, null, 'input_dim'));
  if (dim !== null) return [dim];
  const batchShape = argument(args, null, 'batch_input_shape');
  if (batchShape?.kind === 'seq') return asShape({ kind: 'seq', items: batchShape.items.slice(1) });
  return null;
}

function unitsOf(type: string, args: Args): number | null {
  if (type === 'Dense') return asNumber(argument(args, 0, 'units'));
  if (['SimpleRNN', 'LSTM', 'GRU'].includes(type)) return asNumber(argument(args, 0, 'units'));
  if (['Conv1D', 'Conv2D'].includes(type)) return asNumber(argument(args, 0, 'filters'));
  return null;
}

function layerActivation(type: string, args: Args): string | null {
  if (ACTIVATION_LAYERS.has(type)) return activationSpelling(type);
  if (type === 'Activation') return activationOf(argument(args, 0, 'activation'));
  if (type === 'Dense') return activationOf(argument(args, 1, 'activation'));
  return activationOf(argument(args, null, 'activation'));
}

/** A layer instance from its class name and call arguments. */
export function buildLayer(className: string, args: Args, node: SyntaxNode, ctx: EvalContext): LayerSpec {
  const type = className === 'Input' ? 'InputLayer' : className;
  const spec: LayerSpec = {
    type,
    units: unitsOf(type, args),
    activation: layerActivation(type, args),
    inputShape: type === 'InputLayer' ? inputLayerShape(args) : inputShapeOf(args),
    at: location(ctx, node),
  };
  if (type === 'Dropout' || type === 'AlphaDropout') spec.rate = asNumber(argument(args, 0, 'rate'));
  return spec;
}

/** InputLayer(input_shape=…) / InputLayer(shape=…) / Input(shape=…) / Input((784,)) / batch_shape. */
function inputLayerShape(args: Args): number[] | null {
  const shape = asShape(argument(args, 0, 'shape', 'input_shape'));
  if (shape) return shape;
  const batchShape = argument(args, null, 'batch_shape', 'batch_input_shape');
  if (batchShape?.kind === 'seq') return asShape({ kind: 'seq', items: batchShape.items.slice(1) });
  return null;
}

/** Keras Input(): a tensor whose chain starts with its InputLayer. */
export function buildInputTensor(args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  return { kind: 'tensor', chain: [buildLayer('Input', args, node, ctx)] };
}

/** Calling a layer on tensor(s): the new tensor's chain is its inputs' chains, then the layer. */
export function applyLayer(spec: LayerSpec, input: Value | undefined): Value {
  const chain: LayerSpec[] = [];
  const addChain = (value: Value | undefined): void => {
    if (value?.kind === 'tensor') for (const layer of value.chain) if (!chain.includes(layer)) chain.push(layer);
    if (value?.kind === 'seq') value.items.forEach(addChain);
  };
  addChain(input);
  chain.push(spec);
  return { kind: 'tensor', chain };
}

/** The layers a Sequential list element or model.add argument contributes. */
export function layersOf(value: Value | undefined): LayerSpec[] {
  if (value?.kind === 'layer') return [value.spec];
  if (value?.kind === 'tensor' && value.chain.length === 1) return value.chain;
  if (value?.kind === 'model') return value.spec.layers;
  return [];
}
