/**
 * TA overrides from `--overrides overrides.csv`: the TA's file, only ever read, so nothing is lost on a
 * rerun. Columns (any order, other columns ignored): student_id, criterion (a criterion id or `total`),
 * points, reason, grader, and optionally sha256 (of the notebook the override was written for).
 * A row with an empty points cell is ignored (an unfilled template row). Everything else that is wrong
 * (unknown criterion, points out of range, no reason or grader, two rows for the same student and
 * criterion, a student with no submission) is an error that names the line: the run stops with exit 2.
 */
import { GraderError } from '../core/errors.js';
import { describeHeader, findHeader, readCsvRows } from '../ingest/csv-rows.js';
import { lookupKey } from '../core/util/keys.js';
import { decodeTextAuto } from '../ingest/text-encoding.js';
import { suggest } from '../core/rubric/near-names.js';
import { TOTAL } from '../core/rubric/settle.js';
import type { OverrideEntry } from '../types.js';


export interface OverrideTable {
  entries: OverrideEntry[];
}

export interface RubricLimits {
  criteria: readonly { id: string; points: number }[];
  maxScore: number;
}

const NAMES = {
  studentId: ['student_id', '学籍番号', 'studentid', 'student id', 'ユーザid', 'ユーザーid', 'user_id', 'username', 'id'],
  criterion: ['criterion', '項目', '採点項目', 'criterion_id'],
  points: ['points', '点数', '得点', 'score'],
  reason: ['reason', '理由'],
  grader: ['grader', '採点者', 'ta'],
  sha256: ['sha256', 'hash', 'ハッシュ'],
} as const;

type Role = keyof typeof NAMES;

export function readOverrides(input: Uint8Array | string, limits: RubricLimits): OverrideTable {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeTextAuto(input).text;
  const { header, rows } = readCsvRows(text, 'overrides');
  const at = {} as Record<Role, number | null>;
  for (const role of Object.keys(NAMES) as Role[]) at[role] = findHeader(header.record, NAMES[role]);
  const missing = (['studentId', 'criterion', 'points', 'reason', 'grader'] as const).filter((role) => at[role] === null);
  if (missing.length > 0) {
    throw new GraderError(
      `overrides, line ${header.line}: missing column(s) ${missing.map((role) => NAMES[role][0]).join(', ')} (columns: student_id, criterion, points, reason, grader, and optionally sha256); ${describeHeader(header.record)}`,
    );
  }
  const maxFor = new Map<string, number>([...limits.criteria.map((c): [string, number] => [c.id, c.points]), [TOTAL, limits.maxScore]]);
  const entries: OverrideEntry[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of rows) {
    const cell = (role: Role): string => {
      const index = at[role];
      return index === null ? '' : (record[index] ?? '').normalize('NFKC').trim();
    };
    if (cell('points') === '') continue;
    const fail = (message: string): never => {
      throw new GraderError(`overrides, line ${line}: ${message}`);
    };
    const studentId = cell('studentId') || fail('no student_id');
    const criterion = cell('criterion') || fail(`no criterion (a criterion id or "${TOTAL}")`);
    const max = maxFor.get(criterion);
    if (max === undefined) fail(`unknown criterion "${criterion}" (one of ${[...maxFor.keys()].join(', ')}).${suggest(criterion, [...maxFor.keys()])}`);
    const points = Number(cell('points'));
    if (!Number.isFinite(points)) fail(`points "${cell('points')}" is not a number`);
    if (points < 0 || points > (max ?? 0)) fail(`points ${points} out of range for ${criterion} (0 to ${max ?? 0})`);
    const reason = cell('reason') || fail('no reason (say why, for the student and for the record)');
    const grader = cell('grader') || fail('no grader (who decided)');
    const hash = cell('sha256').toLowerCase();
    if (hash !== '' && !/^[0-9a-f]{64}$/.test(hash)) fail(`sha256 "${cell('sha256')}" is not 64 hex digits`);
    const key = `${lookupKey(studentId, 'id')}\u0000${criterion}`;
    const before = seen.get(key);
    if (before !== undefined) fail(`a second override of ${criterion} for ${studentId} (the first is on line ${before})`);
    seen.set(key, line);
    entries.push({ studentId, criterion, points, reason, grader, sha256: hash || null, line });
  }
  return { entries };
}


/** Entries grouped by student key; throws GraderError listing every entry whose student has no row. */
export function overridesByStudent(table: OverrideTable, studentIds: Iterable<string | null>): Map<string, OverrideEntry[]> {
  const known = new Set<string>();
  for (const id of studentIds) if (id !== null) known.add(lookupKey(id, 'id'));
  const unknown = table.entries.filter((entry) => !known.has(lookupKey(entry.studentId, 'id')));
  if (unknown.length > 0) {
    throw new GraderError(
      `overrides: no submission from ${unknown.map((e) => `${e.studentId} (line ${e.line})`).join(', ')}; fix the student id or remove the row`,
    );
  }
  const byStudent = new Map<string, OverrideEntry[]>();
  for (const entry of table.entries) {
    const key = lookupKey(entry.studentId, 'id');
    byStudent.set(key, [...(byStudent.get(key) ?? []), entry]);
  }
  return byStudent;
}
