/**
 * The reference band for charts: per-epoch min/mean/max of the reference trainer's runs and the final
 * val_accuracy, read from the rubric's reference file (`reference:` in the rubric, else
 * `<rubric>.reference.json` beside it, as src/trainer/reference.ts writes it). Only the fields the charts
 * need are read, loosely; a missing file is normal (the report says so), a broken one is reported.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const stat = z.object({ mean: z.number(), min: z.number(), max: z.number() });

const bandSchema = z.object({
  version: z.number(),
  epochs: z.array(
    z.object({
      epoch: z.number(),
      loss: stat,
      accuracy: stat,
      val_loss: stat.nullable(),
      val_accuracy: stat.nullable(),
    }),
  ),
  final: z.object({ val_accuracy: stat.nullable() }),
  seeds: z.array(z.unknown()),
  run: z.object({ backend: z.string() }),
});

export type Stat = z.infer<typeof stat>;

export interface ReferenceBand {
  file: string;
  epochs: z.infer<typeof bandSchema>['epochs'];
  finalValAccuracy: Stat | null;
  seeds: number;
  backend: string;
}

export interface ReferenceLoad {
  band: ReferenceBand | null;
  /** Where the file was looked for. */
  file: string;
  /** Why there is no band (Japanese, shown in the report); null when there is one. */
  missing: string | null;
}

export function referencePath(rubricFile: string, reference: string | undefined): string {
  if (reference) return resolve(dirname(rubricFile), reference);
  return join(dirname(rubricFile), `${basename(rubricFile).replace(/\.ya?ml$/i, '')}.reference.json`);
}

export async function loadReferenceBand(file: string): Promise<ReferenceLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { band: null, file, missing: `参照ファイル ${basename(file)} がまだないため、参照帯なしで表示しています(grade reference で作成できます)。` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { band: null, file, missing: `参照ファイル ${basename(file)} が JSON として読めないため、参照帯なしで表示しています。` };
  }
  const parsed = bandSchema.safeParse(json);
  if (!parsed.success) return { band: null, file, missing: `参照ファイル ${basename(file)} の形式が想定と違うため、参照帯なしで表示しています。` };
  const data = parsed.data;
  return {
    band: { file, epochs: data.epochs, finalValAccuracy: data.final.val_accuracy, seeds: data.seeds.length, backend: data.run.backend },
    file,
    missing: null,
  };
}
