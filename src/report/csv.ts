/** The grades CSV: one row per submitted file, one column per criterion (csv-stringify). */
import { stringify } from 'csv-stringify/sync';
import { guardCell } from './csv-cell.js';
import type { GradeRun } from '../types.js';

export function gradesCsv(run: GradeRun): string {
  const header = [
    'student_id',
    'name',
    'file',
    'submitted_at',
    'time_source',
    'status',
    'score',
    'max_score',
    ...run.criteria.map((c) => c.id),
    'flags',
    'comment',
  ];
  const records = run.rows.map((row) => {
    const byId = new Map((row.criteria ?? []).map((c) => [c.id, c.points]));
    return [
      row.studentId,
      row.name,
      row.file,
      row.submittedAt,
      row.timeSource,
      row.status,
      row.score,
      row.maxScore,
      ...run.criteria.map((c) => byId.get(c.id) ?? null),
      row.flags.join(' '),
      row.comment,
    ].map(guardCell);
  });
  return stringify([header, ...records], { record_delimiter: 'windows' });
}
