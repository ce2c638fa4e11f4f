/** The outputs half of the evidence stage: facts read from a notebook's saved outputs. */
import type { Notebook, OutputEvidence } from '../../types.js';
import { collectErrors, collectImages, parseArrays } from './arrays.js';
import { parseSummaries } from './keras-summary.js';
import { parseShapes } from './shapes.js';
import { parseTrainingLogs } from './training-log.js';

export { parseArrays, parseShapes, parseSummaries, parseTrainingLogs, collectErrors, collectImages };

export function extractOutputEvidence(notebook: Notebook): OutputEvidence {
  const cells = notebook.cells;
  return {
    shapes: parseShapes(cells),
    summaries: parseSummaries(cells),
    trainingLogs: parseTrainingLogs(cells),
    arrays: parseArrays(cells),
    images: collectImages(cells),
    errors: collectErrors(cells),
  };
}
