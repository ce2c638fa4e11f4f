/**
 * Text shown line by line, with the lines that decide a criterion highlighted and always in view: a long
 * output (a 30-epoch training log) keeps its first and last lines and every highlighted line with its
 * neighbours; the lines between fold into a <details> that says what it holds ("エポック 4〜26, 46 行").
 * Code keeps every line (cells are short) and marks the highlighted ones. Text is escaped here; the
 * highlighted code comes from highlight.js, which escapes what it wraps.
 */
import { readEpochHeader } from '../../core/outputs/progress-line.js';
import { highlightPython } from './code.js';
import { esc, raw, type Raw } from './escape.js';

/** An output up to this many lines is shown whole; a longer one is folded. */
const SHORT = 30;
const HEAD = 6;
const TAIL = 8;
/** Lines kept around a highlighted line in a folded output. */
const CONTEXT = 1;
/** A fold hides at least this many lines (fewer are shown instead). */
const MIN_FOLD = 4;

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineHtml(text: string, number: number, marks: ReadonlySet<number>, idPrefix: string | null): string {
  if (!marks.has(number)) return esc(text);
  return `<mark class="hl"${idPrefix ? ` id="${idPrefix}${number}"` : ''}>${esc(text) || ' '}</mark>`;
}

function foldLabel(lines: readonly string[]): string {
  const epochs = lines.flatMap((line) => {
    const header = readEpochHeader(line);
    return header ? [header.epoch] : [];
  });
  const range = epochs.length > 0 ? `エポック ${epochs[0]}〜${epochs[epochs.length - 1]}、` : '';
  return `… ${range}${lines.length} 行を省略(クリックで表示)`;
}

/**
 * Lines numbered from `first` (Location.line numbering), `marks` highlighted; a long text is folded
 * around the marked lines. `idPrefix` gives each marked line an anchor (`<prefix><line>`).
 */
export function renderTextLines(text: string, first: number, marks: ReadonlySet<number>, cls: string, idPrefix: string | null = null): Raw {
  const lines = splitLines(text);
  const shown = (i: number): string => lineHtml(lines[i]!, first + i, marks, idPrefix);
  if (lines.length <= SHORT) return raw(`<pre class="out ${cls}">${lines.map((_, i) => shown(i)).join('\n')}</pre>`);
  const keep = new Uint8Array(lines.length);
  for (let i = 0; i < Math.min(HEAD, lines.length); i++) keep[i] = 1;
  for (let i = Math.max(0, lines.length - TAIL); i < lines.length; i++) keep[i] = 1;
  for (const mark of marks) {
    const i = mark - first;
    if (i < 0 || i >= lines.length) continue;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = 1;
  }
  const parts: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && keep[j] === keep[i]) j++;
    const run = lines.slice(i, j);
    if (keep[i] === 1 || run.length < MIN_FOLD) {
      parts.push(`<pre class="out ${cls}">${run.map((_, k) => shown(i + k)).join('\n')}</pre>`);
    } else {
      parts.push(`<details class="fold"><summary>${esc(foldLabel(run))}</summary><pre class="out ${cls}">${run.map((_, k) => shown(i + k)).join('\n')}</pre></details>`);
    }
    i = j;
  }
  return raw(`<div class="out-lines">${parts.join('')}</div>`);
}

/** highlight.js output split into lines, each line closing and reopening the spans that cross it. */
export function highlightedLines(source: string): string[] {
  const code = highlightPython(source);
  const out: string[] = [];
  const open: string[] = [];
  let line = '';
  const tag = /<span class="[^"]*">|<\/span>|\n/g;
  let last = 0;
  for (const match of code.matchAll(tag)) {
    line += code.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '\n') {
      out.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (match[0] === '</span>') {
      open.pop();
      line += match[0];
    } else {
      open.push(match[0]);
      line += match[0];
    }
  }
  out.push(line + code.slice(last));
  return out;
}

/** A code cell's source, highlighted, with the marked lines (1-based) standing out. */
export function renderSource(source: string, marks: ReadonlySet<number>): Raw {
  const lines = highlightedLines(source);
  const body = marks.size === 0 ? lines.join('\n') : lines.map((line, i) => (marks.has(i + 1) ? `<mark class="hl">${line || ' '}</mark>` : line)).join('\n');
  return raw(`<pre class="src"><code class="hljs language-python">${body}</code></pre>`);
}
