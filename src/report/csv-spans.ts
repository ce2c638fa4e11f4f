/**
 * A minimal CSV tokenizer over bytes that records where every field lies, so that a writer can replace
 * some cells and copy every other byte as it was (quoting, spacing, line ends, encoding). It works on the
 * raw bytes of UTF-8 and of CP932: the bytes it looks for (`"` `,` CR LF) never occur inside a multi-byte
 * character of either (CP932 trail bytes are 0x40–0x7E and 0x80–0xFC).
 *
 * RFC 4180, leniently: a quoted field may be followed by stray bytes up to the next comma or line end
 * (they stay in the field's span); a quote inside an unquoted field is an ordinary byte.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export interface FieldSpan {
  /** Byte offsets of the raw field, quotes included: [start, end). */
  start: number;
  end: number;
  quoted: boolean;
}

export type Terminator = 'CRLF' | 'LF' | 'CR' | '';

export interface RecordSpan {
  fields: FieldSpan[];
  /** Byte offset of the record's first byte and of its terminator. */
  start: number;
  end: number;
  terminator: Terminator;
  /** 1-based line on which the record starts. */
  line: number;
}

export class CsvSyntaxError extends Error {}

/** Tokenizes `bytes` from `from` (e.g. 3, after a BOM). Throws CsvSyntaxError for a quote never closed. */
export function tokenizeCsv(bytes: Uint8Array, from = 0): RecordSpan[] {
  const records: RecordSpan[] = [];
  let pos = from;
  let line = 1;
  while (pos < bytes.length) {
    const start = pos;
    const startLine = line;
    const fields: FieldSpan[] = [];
    for (;;) {
      const fieldStart = pos;
      const fieldLine = line;
      const quoted = bytes[pos] === QUOTE;
      if (quoted) {
        pos++;
        for (;;) {
          if (pos >= bytes.length) throw new CsvSyntaxError(`a quoted cell that starts on line ${fieldLine} is never closed`);
          const byte = bytes[pos];
          if (byte === QUOTE) {
            if (bytes[pos + 1] === QUOTE) pos += 2;
            else break;
          } else {
            if (byte === LF || (byte === CR && bytes[pos + 1] !== LF)) line++;
            pos++;
          }
        }
        pos++;
      }
      while (pos < bytes.length && bytes[pos] !== COMMA && bytes[pos] !== CR && bytes[pos] !== LF) pos++;
      fields.push({ start: fieldStart, end: pos, quoted });
      if (bytes[pos] !== COMMA) break;
      pos++;
    }
    const end = pos;
    let terminator: Terminator = '';
    if (bytes[pos] === CR && bytes[pos + 1] === LF) {
      terminator = 'CRLF';
      pos += 2;
    } else if (bytes[pos] === LF || bytes[pos] === CR) {
      terminator = bytes[pos] === LF ? 'LF' : 'CR';
      pos += 1;
    }
    if (terminator !== '') line++;
    records.push({ fields, start, end, terminator, line: startLine });
  }
  return records;
}

/** The field's content bytes: without its quotes, `""` read as `"`. Stray bytes after a closing quote are kept. */
export function fieldBytes(bytes: Uint8Array, span: FieldSpan): Buffer {
  const raw = Buffer.from(bytes.subarray(span.start, span.end));
  if (!span.quoted) return raw;
  const out: number[] = [];
  let i = 1;
  for (; i < raw.length; i++) {
    if (raw[i] === QUOTE) {
      if (raw[i + 1] === QUOTE) i++;
      else break;
    }
    out.push(raw[i] ?? 0);
  }
  return Buffer.concat([Buffer.from(out), raw.subarray(i + 1)]);
}

/** True when the record is an empty line. */
export function isBlankRecord(record: RecordSpan): boolean {
  return record.start === record.end;
}

/** A cell for writing: quoted when asked (the cell was quoted) or when the text needs it. */
export function quoteCell(text: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
