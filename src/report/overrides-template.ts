/**
 * `--overrides-template FILE`: a starting overrides.csv with one row per student (their primary row),
 * the sha256 of the graded file filled in. Rows whose points stay empty are ignored when read back, so
 * the TA fills only the rows they mean. `name` and `score` are for reading; the reader ignores them.
 */
import { stringify } from 'csv-stringify/sync';
import { guardCell } from './csv-cell.js';
import type { GradeRun } from '../types.js';

export const OVERRIDES_TEMPLATE_HEADER = ['student_id', 'name', 'score', 'criterion', 'points', 'reason', 'grader', 'sha256'];

export function overridesTemplate(run: GradeRun): string {
  const records = run.rows
    .filter((row) => row.primary && row.studentId !== null)
    .map((row) => [row.studentId, row.name, row.score, '', '', '', '', row.sha256].map(guardCell));
  return stringify([OVERRIDES_TEMPLATE_HEADER, ...records], { record_delimiter: 'windows' });
}
