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
 *
 * One exception to what the screen shows, for Keras progress bars (issue 15): Keras ends every finished
 * epoch line (`750/750 [====] - 2s 3ms/step - loss: … - val_accuracy: …`) with a newline, so nothing it
 * draws later lands on that line. Saved outputs of Keras 2.3 / TF 2.0–2.3 in Jupyter still hold a finished
 * line followed by a thousand or more `\b` and a stale `ETA:` fragment of an earlier update; a terminal
 * would show the fragment over the start of the finished line, with the finished line's tail after it.
 * The raw stream held the finished line, and it is the epoch's result: when a finished progress line is
 * drawn over and what is left visible at the end is not a finished line that covered it completely, the
 * finished line is kept instead (see `renderLine`).
 */
import { readProgressLine } from '../outputs/progress-line.js';

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

  /** The code point at `column` (0 past the end). */
  at(column: number): number {
    return column < this.length ? this.columns[column]! : 0;
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

/**
 * Renders one line (no `\n` inside) into the characters left visible on screen, except that a finished
 * Keras progress line that was drawn over is kept when what replaced it is not a finished line covering
 * it (module comment). Before text is first drawn over after the cursor went back (`\r`, `\b`), or
 * erased, the line is checked once: a finished line there becomes `kept`, and `reach` counts the columns
 * drawn since.
 */
function renderLine(line: string): string {
  const cells = new LineBuffer();
  let cursor = 0;
  let i = 0;
  const n = line.length;
  /** The cursor went back since the last character drawn. */
  let moved = false;
  const keeper = new FinishedLineKeeper();
  while (i < n) {
    const code = line.charCodeAt(i);
    if (code === ESC) {
      const seq = escapeSequenceEnd(line, i);
      if (isEraseInLine(line, i, seq)) {
        const mode = line.slice(i + 2, seq - 1);
        if (cursor < cells.length || mode === '2' || mode === '1') keeper.check(cells);
        if (mode === '' || mode === '0') cells.length = Math.min(cells.length, cursor);
        else if (mode === '2') cells.length = 0;
        else if (mode === '1') cells.blank(0, cursor + 1);
      }
      i = seq;
      continue;
    }
    if (code === 0x0d) {
      if (cursor > 0) moved = true;
      cursor = 0;
      i++;
      continue;
    }
    if (code === 0x08) {
      if (cursor > 0) {
        cursor--;
        moved = true;
      }
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
    if (moved && cursor < cells.length) keeper.check(cells);
    moved = false;
    cells.put(cursor, codePoint);
    cursor++;
    keeper.drawn(cursor);
    i += codePoint > 0xffff ? 2 : 1;
  }
  return keeper.result(cells.toString());
}

/**
 * The last finished progress line seen on a line before it was drawn over, and how far was drawn since.
 * A line is looked at only when the text drawn since the last look covers at least half of it (a Keras
 * redraw covers the whole line, padded with spaces), so the looks cost at most twice the text drawn.
 */
class FinishedLineKeeper {
  private kept: string | null = null;
  /** Columns drawn over since `kept` was taken (the highest column reached). */
  private reach = 0;
  /** Characters drawn since the line was last looked at. */
  private drawnSinceCheck = 0;

  /** Called before the line's text is drawn over or erased. */
  check(cells: LineBuffer): void {
    const drawn = this.drawnSinceCheck;
    this.drawnSinceCheck = 0;
    if (drawn === 0 || drawn * 2 < cells.length) return;
    const finished = finishedLineIn(cells);
    if (finished !== null) {
      this.kept = finished;
      this.reach = 0;
    }
  }

  /** A character was drawn; the cursor is now at `cursor`. */
  drawn(cursor: number): void {
    this.drawnSinceCheck++;
    if (cursor > this.reach) this.reach = cursor;
  }

  result(visible: string): string {
    return this.kept === null ? visible : keptOrVisible(this.kept, visible, this.reach);
  }
}

/** Lines longer than this are not checked for a finished progress line (Keras lines are a few hundred columns). */
const MAX_PROGRESS_COLUMNS = 100_000;

/**
 * The text of the line when it is a finished Keras progress line: counter at its total (`750/750`,
 * `48000/48000`), no ETA in its values, at least one metric. A cheap look at the counter comes first, so
 * the many unfinished updates of a progress bar are not turned into strings.
 */
function finishedLineIn(cells: LineBuffer): string | null {
  if (cells.length > MAX_PROGRESS_COLUMNS || !counterAtTotal(cells)) return null;
  const text = cells.toString();
  return isFinishedProgressLine(text) ? text : null;
}

function isFinishedProgressLine(text: string): boolean {
  return finishedMetricCount(text) > 0;
}

/** How many metrics a finished progress line shows; 0 for text that is not one. */
function finishedMetricCount(text: string): number {
  const progress = readProgressLine(text);
  if (progress === null || !progress.complete || progress.total === null) return 0;
  return Object.keys(progress.metrics).length;
}

/** Whether the columns start with `N/N` (spaces before it allowed) followed by a space. */
function counterAtTotal(cells: LineBuffer): boolean {
  let at = 0;
  while (at < cells.length && (cells.at(at) === SPACE || cells.at(at) === 0x09)) at++;
  const first = at;
  while (at < cells.length && isDigit(cells.at(at))) at++;
  const digits = at - first;
  if (digits === 0 || digits > 12 || cells.at(at) !== 0x2f /* / */) return false;
  const second = ++at;
  while (at < cells.length && isDigit(cells.at(at))) at++;
  if (at - second !== digits || (at < cells.length && cells.at(at) !== SPACE)) return false;
  for (let k = 0; k < digits; k++) if (cells.at(first + k) !== cells.at(second + k)) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * A finished progress line was drawn over. What a terminal shows wins only when it was drawn over every
 * column of the kept line and is either a finished progress line with at least as many metrics (Keras 2.0
 * draws the last batch's line, then the epoch's line with the val_ metrics over it) or not progress text
 * at all. Otherwise (a stale `ETA:` fragment; a partial overlay that leaves the kept line's tail visible)
 * the kept line wins.
 */
function keptOrVisible(kept: string, visible: string, reach: number): string {
  if (reach < kept.trimEnd().length) return kept;
  const metrics = finishedMetricCount(visible);
  if (metrics > 0) return metrics >= finishedMetricCount(kept) ? visible : kept;
  return PROGRESS_TEXT.test(visible) ? kept : visible;
}

/** Text of a progress update: an ETA, or a metric after Keras's ` - ` separator (`- loss: 0.0815`). */
const PROGRESS_TEXT = /\bETA:|(?:^|\s)-\s+[A-Za-z_]\w*: (?:-?[\d.]|[-+]?(?:nan|inf))/i;

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
