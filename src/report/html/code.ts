/** Python source → highlighted HTML (highlight.js escapes the text it wraps). */
import hljs from 'highlight.js';
import { esc } from './escape.js';

export function highlightPython(source: string): string {
  try {
    return hljs.highlight(source, { language: 'python', ignoreIllegals: true }).value;
  } catch {
    return esc(source);
  }
}
