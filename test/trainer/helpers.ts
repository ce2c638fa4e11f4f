import type { LayerSpec } from '../../src/types.js';

const at = { cell: 0 };

/** A LayerSpec with Keras's defaults for everything not given. */
export function layer(type: string, fields: Partial<Omit<LayerSpec, 'type' | 'at'>> = {}): LayerSpec {
  return { type, units: null, activation: null, inputShape: null, ...fields, at };
}

export const dense = (units: number, activation: string | null = null, inputShape: number[] | null = null) =>
  layer('Dense', { units, activation, inputShape });
