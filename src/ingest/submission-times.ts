/**
 * Submission times from a list the LMS gives (WebClass's answer.csv or any CSV with a date-time column),
 * and the choice of a file's submission time: that list (by file name, then by student id) > zip entry
 * time > file mtime.
 */
import { lookupKey } from '../core/util/keys.js';
import { parse } from 'csv-parse/sync';
import { GraderError } from '../core/errors.js';
import type { Identity, SubmittedFile, TimeSource } from '../types.js';
import { findColumns, type SubmissionTimeColumns } from './csv-columns.js';
import { decodeTextAuto, type TextEncoding } from './text-encoding.js';
import { parseWallClock } from './wall-clock.js';

export interface SubmissionTimeRecord {
  /** 1-based line in the CSV where the record ends (its only line, unless a quoted cell spans lines). */
  line: number;
  studentId: string | null;
  fileName: string | null;
  /** The name column (氏名), when the list has one. */
  name: string | null;
  submittedAt: Date;
}

export interface SubmissionTimeLookup {
  encoding: TextEncoding;
  columns: SubmissionTimeColumns;
  records: SubmissionTimeRecord[];
  /** Normalised key → times, in file order. */
  byFileName: Map<string, Date[]>;
  byStudentId: Map<string, Date[]>;
}

export interface ResolvedTime {
  submittedAt: Date;
  source: TimeSource;
  /** Set when the list had several times for the key (resubmissions): the latest is used. */
  note?: string;
}


/**
 * Reads the CSV (bytes: UTF-8 with or without BOM, or CP932, detected; or text). Rows with an empty
 * date-time are skipped (WebClass's blank records). Throws GraderError naming the line for an unreadable row.
 */
export function readSubmissionTimes(input: string | Uint8Array, tz: string): SubmissionTimeLookup {
  const decoded = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf8' as const } : decodeTextAuto(input);
  let rows: { record: string[]; line: number }[];
  try {
    rows = toRows(parse(decoded.text, { info: true, relax_column_count: true, skip_empty_lines: true }));
  } catch (err) {
    throw new GraderError(`submission times: not a readable CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = rows[0];
  if (!header) throw new GraderError('submission times: the CSV is empty');
  let columns: SubmissionTimeColumns;
  try {
    columns = findColumns(header.record);
  } catch (err) {
    throw new GraderError(`submission times, line ${header.line}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const lookup: SubmissionTimeLookup = { encoding: decoded.encoding, columns, records: [], byFileName: new Map(), byStudentId: new Map() };
  for (const { record, line } of rows.slice(1)) {
    const cell = (at: number | null): string => (at === null ? '' : (record[at] ?? '').trim());
    const when = cell(columns.submittedAt);
    if (when === '') continue;
    const time = parseWallClock(when, tz);
    if (!time) {
      throw new GraderError(`submission times, line ${line}: cannot read the date-time "${when}" (expected e.g. 2023-11-16 22:38:17)`);
    }
    const studentId = cell(columns.studentId) || null;
    const fileName = cell(columns.fileName) || null;
    if (!studentId && !fileName) throw new GraderError(`submission times, line ${line}: a date-time without a student id or file name`);
    lookup.records.push({ line, studentId, fileName, name: cell(columns.name) || null, submittedAt: time.date });
    if (fileName) push(lookup.byFileName, lookupKey(fileName, 'file'), time.date);
    if (studentId) push(lookup.byStudentId, lookupKey(studentId, 'id'), time.date);
  }
  return lookup;
}

export function resolveSubmissionTime(file: SubmittedFile, identity: Identity, lookup: SubmissionTimeLookup | null): ResolvedTime {
  const listed =
    lookup?.byFileName.get(lookupKey(file.fileName, 'file')) ??
    (identity.studentId === null ? undefined : lookup?.byStudentId.get(lookupKey(identity.studentId, 'id')));
  if (listed && listed.length > 0) {
    const latest = listed.reduce((a, b) => (b.getTime() > a.getTime() ? b : a));
    const resolved: ResolvedTime = { submittedAt: latest, source: 'submission-times' };
    if (listed.length > 1) resolved.note = `${listed.length} times listed for this file or student: the latest is used`;
    return resolved;
  }
  return { submittedAt: file.modifiedAt, source: file.modifiedSource };
}

function push(map: Map<string, Date[]>, key: string, date: Date): void {
  const list = map.get(key);
  if (list) list.push(date);
  else map.set(key, [date]);
}

/** csv-parse with `info: true` yields { record, info }; its typings do not say so. */
function toRows(parsed: unknown): { record: string[]; line: number }[] {
  if (!Array.isArray(parsed)) return [];
  return parsed.map((item: unknown) => {
    const { record, info } = item as { record: string[]; info: { lines: number } };
    return { record, line: info.lines };
  });
}
