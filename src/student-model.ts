/** The reference stage for a student's own model: build the last model their code defines, read its counts. */
import { describeModel } from './trainer/build-model.js';
import type { CodeEvidence, LayerSpec, ModelDescription, ModelSpec, StudentModel } from './types.js';

/**
 * Descriptions by layer settings (locations left out): most students build the same model, and building
 * it with TensorFlow.js costs about 2 ms. Only successes are kept (an error message names the cell).
 */
const descriptions = new Map<string, ModelDescription>();
const CACHE_LIMIT = 500;

/** The layers' settings without their locations: equal keys build equal models (a new LayerSpec field is part of the key). */
export function layersKey(layers: readonly LayerSpec[]): string {
  return JSON.stringify(layers, (name, value: unknown) => (name === 'at' ? undefined : value));
}

function describeCached(layers: LayerSpec[]): ModelDescription {
  const key = layersKey(layers);
  const hit = descriptions.get(key);
  if (hit) return hit;
  const description = describeModel(layers);
  if (descriptions.size < CACHE_LIMIT) descriptions.set(key, description);
  return description;
}

export function describeModelSpec(spec: ModelSpec): StudentModel {
  try {
    return { spec, description: describeCached(spec.layers), error: null };
  } catch (error) {
    return { spec, description: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function describeStudentModel(code: CodeEvidence): StudentModel | null {
  const spec = code.models.at(-1);
  return spec ? describeModelSpec(spec) : null;
}
