/**
 * The lecture's model as the trainer takes it, read from rubrics/kadai4.yaml (the one place it is
 * written down): Dense(32, relu, input_shape=(784,)) → Dense(10, softmax); categorical cross-entropy,
 * Adam, accuracy; epochs 30, batch 64, validation_split 0.2.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { assignmentLayers } from '../../src/rubric/resolve-expected.js';
import { rubricSchema } from '../../src/core/rubric/schema.js';
import type { CompileSpec, FitSpec, LayerSpec } from '../../src/types.js';

const model = rubricSchema.parse(parseYaml(readFileSync(new URL('../../rubrics/kadai4.yaml', import.meta.url), 'utf8'))).model;
const at = { cell: 0 };

export const LECTURE_LAYERS: LayerSpec[] = assignmentLayers(model);

export const LECTURE_COMPILE: CompileSpec = { ...model.compile, learningRate: null, at };

export const LECTURE_FIT: FitSpec = { model: 'model', ...model.fit, hasValidationData: false, verbose: null, callbacks: [], argumentsKnown: true, at, ranIn: 0, seq: 0 };
