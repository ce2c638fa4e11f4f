/** Read a rubric YAML file and validate it (src/core/rubric/validate.ts). */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { RubricError } from '../core/errors.js';
import { validateRubric, type LoadedRubric } from '../core/rubric/validate.js';

export async function loadRubric(file: string): Promise<LoadedRubric> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RubricError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new RubricError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return validateRubric(data, file);
}
