/**
 * Pairs of submissions that share a feature (an epoch's metrics, a code fingerprint, an image, a Colab
 * account), found through an inverted index so that the work grows with the shared features, not with
 * the square of the class. A feature shared by many submissions links each of them to the first one
 * (a star) instead of to every other, which keeps a class of identical uploads linear.
 */

/** Above this many holders a feature links holders to the first holder only. */
const ALL_PAIRS_LIMIT = 16;

/**
 * `features[i]` lists the features of member i (strings or numbers). Features held by more than
 * `commonLimit` members are ignored (boilerplate); `null` keeps every feature. The result maps
 * `${i},${j}` (i < j, member indexes) to the number of features the two share.
 */
export function countSharedFeatures<F>(features: readonly (readonly F[])[], commonLimit: number | null): Map<string, number> {
  const holders = new Map<F, number[]>();
  features.forEach((list, member) => {
    for (const feature of new Set(list)) {
      const held = holders.get(feature);
      if (held) held.push(member);
      else holders.set(feature, [member]);
    }
  });
  const counts = new Map<string, number>();
  const add = (i: number, j: number): void => {
    const key = `${i},${j}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const members of holders.values()) {
    if (members.length < 2 || (commonLimit !== null && members.length > commonLimit)) continue;
    const first = members[0] ?? 0;
    if (members.length > ALL_PAIRS_LIMIT) {
      for (const other of members.slice(1)) add(first, other);
      continue;
    }
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) add(members[a] ?? 0, members[b] ?? 0);
    }
  }
  return counts;
}

/** The features of member i held by fewer than `commonLimit + 1` members (for similarity denominators). */
export function distinctiveCounts<F>(features: readonly (readonly F[])[], commonLimit: number | null): number[] {
  if (commonLimit === null) return features.map((list) => new Set(list).size);
  const held = new Map<F, number>();
  for (const list of features) for (const feature of new Set(list)) held.set(feature, (held.get(feature) ?? 0) + 1);
  return features.map((list) => [...new Set(list)].filter((feature) => (held.get(feature) ?? 0) <= commonLimit).length);
}

export function parsePairKey(key: string): [number, number] {
  const [a, b] = key.split(',').map(Number);
  return [a ?? 0, b ?? 0];
}
