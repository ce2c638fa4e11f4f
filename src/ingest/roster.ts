/**
 * The class roster (`--roster FILE`): a CSV with a 学籍番号 column and, where present, a 氏名 column —
 * WebClass's answer.csv is accepted as it is (its header may follow title rows). Every student on it
 * without a submission gets a row with status `missing` and 0 points.
 */
import { GraderError } from '../core/errors.js';
import { normaliseHeader } from './csv-columns.js';
import { readCsvRows } from './csv-rows.js';
import { lookupKey } from '../core/util/keys.js';
import { decodeTextAuto } from './text-encoding.js';

export interface RosterEntry {
  studentId: string;
  name: string | null;
  /** 1-based line in the file. */
  line: number;
}

const ID = ['学籍番号', 'student_id', 'studentid', 'student id', 'ユーザid', 'ユーザーid', 'user_id', 'userid', 'username', 'id'];
const NAME = ['氏名', '名前', 'name', 'full name', 'fullname', '学生氏名', 'ユーザ名', 'ユーザー名'];

function column(header: readonly string[], names: readonly string[]): number | null {
  const normalised = header.map(normaliseHeader);
  for (const name of names) {
    const at = normalised.indexOf(name);
    if (at >= 0) return at;
  }
  return null;
}

/** Students in the roster, in file order, one per student id (a repeated id keeps its first row). */
export function readRoster(bytes: Uint8Array): RosterEntry[] {
  const { header, rows } = readCsvRows(decodeTextAuto(bytes).text, 'roster');
  const all = [header, ...rows];
  // the header is the first of the first rows with a student-id column (answer.csv may start with titles)
  const at = all.slice(0, 10).findIndex((row) => column(row.record, ID) !== null);
  const head = all[at];
  if (at < 0 || !head) throw new GraderError(`roster: no 学籍番号 (student id) column in the first rows; name it 学籍番号 or student_id`);
  const id = column(head.record, ID)!;
  const name = column(head.record, NAME);
  const seen = new Set<string>();
  const entries: RosterEntry[] = [];
  for (const row of all.slice(at + 1)) {
    const studentId = (row.record[id] ?? '').normalize('NFKC').trim();
    if (studentId === '' || seen.has(lookupKey(studentId, 'id'))) continue;
    seen.add(lookupKey(studentId, 'id'));
    const given = name === null ? '' : (row.record[name] ?? '').normalize('NFC').trim();
    entries.push({ studentId, name: given === '' ? null : given, line: row.line });
  }
  return entries;
}
