/**
 * The batch step of the integrity checks, once every row exists: each row's own findings become row
 * flags, the notebooks that were read are compared (one per student: a student's earlier upload is
 * never compared with their later one), and every member of a copy cluster is flagged `suspected-copy`.
 */
import { compareBytewise } from '../core/util/keys.js';
import type { NotebookIntegrity } from '../core/integrity/analyse.js';
import { detectCopies, integritySettings, type Member } from './index.js';
import type { GradeRow, IntegrityFinding, IntegrityResult } from '../types.js';

export const SUSPECTED_COPY = 'suspected-copy';

/**
 * The class's integrity result, and the flags each row gains (aligned with `rows`): its own findings'
 * flags, and `suspected-copy` for every member of a cluster. The rows themselves are not changed.
 */
export function finishIntegrity(
  rows: readonly GradeRow[],
  integrities: readonly (NotebookIntegrity | null)[],
  template: string | null,
): { result: IntegrityResult; flags: string[][] } {
  const findings: IntegrityFinding[] = [];
  const members: Member[] = [];
  const flags = rows.map((): string[] => []);
  rows.forEach((row, i) => {
    const integrity = integrities[i];
    if (!integrity) return;
    for (const finding of integrity.findings) findings.push({ file: row.file, studentId: row.studentId, ...finding });
    flags[i]!.push(...integrity.findings.map((finding) => finding.flag));
    if (row.status === 'superseded') return;
    members.push({ file: row.file, studentId: row.studentId, name: row.name, facts: integrity.facts });
  });
  const clusters = detectCopies(members);
  const inCluster = new Set(clusters.flatMap((cluster) => cluster.members.map((member) => member.file)));
  rows.forEach((row, i) => {
    if (integrities[i] && row.status !== 'superseded' && inCluster.has(row.file)) flags[i]!.push(SUSPECTED_COPY);
  });
  findings.sort((a, b) => compareBytewise(a.file, b.file) || compareBytewise(a.flag, b.flag) || compareBytewise(a.evidence, b.evidence));
  return { result: { clusters, findings, settings: integritySettings(template, members.length) }, flags };
}
