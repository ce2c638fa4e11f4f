/**
 * One file as the self-check page sees it: the grader's result (src/core/browser.ts, exactly the CLI's
 * per-notebook path) and the notes about the file itself (src/selfcheck/advice.ts). No deadline: the
 * file counts as submitted now, a day before the deadline, so that no late rule applies. Pure: no DOM.
 */
import type { Core, CoreResult } from '../core/browser.js';
import { parseIdentity } from '../core/identity.js';
import { kindFromName, MAX_FILE_BYTES, nameNote, notANotebookNote, runNote, unreadableNote, type Note } from './advice.js';

export interface SelfcheckFile {
  name: string;
  /** The file's size (its bytes are not read past MAX_FILE_BYTES). */
  size: number;
  bytes: Uint8Array;
}

export interface Examination {
  fileName: string;
  /** About the file: what it is, whether it was run, its name; in that order. */
  notes: Note[];
  result: CoreResult;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function examine(core: Core, file: SelfcheckFile, assignment: string, now: number): Promise<Examination> {
  if (kindFromName(file.name) !== 'notebook') {
    return { fileName: file.name, notes: [notANotebookNote(file.name, file.bytes)], result: core.notGraded('not-a-notebook') };
  }
  const name = nameNote(file.name, assignment);
  if (file.size > MAX_FILE_BYTES) return { fileName: file.name, notes: [unreadableNote(file.bytes, file.size), name], result: core.notGraded('unreadable') };
  const identity = parseIdentity(file.name, assignment);
  const result = await core.grade({ bytes: file.bytes, name: identity.name, submittedAt: now, deadline: now + DAY_MS, deadlineLabel: '' });
  const about = result.status === 'unreadable' ? unreadableNote(file.bytes, file.size) : result.run ? runNote(result.run) : null;
  return { fileName: file.name, notes: about ? [about, name] : [name], result };
}
