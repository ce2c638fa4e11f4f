/**
 * `grade reference`: train the rubric's model with N seeds on the real MNIST data and write the
 * rubric's reference file, from which the accuracy threshold and the report's reference band come.
 */
import { GraderError } from '../core/errors.js';
import type { WantedBackend } from '../trainer/backend.js';
import { computeReference, writeReferenceFile, type ReferenceFile, type ReferenceProgress } from '../trainer/reference.js';
import type { LoadedRubric } from '../core/rubric/validate.js';
import { referencePath } from './reference-file.js';
import { assignmentLayers } from './resolve-expected.js';

export interface MakeReferenceOptions {
  seeds: number;
  /** Fewer epochs than the rubric's, for a quick look; then `out` must be given (the file would not fit the rubric). */
  epochs?: number;
  backend: WantedBackend;
  out?: string;
  onProgress?: (progress: ReferenceProgress) => void;
}

export async function makeReference(rubric: LoadedRubric, options: MakeReferenceOptions): Promise<{ reference: ReferenceFile; path: string }> {
  if (!Number.isInteger(options.seeds) || options.seeds < 1) throw new GraderError(`--seeds must be a whole number of at least 1 (got ${options.seeds})`);
  const epochs = options.epochs ?? rubric.model.fit.epochs;
  if (!Number.isInteger(epochs) || epochs < 1) throw new GraderError(`--epochs must be a whole number of at least 1 (got ${epochs})`);
  if (epochs !== rubric.model.fit.epochs && options.out === undefined) {
    throw new GraderError(`--epochs ${epochs} differs from the rubric's ${rubric.model.fit.epochs}: give --out, so that the rubric's reference file is not replaced by one that does not fit it`);
  }
  const reference = await computeReference({
    layers: assignmentLayers(rubric.model),
    compile: { ...rubric.model.compile, learningRate: null },
    fit: rubric.model.fit,
    seeds: Array.from({ length: options.seeds }, (_, i) => i + 1),
    epochs,
    backend: options.backend,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const path = options.out ?? referencePath(rubric.file, rubric.reference);
  writeReferenceFile(path, reference);
  return { reference, path };
}
