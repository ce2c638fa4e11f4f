/** Python source → highlighted HTML (highlight.js escapes the text it wraps). */
import hljs from 'highlight.js';
import { esc } from './escape.js';

/** Students type most of the lecture's cells as they are: each distinct source is highlighted once. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

export function highlightPython(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    out = hljs.highlight(source, { language: 'python', ignoreIllegals: true }).value;
  } catch {
    out = esc(source);
  }
  if (cache.size < CACHE_LIMIT && source.length < 20_000) cache.set(source, out);
  return out;
}
