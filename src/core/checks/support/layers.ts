/**
 * Layers in a comparable form, so that Keras spellings that build the same model compare equal: an
 * InputLayer first gives the next layer its input shape; an activation layer (Activation('relu'),
 * ReLU()) right after a layer without activation becomes that layer's activation; no activation is
 * 'linear' (Keras's default).
 */
import type { Location } from '../../../types.js';
import { formatShape } from './shapes.js';

export interface ComparableLayer {
  type: string;
  units: number | null;
  activation: string;
  inputShape: number[] | null;
  rate: number | null;
  at: Location | null;
}

/** A LayerSpec from the code, or a layer of the rubric's model (whose fields are optional). */
export interface LayerLike {
  type: string;
  units?: number | null;
  activation?: string | null;
  inputShape?: number[] | null;
  rate?: number | null;
  at?: Location;
}

const ACTIVATION_LAYERS = new Set(['Activation', 'ReLU', 'Softmax', 'LeakyReLU', 'ELU', 'PReLU', 'ThresholdedReLU']);

export function comparableLayers(layers: readonly LayerLike[]): ComparableLayer[] {
  const result: ComparableLayer[] = [];
  let input: number[] | null = null;
  for (const layer of layers) {
    const previous = result.at(-1);
    if (layer.type === 'InputLayer' && !previous) {
      input = layer.inputShape ?? null;
    } else if (ACTIVATION_LAYERS.has(layer.type) && layer.activation && previous?.activation === 'linear') {
      previous.activation = layer.activation;
    } else {
      const inputShape: number[] | null = layer.inputShape ?? (previous ? null : input);
      result.push({ type: layer.type, units: layer.units ?? null, activation: layer.activation ?? 'linear', inputShape, rate: layer.rate ?? null, at: layer.at ?? null });
    }
  }
  return result;
}

/** Dense(32, relu) / Dropout(0.2) / Flatten, for messages. */
export function describeLayer(layer: ComparableLayer): string {
  const args = [layer.units, layer.rate, layer.activation === 'linear' ? null : layer.activation].filter((a) => a !== null);
  const input = layer.inputShape ? `, input_shape=${formatShape(layer.inputShape)}` : '';
  return `${layer.type}(${args.join(', ')}${input})`;
}
