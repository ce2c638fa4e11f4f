/** The reference stage for a student's own model: build the last model their code defines, read its counts. */
import type { StudentModel } from './checks/define-check.js';
import { describeModel } from './trainer/build-model.js';
import type { CodeEvidence } from './types.js';

export function describeStudentModel(code: CodeEvidence): StudentModel | null {
  const spec = code.models.at(-1);
  if (!spec) return null;
  try {
    return { spec, description: describeModel(spec.layers), error: null };
  } catch (error) {
    return { spec, description: null, error: error instanceof Error ? error.message : String(error) };
  }
}
