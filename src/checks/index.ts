/** The check registry: one file per check, file name = id = the rubric's `check:` value. Keep sorted. */
import type { Check } from './define-check.js';
import dataShapes from './data-shapes.js';
import notebookExecuted from './notebook-executed.js';
import summaryMatchesReference from './summary-matches-reference.js';
import trainingLogComplete from './training-log-complete.js';

export const checks: Record<string, Check> = {
  'data-shapes': dataShapes,
  'notebook-executed': notebookExecuted,
  'summary-matches-reference': summaryMatchesReference,
  'training-log-complete': trainingLogComplete,
};
