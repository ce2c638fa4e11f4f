/**
 * Terminal semantics for saved notebook output text.
 *
 * Progress bars are drawn with `\r` (back to column 0, later text overwrites earlier characters),
 * `\b` (one column back) and ANSI escape sequences (colours, bold, erase-in-line). A saved output
 * holds the raw bytes the kernel wrote; this module renders them the way a terminal would show them.
 *
 * Linear in the input: each line is rendered into a column buffer (code points in a typed array, so a
 * 50 MB line costs 4 bytes a column, not a string object a column) whose size is bounded by the widest
 * text drawn on that line; lines without control characters take a fast path.
 */

const ESC = 0x1b;
const CONTROL_OR_ESCAPE = /[\r\b\u001b\u0000-\u0008\u000b-\u001f\u007f]/;

/** Joins an nbformat multi-line value (`source`, `text`, mime data): a string or a list of strings. */
export function joinMultiline(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (typeof part === 'string' ? part : '')).join('');
  return '';
}

/** Applies `\r`, `\b`, `\n` as a terminal would and removes ANSI CSI/OSC (and other ESC) sequences. */
export function cleanTerminalText(raw: string): string {
  if (!CONTROL_OR_ESCAPE.test(raw)) return raw; // most outputs: nothing to render
  const out: string[] = [];
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('\n', start);
    if (end === -1) end = raw.length;
    const line = raw.slice(start, end);
    out.push(CONTROL_OR_ESCAPE.test(line) ? renderLine(line) : line);
    start = end + 1;
  }
  return out.join('\n');
}

const SPACE = 0x20;

/** The columns of one line being drawn: code points, and how many columns hold text. */
class LineBuffer {
  private columns = new Uint32Array(256);
  length = 0;

  /** Puts `codePoint` at `column`; columns skipped over read as spaces. */
  put(column: number, codePoint: number): void {
    if (column >= this.columns.length) {
      const grown = new Uint32Array(Math.max(column + 1, this.columns.length * 2));
      grown.set(this.columns.subarray(0, this.length));
      this.columns = grown;
    }
    if (column > this.length) this.columns.fill(SPACE, this.length, column);
    this.columns[column] = codePoint;
    if (column >= this.length) this.length = column + 1;
  }

  blank(from: number, to: number): void {
    this.columns.fill(SPACE, from, Math.min(to, this.length));
  }

  toString(): string {
    const parts: string[] = [];
    for (let start = 0; start < this.length; start += 8192) {
      parts.push(String.fromCodePoint(...this.columns.subarray(start, Math.min(this.length, start + 8192))));
    }
    return parts.join('');
  }
}

/** Renders one line (no `\n` inside) into the characters left visible on screen. */
function renderLine(line: string): string {
  const cells = new LineBuffer();
  let cursor = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const code = line.charCodeAt(i);
    if (code === ESC) {
      const seq = escapeSequenceEnd(line, i);
      if (isEraseInLine(line, i, seq)) {
        const mode = line.slice(i + 2, seq - 1);
        if (mode === '' || mode === '0') cells.length = Math.min(cells.length, cursor);
        else if (mode === '2') cells.length = 0;
        else if (mode === '1') cells.blank(0, cursor + 1);
      }
      i = seq;
      continue;
    }
    if (code === 0x0d) {
      cursor = 0;
      i++;
      continue;
    }
    if (code === 0x08) {
      if (cursor > 0) cursor--;
      i++;
      continue;
    }
    if (code < 0x20 && code !== 0x09) {
      i++;
      continue;
    }
    if (code === 0x7f) {
      i++;
      continue;
    }
    // one column per code point (a surrogate pair is one column; a lone surrogate is kept as it is)
    const codePoint = line.codePointAt(i)!;
    cells.put(cursor, codePoint);
    cursor++;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return cells.toString();
}

/** Index just past the escape sequence that starts at `i` (which holds ESC). */
function escapeSequenceEnd(s: string, i: number): number {
  const n = s.length;
  const next = s.charCodeAt(i + 1);
  if (i + 1 >= n) return n;
  if (next === 0x5b /* [ */) {
    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E
    let j = i + 2;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j + 1;
      if (c < 0x20 || c > 0x3f) return j; // malformed: drop what we have read
      j++;
    }
    return n;
  }
  if (next === 0x5d /* ] */ || next === 0x50 /* P */ || next === 0x5f /* _ */ || next === 0x5e /* ^ */) {
    // OSC / DCS / APC / PM: up to BEL or ST (ESC \)
    let j = i + 2;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === ESC) return s.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
      j++;
    }
    return n;
  }
  if (next >= 0x20 && next <= 0x2f) return Math.min(n, i + 3); // e.g. ESC ( B
  return i + 2;
}

function isEraseInLine(s: string, start: number, end: number): boolean {
  return s.charCodeAt(start + 1) === 0x5b && s.charCodeAt(end - 1) === 0x4b /* K */;
}
