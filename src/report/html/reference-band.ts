/**
 * The reference band for charts: per-epoch min/mean/max of the reference trainer's runs and the final
 * val_accuracy, read from the rubric's reference file (`reference:` in the rubric, else
 * `<rubric>.reference.json` beside it, as src/trainer/reference.ts writes it). Only the fields the charts
 * need are read (src/rubric/reference-file.ts checks the file); a missing file is normal (the report says
 * so), a broken one is reported.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { readReferenceFile, type ReferenceData, type ReferenceStat } from '../../rubric/reference-file.js';

export type Stat = ReferenceStat;

export interface ReferenceBand {
  file: string;
  epochs: ReferenceData['epochs'];
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

export { referencePath } from '../../rubric/reference-file.js';

export async function loadReferenceBand(file: string): Promise<ReferenceLoad> {
  if (!existsSync(file)) {
    return { band: null, file, missing: `参照ファイル ${basename(file)} がまだないため、参照帯なしで表示しています(grade reference で作成できます)。` };
  }
  try {
    const data = await readReferenceFile(file);
    return {
      band: { file, epochs: data.epochs, finalValAccuracy: data.final.val_accuracy, seeds: data.seeds.length, backend: data.run.backend },
      file,
      missing: null,
    };
  } catch {
    return { band: null, file, missing: `参照ファイル ${basename(file)} の形式が想定と違うため、参照帯なしで表示しています。` };
  }
}
