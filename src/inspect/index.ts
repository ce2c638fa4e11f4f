/**
 * `grade inspect`: the evidence the grader reads from one notebook, as a versioned JSON object
 * (contract.ts) or as a readable summary for a TA (format.ts).
 *
 * Never throws for a bad notebook: a file that cannot be read, or is not a notebook, gives a report
 * whose `error` says why (and whose lists are empty); the CLI then exits with code 1.
 */
import { readFile } from 'node:fs/promises';
import { extractEvidence } from '../core/evidence.js';
import { parseNotebook } from '../core/notebook/parse.js';
import type { InspectReport } from './contract.js';
import { buildReport, errorReport } from './report.js';

export { formatInspect } from './format.js';
export { INSPECT_VERSION } from './contract.js';
export type * from './contract.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The report of notebook bytes; `file` is the name to show. */
export async function inspectBytes(file: string, bytes: Buffer | string): Promise<InspectReport> {
  const parsed = parseNotebook(bytes);
  if (!parsed.ok) return errorReport(file, parsed.reason);
  try {
    return buildReport(file, parsed.notebook, await extractEvidence(parsed.notebook));
  } catch (error) {
    return errorReport(file, `The evidence could not be read from the notebook (${describe(error)}).`);
  }
}

/** Reads and inspects a notebook file; `path` is shown as given. */
export async function inspectFile(path: string): Promise<InspectReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : describe(error);
    return errorReport(path, `The file could not be read (${reason}).`);
  }
  return inspectBytes(path, bytes);
}
