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

/**
 * "This criterion's evidence is off only because of a mistake that criterion `of` charges": a mistake is
 * charged once, by the criterion it belongs to (src/core/rubric/score.ts applies it).
 */
export const consequenceSchema = z.strictObject({
  of: z.string().describe('id of the criterion that charges the mistake (it is scored first)'),
  when: z
    .array(z.string())
    .min(1)
    .optional()
    .describe("message ids of that criterion's check that name the mistake; left out: any finding it charges"),
  excuses: z.array(z.string()).min(1).describe("message ids of this criterion's check that the mistake explains"),
  sameCell: z.boolean().optional().describe('only findings in the cell of the mistake (an error output in the cell whose fit was interrupted)'),
  keepsPoints: z
    .boolean()
    .default(true)
    .describe(
      'true: this criterion keeps its points and says where the mistake was charged; false: the points are still lost (there is no evidence to judge), and the student reads the root cause once',
    ),
});

export const criterionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  title: z.string().describe('Short Japanese title shown in the CSV comment and the report'),
  check: z.string().describe('A check id: a file name in src/core/checks/'),
  points: z.number().positive(),
  options: z.record(z.string(), z.unknown()).optional(),
  feedback: feedback.optional(),
  hidden: z.boolean().optional().describe('Scored, but never shown to students (feedback files and the CSV comment leave it out)'),
  consequenceOf: z.array(consequenceSchema).optional().describe("Mistakes other criteria charge that explain this criterion's findings"),
});

/**
 * What happens to work submitted after the deadline (src/rubric/late-policy.ts applies it).
 * `reject`: status late, 0 points, not read. `penalty`: graded, then `points` (or `percent` of the maximum
 * score) taken off per started hour or day after the deadline, never below `floor` points.
 */
export const latePolicySchema = z
  .strictObject({
    policy: z.enum(['reject', 'penalty']).default('reject').describe('reject (late work gets 0) or penalty (graded, then points taken off)'),
    graceMinutes: z.number().min(0).default(0).describe('Work at most this many minutes after the deadline counts as on time'),
    per: z.enum(['hour', 'day']).optional().describe('penalty: taken off per started hour or day (24 h) after the deadline'),
    points: z.number().positive().optional().describe('penalty: points taken off per hour or day (give points or percent)'),
    percent: z.number().positive().max(100).optional().describe('penalty: percent of the maximum score taken off per hour or day'),
    floor: z.number().min(0).optional().describe('penalty: the penalty never brings a score below this many points (default 0)'),
  })
  .superRefine((late, ctx) => {
    const given = (['per', 'points', 'percent', 'floor'] as const).filter((key) => late[key] !== undefined);
    if (late.policy === 'reject') {
      for (const key of given) ctx.addIssue({ code: 'custom', path: [key], message: 'only with policy: penalty' });
      return;
    }
    if (late.per === undefined) ctx.addIssue({ code: 'custom', path: ['per'], message: 'policy penalty needs per: hour or per: day' });
    if ((late.points === undefined) === (late.percent === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'policy penalty needs exactly one of points or percent' });
    }
  })
  .default({ policy: 'reject', graceMinutes: 0 });

/**
 * How the reference file becomes the accuracy threshold: the final val_accuracy of the lowest seed (or
 * the mean of the seeds) minus a margin. Needs `reference`.
 */
export const accuracyRuleSchema = z.strictObject({
  from: z.enum(['lowest-seed', 'mean']).default('lowest-seed').describe("Which of the reference seeds' final val_accuracy to start from"),
  margin: z.number().min(0).max(0.5).describe('Subtracted from it: room for run-to-run noise and Keras/TensorFlow.js differences'),
});

export const rubricSchema = z.strictObject({
  $schema: z.string().optional(),
  title: z.string(),
  assignment: z.string().describe('Assignment number in the file name 学籍番号_名前_<n>.ipynb'),
  reference: z.string().optional().describe('Reference file written by `grade reference`, relative to the rubric'),
  template: z
    .string()
    .optional()
    .describe("The lecture's own code (Python, cells separated by `# %%`), relative to the rubric: removed before submissions are compared for copying"),
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
    predict: z
      .strictObject({
        sample: z.number().int().min(0).describe('Index of the test image whose prediction after training is printed: 1 for test2[1]'),
      })
      .default({ sample: 1 }),
  }),
  accuracy: accuracyRuleSchema.optional(),
  pointStep: z
    .number()
    .positive()
    .default(0.01)
    .describe("Points are multiples of this step (0.5: a criterion's partial credit is rounded to the nearest half point)"),
  late: latePolicySchema,
  criteria: z.array(criterionSchema).min(1),
});

export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type AssignmentModel = Rubric['model'];
export type LatePolicy = Rubric['late'];
export type AccuracyRule = z.infer<typeof accuracyRuleSchema>;
