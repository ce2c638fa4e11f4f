/**
 * The rubric file's shape, validated strictly with zod. `rubrics/rubric.schema.json` is generated from
 * this (grade schema) and kept in sync by a test.
 */
import { z } from 'zod';

const layer = z.strictObject({
  type: z.string().describe('Keras layer class, e.g. Dense'),
  units: z.number().int().positive().optional(),
  activation: z.string().optional(),
  inputShape: z.array(z.number().int().positive()).optional(),
  rate: z.number().min(0).max(1).optional(),
});

const feedback = z.strictObject({
  ja: z.string().describe('Shown to the student when the criterion is not fully met'),
  en: z.string().optional(),
});

export const criterionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  title: z.string().describe('Short Japanese title shown in the CSV comment and the report'),
  check: z.string().describe('A check id: a file name in src/checks/'),
  points: z.number().positive(),
  options: z.record(z.string(), z.unknown()).optional(),
  feedback: feedback.optional(),
});

export const rubricSchema = z.strictObject({
  $schema: z.string().optional(),
  title: z.string(),
  assignment: z.string().describe('Assignment number in the file name 学籍番号_名前_<n>.ipynb'),
  reference: z.string().optional().describe('Reference file written by `grade reference`, relative to the rubric'),
  model: z.strictObject({
    layers: z.array(layer).min(1),
    compile: z.strictObject({
      loss: z.string(),
      optimizer: z.string(),
      metrics: z.array(z.string()),
    }),
    fit: z.strictObject({
      epochs: z.number().int().positive(),
      batchSize: z.number().int().positive(),
      validationSplit: z.number().min(0).lt(1),
    }),
  }),
  late: z
    .strictObject({
      policy: z.enum(['reject']).default('reject'),
    })
    .default({ policy: 'reject' }),
  criteria: z.array(criterionSchema).min(1),
});

export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type AssignmentModel = Rubric['model'];
