/**
 * The student's own model: the last model their code builds, with its parameter counts and output shapes
 * counted from its layers (src/core/describe-layers.ts, exactly as TensorFlow.js builds them; no training).
 */
import type { CodeEvidence, ModelSpec, StudentModel } from '../types.js';
import { describeLayers } from './describe-layers.js';

export function describeModelSpec(spec: ModelSpec): StudentModel {
  try {
    return { spec, description: describeLayers(spec.layers), error: null };
  } catch (error) {
    return { spec, description: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function describeStudentModel(code: CodeEvidence): StudentModel | null {
  const spec = code.models.at(-1);
  return spec ? describeModelSpec(spec) : null;
}
