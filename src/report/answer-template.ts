/**
 * Reading WebClass's answer.csv (「成績データをダウンロード」 on the 「レポート/記述式問題の採点」 screen) as a
 * template: its encoding, line ends, header row and the id / score / comment columns. The column names
 * are not documented publicly, so each can be given; otherwise the first header found among the guesses
 * below is used (compared after NFKC, trimming and lower-casing).
 */
import iconv from 'iconv-lite';
import { GraderError } from '../core/errors.js';
import { normaliseHeader } from '../ingest/csv-columns.js';
import { hasUtf8Bom, isValidUtf8, type TextEncoding } from '../ingest/text-encoding.js';
import { CsvSyntaxError, fieldBytes, isBlankRecord, tokenizeCsv, type RecordSpan, type Terminator } from './csv-spans.js';

export const ANSWER_COLUMN_GUESSES = {
  id: ['学籍番号', 'ユーザid', 'ユーザーid', 'ユーザ名', 'ユーザー名', 'username', 'user_id', 'userid', 'login', 'student_id', 'id'],
  score: ['点数', '得点', '評点', 'score', 'points', 'point'],
  comment: ['コメント', 'comment', 'comments', '講評', 'フィードバック', 'feedback'],
} as const;

export type AnswerRole = keyof typeof ANSWER_COLUMN_GUESSES;

export interface AnswerColumnOptions {
  id?: string;
  score?: string;
  comment?: string;
}

export interface AnswerColumn {
  /** The header as written in the file. */
  name: string;
  /** 0-based column index. */
  index: number;
  /** Given with --answers-*-column, or guessed. */
  from: 'option' | 'guess';
}

export interface AnswerTemplate {
  bytes: Buffer;
  encoding: TextEncoding;
  /** Line end of the header row (the one new line ends would use). */
  lineEnding: Terminator;
  records: RecordSpan[];
  /** Index into records of the header row (rows above it, such as a title line, are left alone). */
  headerRecord: number;
  columns: Record<AnswerRole, AnswerColumn>;
}

/** How many records from the top are searched for the header row. */
const HEADER_SEARCH = 20;

export function decodeField(template: Pick<AnswerTemplate, 'bytes' | 'encoding'>, record: RecordSpan, index: number): string {
  const span = record.fields[index];
  if (!span) return '';
  const raw = fieldBytes(template.bytes, span);
  return template.encoding === 'cp932' ? iconv.decode(raw, 'cp932') : raw.toString('utf8');
}

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  return hasUtf8Bom(bytes) ? 'utf8-bom' : isValidUtf8(bytes) ? 'utf8' : 'cp932';
}

/** Throws GraderError (exit 2) when the file is not CSV or a column cannot be found. */
export function readAnswerTemplate(bytes: Buffer, options: AnswerColumnOptions = {}): AnswerTemplate {
  const encoding = detectEncoding(bytes);
  let records: RecordSpan[];
  try {
    records = tokenizeCsv(bytes, encoding === 'utf8-bom' ? 3 : 0);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new GraderError(`answers: not a readable CSV: ${error.message}`);
    throw error;
  }
  const partial = { bytes, encoding };
  const headersOf = (record: RecordSpan): string[] => record.fields.map((_, i) => decodeField(partial, record, i));
  const find = (headers: string[], role: AnswerRole): AnswerColumn | null => {
    const wanted = options[role];
    const names = wanted !== undefined ? [normaliseHeader(wanted)] : ANSWER_COLUMN_GUESSES[role];
    const normalised = headers.map(normaliseHeader);
    for (const name of names) {
      const index = normalised.indexOf(name);
      if (index >= 0) return { name: headers[index] ?? name, index, from: wanted !== undefined ? 'option' : 'guess' };
    }
    return null;
  };
  const candidates = records.slice(0, HEADER_SEARCH).filter((r) => !isBlankRecord(r));
  const header = candidates.find((record) => find(headersOf(record), 'id') !== null);
  if (!header) {
    const first = candidates[0] ? headersOf(candidates[0]) : [];
    throw new GraderError(
      `answers: no student id column ${options.id !== undefined ? `"${options.id}"` : `(looked for ${ANSWER_COLUMN_GUESSES.id.join(', ')})`} in the first ${HEADER_SEARCH} rows; first row: ${first.map((h) => JSON.stringify(h)).join(', ') || 'none'}. Name it with --answers-id-column`,
    );
  }
  const headers = headersOf(header);
  const columns = {} as Record<AnswerRole, AnswerColumn>;
  for (const role of ['id', 'score', 'comment'] as const) {
    const column = find(headers, role);
    if (!column) {
      const looked = options[role] !== undefined ? `"${options[role]}"` : `one of ${ANSWER_COLUMN_GUESSES[role].join(', ')}`;
      throw new GraderError(
        `answers, line ${header.line}: no ${role} column (${looked}); headers: ${headers.map((h) => JSON.stringify(h)).join(', ')}. Name it with --answers-${role}-column`,
      );
    }
    columns[role] = column;
  }
  const indexes = new Set(Object.values(columns).map((c) => c.index));
  if (indexes.size < 3) throw new GraderError(`answers: the id, score and comment columns must differ (${Object.values(columns).map((c) => c.name).join(', ')})`);
  return { bytes, encoding, lineEnding: header.terminator, records, headerRecord: records.indexOf(header), columns };
}
