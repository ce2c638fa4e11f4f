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

export function finishIntegrity(rows: GradeRow[], byRow: ReadonlyMap<GradeRow, NotebookIntegrity>, template: string | null): IntegrityResult {
  const findings: IntegrityFinding[] = [];
  const members: Member[] = [];
  const memberRows: GradeRow[] = [];
  for (const row of rows) {
    const integrity = byRow.get(row);
    if (!integrity) continue;
    for (const finding of integrity.findings) findings.push({ file: row.file, studentId: row.studentId, ...finding });
    addFlags(row, integrity.findings.map((finding) => finding.flag));
    if (row.status === 'superseded') continue;
    members.push({ file: row.file, studentId: row.studentId, name: row.name, facts: integrity.facts });
    memberRows.push(row);
  }
  const clusters = detectCopies(members);
  const inCluster = new Set(clusters.flatMap((cluster) => cluster.members.map((member) => member.file)));
  for (const row of memberRows) if (inCluster.has(row.file)) addFlags(row, [SUSPECTED_COPY]);
  findings.sort((a, b) => compareBytewise(a.file, b.file) || compareBytewise(a.flag, b.flag) || compareBytewise(a.evidence, b.evidence));
  return { clusters, findings, settings: integritySettings(template, members.length) };
}

function addFlags(row: GradeRow, flags: readonly string[]): void {
  if (flags.length === 0) return;
  row.flags = [...new Set([...row.flags, ...flags])].sort();
}
