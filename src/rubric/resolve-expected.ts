/**
 * Expected values for a rubric: the assignment's model is described by the one layer counter
 * (src/core/describe-layers.ts: parameter counts and output shapes exactly as TensorFlow.js builds them,
 * tested against it, without loading it), the data dimensions and the label of the predicted test image
 * come from the genuine MNIST files (checked by the loader), and the rest follows from the fit settings.
 */
import { describeLayers } from '../core/describe-layers.js';
import { IMAGE_COLS, IMAGE_ROWS, readTestLabels, TEST_COUNT, TRAIN_COUNT } from '../trainer/mnist.js';
import type { Expected, LayerSpec } from '../types.js';
import { deriveExpected } from '../core/rubric/expected.js';
import type { AssignmentModel } from '../core/rubric/schema.js';
import type { LoadedRubric } from '../core/rubric/validate.js';
import { accuracyThreshold, checkReferenceMatches, readReferenceFile, referencePath } from './reference-file.js';

export function assignmentLayers(model: AssignmentModel): LayerSpec[] {
  return model.layers.map((layer) => ({
    type: layer.type,
    units: layer.units ?? null,
    activation: layer.activation ?? null,
    inputShape: layer.inputShape ?? null,
    ...(layer.rate === undefined ? {} : { rate: layer.rate }),
    at: { cell: -1 },
  }));
}

export function resolveExpected(model: AssignmentModel): Expected {
  const built = describeLayers(assignmentLayers(model));
  const classes = built.layers.at(-1)?.outputShape.at(-1);
  if (typeof classes !== 'number') throw new Error('the assignment model has no fixed output size');
  return deriveExpected(
    model,
    { trainImages: [TRAIN_COUNT, IMAGE_ROWS, IMAGE_COLS], testImages: [TEST_COUNT, IMAGE_ROWS, IMAGE_COLS], classes, testLabels: readTestLabels() },
    built,
    "computed from the rubric's model (parameter counts of its layers, as Keras and TensorFlow.js count them) and the MNIST files (dimensions, test labels)",
  );
}

/**
 * Expected values for a loaded rubric: those above, plus the accuracy threshold from the rubric's
 * reference file (checked against the rubric's model) and its `accuracy` rule.
 */
export async function resolveRubricExpected(rubric: LoadedRubric): Promise<Expected> {
  const expected = resolveExpected(rubric.model);
  if (rubric.reference === undefined || rubric.accuracy === undefined) return expected;
  const reference = await readReferenceFile(referencePath(rubric.file, rubric.reference));
  checkReferenceMatches(reference, rubric.model, expected);
  return { ...expected, accuracy: accuracyThreshold(reference, rubric.accuracy, rubric.file) };
}
