/**
 * The rubric's reference file (written by `grade reference`): read it, check that it was made for the
 * rubric's model and settings, and turn it into the accuracy threshold with the rubric's rule.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { GraderError } from '../core/errors.js';
import type { BuiltModelDescription } from '../core/rubric/expected.js';
import type { AccuracyRule, AssignmentModel } from '../core/rubric/schema.js';
import type { Expected } from '../types.js';

const stat = z.object({ mean: z.number(), min: z.number(), max: z.number() });

/** The parts of the reference file the grader reads; the file holds more (see src/trainer/reference.ts). */
const referenceSchema = z.object({
  version: z.literal(1),
  model: z.object({
    layers: z.array(z.object({ name: z.string(), type: z.string(), params: z.number() })),
    trainableParams: z.number(),
  }),
  fit: z.object({ epochs: z.number(), batchSize: z.number(), validationSplit: z.number() }),
  epochs: z.array(z.object({ epoch: z.number(), val_accuracy: stat.nullable(), accuracy: stat, loss: stat, val_loss: stat.nullable() })),
  final: z.object({ val_accuracy: stat.nullable() }),
  seeds: z.array(z.object({ seed: z.number(), finalValAccuracy: z.number().nullable(), testAccuracy: z.number() })).min(1),
  run: z.object({ backend: z.string(), secondsPerEpoch: z.number() }),
});

export type ReferenceData = z.infer<typeof referenceSchema> & { file: string };

export type ReferenceStat = z.infer<typeof stat>;

/** The rubric's `reference:` beside the rubric, else `<rubric>.reference.json`, where `grade reference` writes. */
export function referencePath(rubricFile: string, reference: string | undefined): string {
  return resolve(dirname(rubricFile), reference ?? `${basename(rubricFile, extname(rubricFile))}.reference.json`);
}

export async function readReferenceFile(path: string): Promise<ReferenceData> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new GraderError(`cannot read the reference file ${path}: ${(error as Error).message} — run \`grade reference\` to make it`);
  }
  const parsed = referenceSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new GraderError(`${path}: not a reference file (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}) — run \`grade reference\``);
  }
  return { ...parsed.data, file: path };
}

/** A reference made for another model or other fit settings would give wrong expectations: refuse it. */
export function checkReferenceMatches(ref: ReferenceData, model: AssignmentModel, built: BuiltModelDescription): void {
  const problems: string[] = [];
  const params = (rows: { params: number }[]) => rows.map((r) => r.params).join(', ');
  if (params(ref.model.layers) !== params(built.layers)) problems.push(`layer params ${params(ref.model.layers)} ≠ ${params(built.layers)}`);
  for (const key of ['epochs', 'batchSize', 'validationSplit'] as const) {
    if (ref.fit[key] !== model.fit[key]) problems.push(`fit.${key} ${ref.fit[key]} ≠ ${model.fit[key]}`);
  }
  if (problems.length > 0) {
    throw new GraderError(`${ref.file} was made for another model or settings (${problems.join('; ')}): run \`grade reference\` again`);
  }
}

export function accuracyThreshold(ref: ReferenceData, rule: AccuracyRule, rubricFile: string): NonNullable<Expected['accuracy']> {
  const finals = ref.seeds.map((s) => s.finalValAccuracy).filter((v): v is number => v !== null);
  if (finals.length === 0) throw new GraderError(`${ref.file}: the reference runs have no val_accuracy (no validation split)`);
  const base = rule.from === 'lowest-seed' ? Math.min(...finals) : finals.reduce((a, b) => a + b, 0) / finals.length;
  const threshold = Math.round((base - rule.margin) * 10_000) / 10_000;
  const what = rule.from === 'lowest-seed' ? `lowest final val_accuracy of ${finals.length} seeds` : `mean final val_accuracy of ${finals.length} seeds`;
  return {
    threshold,
    rule: `${what} (${base.toFixed(4)}) − ${rule.margin}`,
    source: `${relative(dirname(rubricFile), ref.file) || ref.file} (${ref.run.backend}, ${finals.length} seeds × ${ref.fit.epochs} epochs)`,
    band: { min: Math.min(...finals), max: Math.max(...finals) },
  };
}
