/**
 * Keras's validation split (array_slicing.train_validation_split): the first floor(n·(1−split)) rows
 * train, the rest validate; an epoch is ceil(training rows / batch) steps, the last partial batch included.
 * Pure: used by the trainer and by the rubric's expected values alike.
 */
export function trainRows(samples: number, validationSplit: number): number {
  return validationSplit > 0 ? Math.floor(samples * (1 - validationSplit)) : samples;
}

export function stepsPerEpoch(samples: number, validationSplit: number, batchSize: number): number {
  return Math.ceil(trainRows(samples, validationSplit) / batchSize);
}
