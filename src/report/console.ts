/** The end-of-run summary for the terminal: counts by status, mean and median score, who needs a look, where files went. */
import type { GradeRun } from '../grade.js';

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export function consoleSummary(run: GradeRun, written: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const row of run.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const graded = run.rows.filter((row) => row.status === 'graded').map((row) => row.score);
  const mean = graded.length ? graded.reduce((a, b) => a + b, 0) / graded.length : 0;
  const review = run.rows.filter((row) => row.status === 'unreadable' || row.status === 'not-a-notebook' || row.flags.length > 0);
  const lines = [
    `${run.rubricTitle}: ${run.rows.length} files, deadline ${run.deadline} (${run.tz})`,
    `status: ${[...counts].sort().map(([status, n]) => `${status} ${n}`).join(', ')}`,
    `score (graded): mean ${mean.toFixed(2)}, median ${median(graded).toFixed(2)} of ${run.maxScore}`,
    `expected values: ${run.expectedSource}`,
  ];
  if (review.length > 0) {
    lines.push('needs a look:');
    for (const row of review) lines.push(`  ${row.file}: ${row.status}${row.flags.length ? ` [${row.flags.join(', ')}]` : ''}${row.reason && row.status !== 'superseded' ? ` — ${row.reason}` : ''}`);
  }
  for (const [what, path] of Object.entries(written)) lines.push(`wrote ${what}: ${path}`);
  return `${lines.join('\n')}\n`;
}
