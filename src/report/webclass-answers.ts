/**
 * The WebClass round trip: answer.csv (read by src/report/answer-template.ts) comes back with only the
 * score and comment cells of its data rows replaced. Every other byte — BOM, header and title rows, other
 * cells and their quoting, line ends, row order, blank lines, the end of the file — is copied as it was.
 * A replaced cell keeps its quotes if it had them, gains them if its new text needs them, and is written
 * in the file's encoding (characters CP932 cannot hold become `?`, with a warning).
 */
import iconv from 'iconv-lite';
import { lookupKey } from '../core/util/keys.js';
import { unencodableInCp932 } from './encode.js';
import { isBlankRecord, quoteCell, type RecordSpan } from './csv-spans.js';
import { decodeField, type AnswerTemplate } from './answer-template.js';
import type { GradeRow, GradeRun } from '../types.js';

export const NOT_SUBMITTED = '未提出';

export interface AnswerEntry {
  studentId: string | null;
  file: string;
  score: number;
  comment: string;
  /** Held (--hold): its score and comment cells are left empty until an override decides. */
  held: boolean;
}

/** --hold: whose grade waits for a TA. `copy`: suspected copies; `needs-review`: also every row flagged needs-review. */
export type HoldPolicy = 'copy' | 'needs-review' | 'none';

/** Whether a primary row is held: flagged as the policy says, and no TA override has decided it yet. */
export function isHeld(row: Pick<GradeRow, 'flags' | 'overrides'>, hold: HoldPolicy): boolean {
  if (hold === 'none' || row.overrides.length > 0) return false;
  return row.flags.includes('suspected-copy') || (hold === 'needs-review' && row.flags.includes('needs-review'));
}

export interface FilledAnswers {
  bytes: Buffer;
  /** Rows of answer.csv given a submission's score. */
  filled: number;
  /** Ids in answer.csv with no submission: given 0 and 未提出. */
  notSubmitted: string[];
  /** Submissions whose student is not in answer.csv (or that have no student id). */
  unmatched: { studentId: string | null; file: string }[];
  /** Ids whose cells were left empty (--hold). */
  held: string[];
  warnings: string[];
}

/** One entry per student: the primary rows (src/finish-rows.ts). */
export function answerEntries(run: GradeRun, hold: HoldPolicy = 'copy'): AnswerEntry[] {
  return run.rows
    .filter((row) => row.primary)
    .map((row) => ({ studentId: row.studentId, file: row.file, score: row.score, comment: row.comment, held: isHeld(row, hold) }));
}

interface Edit {
  start: number;
  end: number;
  bytes: Buffer;
}

export function fillAnswers(template: AnswerTemplate, entries: readonly AnswerEntry[]): FilledAnswers {
  const byKey = new Map<string, AnswerEntry>();
  for (const entry of entries) if (entry.studentId !== null) byKey.set(lookupKey(entry.studentId, 'id'), entry);
  const result: FilledAnswers = { bytes: template.bytes, filled: 0, notSubmitted: [], unmatched: [], held: [], warnings: [] };
  const rowsByKey = new Map<string, number[]>();
  const edits: Edit[] = [];
  const { id, score, comment } = template.columns;
  for (const record of template.records.slice(template.headerRecord + 1)) {
    if (isBlankRecord(record)) continue;
    const studentId = decodeField(template, record, id.index).trim();
    if (studentId === '') {
      result.warnings.push(`answers, line ${record.line}: no student id in column "${id.name}"; the row is left as it was`);
      continue;
    }
    const key = lookupKey(studentId, 'id');
    rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), record.line]);
    const entry = byKey.get(key);
    if (record.fields.length <= Math.max(score.index, comment.index)) {
      result.warnings.push(`answers, line ${record.line}: the row has fewer cells than the header; empty cells were added up to the comment`);
    }
    if (entry?.held) result.held.push(studentId);
    else if (entry && entry.comment !== NOT_SUBMITTED) result.filled++;
    else result.notSubmitted.push(studentId);
    const encode = (text: string, what: string): ((quoted: boolean) => Buffer) => {
      const clean = text.replace(/\r\n|\r|\n/g, ' ');
      if (template.encoding === 'cp932') {
        const bad = unencodableInCp932(clean);
        if (bad.length > 0) result.warnings.push(`answers, line ${record.line}: CP932 cannot hold ${bad.join(' ')} in ${studentId}'s ${what}; written as ?`);
      }
      return (quoted) => encodeText(quoteCell(clean, quoted), template);
    };
    edits.push(...cellEdits(record, [
      [score.index, encode(entry?.held ? '' : String(entry ? entry.score : 0), 'score')],
      [comment.index, encode(entry?.held ? '' : entry ? entry.comment : NOT_SUBMITTED, 'comment')],
    ], template));
  }
  for (const [key, lines] of rowsByKey) {
    if (lines.length > 1) result.warnings.push(`answers: ${key} has ${lines.length} rows (lines ${lines.join(', ')}); each got the same score and comment`);
  }
  for (const entry of entries) {
    if (entry.studentId === null || !rowsByKey.has(lookupKey(entry.studentId, 'id'))) result.unmatched.push({ studentId: entry.studentId, file: entry.file });
  }
  result.bytes = splice(template.bytes, edits);
  return result;
}

function encodeText(text: string, template: Pick<AnswerTemplate, 'encoding'>): Buffer {
  return template.encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
}

/** Edits for the given cells; cells past the end of a short row are appended after its last field. */
function cellEdits(record: RecordSpan, cells: [number, (quoted: boolean) => Buffer][], template: Pick<AnswerTemplate, 'encoding'>): Edit[] {
  const edits: Edit[] = [];
  const appended = new Map<number, Buffer>();
  for (const [index, write] of cells) {
    const span = record.fields[index];
    if (span) edits.push({ start: span.start, end: span.end, bytes: write(span.quoted) });
    else appended.set(index, write(false));
  }
  if (appended.size > 0) {
    const last = Math.max(...appended.keys());
    const parts: Buffer[] = [];
    for (let index = record.fields.length; index <= last; index++) parts.push(encodeText(',', template), appended.get(index) ?? Buffer.alloc(0));
    edits.push({ start: record.end, end: record.end, bytes: Buffer.concat(parts) });
  }
  return edits;
}

function splice(bytes: Buffer, edits: Edit[]): Buffer {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Buffer[] = [];
  let at = 0;
  for (const edit of sorted) {
    parts.push(bytes.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}
