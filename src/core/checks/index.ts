/** The check registry: one file per check, file name = id = the rubric's `check:` value. Keep sorted. */
import type { Check } from './define-check.js';
import accuracyThreshold from './accuracy-threshold.js';
import compileSettings from './compile-settings.js';
import dataShapes from './data-shapes.js';
import fitSettings from './fit-settings.js';
import imageShown from './image-shown.js';
import modelArchitecture from './model-architecture.js';
import notebookExecuted from './notebook-executed.js';
import oneHot from './one-hot.js';
import predictions from './predictions.js';
import preprocessing from './preprocessing.js';
import summaryMatchesCode from './summary-matches-code.js';
import summaryMatchesReference from './summary-matches-reference.js';
import trainingLogComplete from './training-log-complete.js';

export const checks: Record<string, Check> = {
  'accuracy-threshold': accuracyThreshold,
  'compile-settings': compileSettings,
  'data-shapes': dataShapes,
  'fit-settings': fitSettings,
  'image-shown': imageShown,
  'model-architecture': modelArchitecture,
  'notebook-executed': notebookExecuted,
  'one-hot': oneHot,
  predictions,
  preprocessing,
  'summary-matches-code': summaryMatchesCode,
  'summary-matches-reference': summaryMatchesReference,
  'training-log-complete': trainingLogComplete,
};
