/** The normalisations that match names and ids across files: one name for each. */

/**
 * A key for matching what people type: NFKC, trimmed, lower case. For `file`, only the base name (after
 * the last `/` or `\`); for `id`, the whole student id.
 */
export function lookupKey(text: string, kind: 'file' | 'id'): string {
  const key = text.normalize('NFKC').trim().toLowerCase();
  return kind === 'file' ? key.slice(Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\')) + 1) : key;
}

/** Byte-wise order of UTF-8 strings (the order of sorted outputs, independent of locale). */
export function compareBytewise(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
