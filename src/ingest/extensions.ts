/**
 * Per-student deadlines from `--extensions`: a CSV of student id → new deadline (read in --tz, the same
 * forms as --deadline: `2023-11-20T23:59`, `2023/11/20 23:59`, `2023-11-20`), with an optional reason.
 * UTF-8 with or without BOM, or CP932. Headers: 学籍番号 / student_id / ユーザID / username / id, and
 * 締め切り / 締切 / 期限 / deadline / new_deadline; optionally 理由 / reason.
 */
import { GraderError } from '../core/errors.js';
import { parseDeadline } from './deadline.js';
import { describeHeader, findHeader, readCsvRows } from './csv-rows.js';
import { lookupKey } from '../core/util/keys.js';
import { decodeTextAuto } from './text-encoding.js';

export interface Extension {
  studentId: string;
  /** Last included instant of the new deadline. */
  deadline: Date;
  /** The deadline as written in the file (T replaced by a space). */
  label: string;
  reason: string | null;
  /** 1-based line in the CSV. */
  line: number;
}

export interface ExtensionTable {
  /** By lookupKey(student id). */
  byStudent: Map<string, Extension>;
}

const NAMES = {
  studentId: ['学籍番号', 'student_id', 'studentid', 'student id', 'ユーザid', 'ユーザーid', 'user_id', 'username', 'id'],
  deadline: ['締め切り', '締切', '締切日時', '期限', '提出期限', 'deadline', 'new_deadline', 'extended_deadline'],
  reason: ['理由', 'reason', 'note', '備考'],
} as const;

export function readExtensions(input: Uint8Array | string, tz: string): ExtensionTable {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeTextAuto(input).text;
  const { header, rows } = readCsvRows(text, 'extensions');
  const idAt = findHeader(header.record, NAMES.studentId);
  const deadlineAt = findHeader(header.record, NAMES.deadline);
  const reasonAt = findHeader(header.record, NAMES.reason);
  if (idAt === null || deadlineAt === null) {
    throw new GraderError(
      `extensions, line ${header.line}: needs a student id column (${NAMES.studentId.join(', ')}) and a deadline column (${NAMES.deadline.join(', ')}); ${describeHeader(header.record)}`,
    );
  }
  const table: ExtensionTable = { byStudent: new Map() };
  for (const { record, line } of rows) {
    const cell = (at: number | null): string => (at === null ? '' : (record[at] ?? '').trim());
    const studentId = cell(idAt);
    const when = cell(deadlineAt);
    if (studentId === '' && when === '') continue;
    if (studentId === '') throw new GraderError(`extensions, line ${line}: a deadline without a student id`);
    if (when === '') throw new GraderError(`extensions, line ${line}: no deadline for ${studentId}`);
    let deadline: Date;
    try {
      deadline = parseDeadline(when, tz);
    } catch (error) {
      throw new GraderError(`extensions, line ${line}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const key = lookupKey(studentId, 'id');
    const before = table.byStudent.get(key);
    if (before) throw new GraderError(`extensions, line ${line}: a second deadline for ${studentId} (the first is on line ${before.line})`);
    table.byStudent.set(key, { studentId, deadline, label: when.normalize('NFKC').replace('T', ' '), reason: cell(reasonAt) || null, line });
  }
  return table;
}

export function extensionFor(table: ExtensionTable | null, studentId: string | null): Extension | null {
  if (table === null || studentId === null) return null;
  return table.byStudent.get(lookupKey(studentId, 'id')) ?? null;
}

/** Extensions naming a student with no submitted file: the CLI lists them as warnings. */
export function unusedExtensions(table: ExtensionTable | null, studentIds: Iterable<string | null>): Extension[] {
  if (table === null) return [];
  const seen = new Set<string>();
  for (const id of studentIds) if (id !== null) seen.add(lookupKey(id, 'id'));
  return [...table.byStudent.entries()].filter(([key]) => !seen.has(key)).map(([, extension]) => extension);
}
