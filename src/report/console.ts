/** The end-of-run summary for the terminal: counts by status, mean and median score, who needs a look, where files went. */
import { isMissing, reviewQueue } from './review.js';
import { mean, median } from '../stats.js';
import type { GradeRun } from '../types.js';

/**
 * `written` maps what was written to where, in the order to print: `{ 'grades CSV': 'grades.csv',
 * 'review report': 'report/index.html', feedback: 'report/feedback/ (12 files)' }`.
 */
export function consoleSummary(run: GradeRun, written: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const row of run.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const graded = run.rows.filter((row) => row.status === 'graded').map((row) => row.score);
  const full = graded.filter((score) => score === run.maxScore).length;
  const lines = [
    `${run.rubricTitle}: ${run.rows.length} files, deadline ${run.deadline} (${run.tz})`,
    `status: ${[...counts].sort().map(([status, n]) => `${status} ${n}`).join(', ')}`,
    graded.length > 0
      ? `score (graded): mean ${mean(graded).toFixed(2)}, median ${median(graded).toFixed(2)} of ${run.maxScore}; full marks ${full} of ${graded.length}`
      : 'score (graded): no graded notebooks',
    `expected values: ${run.expectedSource}`,
    ...(run.accuracy ? [`accuracy threshold: val_accuracy ≥ ${run.accuracy.threshold} = ${run.accuracy.rule}, from ${run.accuracy.source}`] : []),
  ];
  const queue = reviewQueue(run);
  if (queue.length > 0) {
    lines.push(`needs review (${queue.length}):`);
    for (const { row, reasons } of queue) {
      const who = row.studentId ? `${row.studentId}${row.name ? ` ${row.name}` : ''}` : '(no student id)';
      lines.push(`  ${who} — ${row.file}: ${reasons.map((r) => r.en).join('; ')}`);
    }
  } else {
    lines.push('needs review: none');
  }
  const missing = run.rows.filter(isMissing);
  if (missing.length > 0) lines.push(`no submission (${missing.length}, on the roster): ${missing.map((row) => `${row.studentId ?? '?'}${row.name ? ` ${row.name}` : ''}`).join(', ')}`);
  for (const [what, path] of Object.entries(written)) lines.push(`wrote ${what}: ${path}`);
  return `${lines.join('\n')}\n`;
}
