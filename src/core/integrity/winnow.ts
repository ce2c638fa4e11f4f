/**
 * k-gram hashing and winnowing (Schleimer, Wilkerson, Aiken 2003 — the algorithm of MOSS and Dolos).
 * Every run of k tokens gets a hash; in each window of `window` consecutive k-gram hashes the minimum
 * (rightmost on ties) is kept as a fingerprint. Any shared run of at least k + window − 1 tokens is
 * guaranteed to give a shared fingerprint.
 */
import type { Token } from './tokens.js';

export const K = 12;
export const WINDOW = 8;

export interface Fingerprint {
  /** 52-bit k-gram hash (two 32-bit FNV-style lanes), exact as a JS number. */
  hash: number;
  /** 1-based lines of the k-gram's first and last token inside its piece. */
  line: number;
  endLine: number;
}

/** Every k-gram hash of a token stream, in order. */
export function kgramHashes(tokens: readonly Token[], k = K): number[] {
  const hashes: number[] = [];
  for (let start = 0; start + k <= tokens.length; start++) {
    let lo = 0x811c9dc5;
    let hi = 0x01000193;
    for (let i = start; i < start + k; i++) {
      const t = tokens[i]?.hash ?? 0;
      lo = Math.imul(lo ^ t, 0x01000193);
      hi = Math.imul(hi ^ (t >>> 7), 0x5bd1e995) ^ (hi >>> 13);
    }
    hashes.push((hi >>> 12) * 0x100000000 + (lo >>> 0));
  }
  return hashes;
}

/** The winnowed fingerprints of a token stream (each position at most once). */
export function winnow(tokens: readonly Token[], k = K, window = WINDOW): Fingerprint[] {
  const hashes = kgramHashes(tokens, k);
  const result: Fingerprint[] = [];
  const push = (position: number): void => {
    result.push({ hash: hashes[position] ?? 0, line: tokens[position]?.line ?? 1, endLine: tokens[position + k - 1]?.line ?? 1 });
  };
  if (hashes.length === 0) return result;
  if (hashes.length <= window) {
    push(argMinRight(hashes, 0, hashes.length));
    return result;
  }
  let last = -1;
  for (let start = 0; start + window <= hashes.length; start++) {
    const position = argMinRight(hashes, start, start + window);
    if (position !== last) {
      push(position);
      last = position;
    }
  }
  return result;
}

function argMinRight(values: readonly number[], from: number, to: number): number {
  let best = from;
  for (let i = from + 1; i < to; i++) if ((values[i] ?? 0) <= (values[best] ?? 0)) best = i;
  return best;
}
