/**
 * What a correct submission shows, derived — never typed — from the rubric's assignment model: the
 * parameter counts come from the model built by the trainer's one model-building path, the data shapes
 * from the MNIST files themselves, the steps per epoch from the fit settings.
 */
import type { AssignmentModel } from './schema.js';
import { stepsPerEpoch, trainRows } from '../split.js';
import type { Expected, ExpectedLayer } from '../../types.js';

export interface DatasetDims {
  trainImages: number[];
  testImages: number[];
  classes: number;
  /** Labels of the test set, in file order (y_test before one-hot encoding). */
  testLabels: ArrayLike<number>;
}

export interface BuiltModelDescription {
  layers: ExpectedLayer[];
  totalParams: number;
  trainableParams: number;
}

export function deriveExpected(
  model: AssignmentModel,
  dataset: DatasetDims,
  built: BuiltModelDescription,
  source: string,
): Expected {
  const [trainCount = 0, ...imageDims] = dataset.trainImages;
  const [testCount = 0] = dataset.testImages;
  const features = imageDims.reduce((a, b) => a * b, 1);
  const samplesPerEpoch = trainRows(trainCount, model.fit.validationSplit);
  const label = dataset.testLabels[model.predict.sample];
  if (label === undefined) throw new Error(`predict.sample ${model.predict.sample} is outside the ${testCount} test images`);
  return {
    layers: built.layers,
    totalParams: built.totalParams,
    trainableParams: built.trainableParams,
    fit: model.fit,
    stepsPerEpoch: stepsPerEpoch(trainCount, model.fit.validationSplit, model.fit.batchSize),
    samplesPerEpoch,
    shapes: {
      load: [dataset.trainImages, [trainCount], dataset.testImages, [testCount]],
      flattened: [
        [trainCount, features],
        [testCount, features],
      ],
      oneHot: [
        [trainCount, dataset.classes],
        [testCount, dataset.classes],
      ],
      predict: [testCount, dataset.classes],
    },
    asked: { layers: model.layers, compile: model.compile },
    prediction: { sample: model.predict.sample, label },
    source,
    accuracy: null,
  };
}
