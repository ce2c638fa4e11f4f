/**
 * A file whose name gives no student id (a student forgot to rename kadai4.ipynb) can still be
 * identified by the LMS's list, which knows who uploaded each file: used only when that file name
 * maps to exactly one student id (with the list's name, when it has a name column), and flagged so a TA
 * can see where the id came from.
 */
import type { Identity } from '../types.js';
import { type SubmissionTimeLookup } from './submission-times.js';
import { lookupKey } from '../core/util/keys.js';

export function identityFromList(identity: Identity, fileName: string, lookup: SubmissionTimeLookup | null): Identity {
  if (identity.studentId !== null || lookup === null) return identity;
  const key = lookupKey(fileName, 'file');
  const records = lookup.records.filter((r) => r.fileName !== null && r.studentId !== null && lookupKey(r.fileName, 'file') === key);
  const ids = new Set(records.map((r) => r.studentId));
  if (ids.size === 0) return identity;
  if (ids.size > 1) return { ...identity, flags: [...identity.flags, 'ambiguous-in-submission-times'] };
  const [record] = records;
  const name = identity.name ?? records.find((r) => r.name !== null)?.name?.normalize('NFC') ?? null;
  return { ...identity, studentId: record?.studentId ?? null, name, flags: [...identity.flags, 'id-from-submission-times'] };
}
