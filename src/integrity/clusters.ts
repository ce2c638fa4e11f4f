/**
 * Pairs → clusters: the submissions linked by pairs of one kind form a cluster (connected components,
 * union-find), so that a ring of five students is one finding, not ten. Output order is fixed: by kind,
 * then by the first member (student id, then file, byte-wise).
 */
import { compareBytewise } from '../core/util/keys.js';
import type { FoundPair, Member } from './copies.js';
import type { ClusterMember, CopyCluster, CopyKind, CopyPair } from '../types.js';

const KIND_ORDER: CopyKind[] = ['training-log', 'code', 'image', 'colab-user'];
/** Pairs kept per cluster (the strongest); the cluster's members are always complete. */
const MAX_PAIRS = 50;

const KIND_SUMMARY: Record<CopyKind, string> = {
  'training-log': 'print the same per-epoch training metrics (independent runs never do)',
  code: 'share code beyond the lecture template',
  image: 'have identical image outputs',
  'colab-user': 'were run (at least in part) by the same Colab account',
};

function find(parent: number[], x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root] ?? root;
  while (parent[x] !== root) {
    const next = parent[x] ?? root;
    parent[x] = root;
    x = next;
  }
  return root;
}

export function compareMembers(a: ClusterMember, b: ClusterMember): number {
  const ida = a.studentId ?? '\uffff';
  const idb = b.studentId ?? '\uffff';
  if (ida !== idb) return compareBytewise(ida, idb);
  return compareBytewise(a.file, b.file);
}

export function buildClusters(members: readonly Member[], pairs: readonly FoundPair[]): CopyCluster[] {
  const clusters: Omit<CopyCluster, 'id'>[] = [];
  for (const kind of KIND_ORDER) {
    const ofKind = pairs.filter((pair) => pair.kind === kind);
    if (ofKind.length === 0) continue;
    const parent = members.map((_, i) => i);
    for (const pair of ofKind) parent[find(parent, pair.i)] = find(parent, pair.j);
    const groups = new Map<number, FoundPair[]>();
    for (const pair of ofKind) {
      const root = find(parent, pair.i);
      const group = groups.get(root);
      if (group) group.push(pair);
      else groups.set(root, [pair]);
    }
    for (const group of groups.values()) clusters.push(toCluster(kind, members, group));
  }
  clusters.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareMembers(a.members[0]!, b.members[0]!));
  return clusters.map((cluster, index) => ({ id: `copy-${index + 1}`, ...cluster }));
}

function toCluster(kind: CopyKind, members: readonly Member[], group: FoundPair[]): Omit<CopyCluster, 'id'> {
  const indexes = [...new Set(group.flatMap((pair) => [pair.i, pair.j]))];
  const clusterMembers = indexes
    .map((i): ClusterMember => ({ studentId: members[i]!.studentId, name: members[i]!.name, file: members[i]!.file }))
    .sort(compareMembers);
  const pairs: CopyPair[] = group
    .map((pair): CopyPair => {
      const [a, b] = [members[pair.i]!.file, members[pair.j]!.file].sort(compareBytewise) as [string, string];
      return { a, b, similarity: pair.similarity, evidence: [pair.evidence] };
    })
    .sort((x, y) => y.similarity - x.similarity || compareBytewise(x.a, y.a) || compareBytewise(x.b, y.b))
    .slice(0, MAX_PAIRS);
  const similarity = Math.max(...group.map((pair) => pair.similarity));
  const summary = `${clusterMembers.length} submissions ${KIND_SUMMARY[kind]}; highest similarity ${similarity}`;
  return { kind, members: clusterMembers, similarity, evidence: [summary, ...pairs.slice(0, 10).flatMap((pair) => pair.evidence)], pairs };
}
