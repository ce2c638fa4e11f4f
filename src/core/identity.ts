/**
 * 学籍番号, 名前 and assignment number from a file name `学籍番号_名前_4.ipynb`. Tolerant of `＿`, `-`,
 * spaces (ASCII and U+3000), full-width digits in the id, NFD names and copy marks; a name that does not
 * fit is returned with what could be read, and flags.
 */
import type { Identity } from '../types.js';
import { stripCopyMarkers, stripExtensions, toHalfWidth } from './copy-marker.js';

/**
 * Letters and digits, hyphens only between them (A23-0123), 5–20 characters, at least 5 of them letters
 * or digits and at least 4 digits: 2312345, 23M0123, s2312345, t2413648, A23-0123.
 */
export const DEFAULT_STUDENT_ID_PATTERN = /^(?=.{5,20}$)(?=(?:[^0-9]*[0-9]){4})(?=(?:-?[A-Za-z0-9]){5})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

export type IdentityFlag =
  | 'name-unrecognised'
  | 'assignment-mismatch'
  | 'id-not-first'
  | 'separator-missing'
  | 'checkpoint-copy';

export interface IdentityOptions {
  /** Tested against the NFKC form of a candidate id. */
  idPattern?: RegExp;
}

interface Token {
  text: string;
  start: number;
  end: number;
  /** Separator text before this token ('' for the first). */
  before: string;
}

const ASSIGNMENT = /^(?:kadai|課題|第)?0*(\d{1,3})回?$/i;

export function parseIdentity(fileName: string, expectedAssignment = '4', options: IdentityOptions = {}): Identity {
  const pattern = options.idPattern ?? DEFAULT_STUDENT_ID_PATTERN;
  const isId = (text: string): boolean => pattern.test(text.normalize('NFKC'));
  const marks = stripCopyMarkers(stripExtensions(fileName.normalize('NFC').trim()));
  const written = marks.stem;
  const tokens = tokenise(toHalfWidth(written));
  const flags: IdentityFlag[] = marks.checkpoint ? ['checkpoint-copy'] : [];

  const last = tokens[tokens.length - 1];
  const assignmentMatch = last ? ASSIGNMENT.exec(last.text.normalize('NFKC')) : null;
  const assignment = assignmentMatch ? assignmentMatch[1]! : null;
  const body = assignment === null ? tokens : tokens.slice(0, -1);

  let studentId: string | null = null;
  let name: string | null = null;
  const leading = leadingId(body, isId);
  if (leading) {
    studentId = leading.id;
    name = slice(written, body.slice(leading.count));
  } else if (body[0] && isId(gluedIdPrefix(body[0].text))) {
    const prefix = gluedIdPrefix(body[0].text);
    studentId = prefix.normalize('NFKC');
    const rest = written.slice(body[0].start + prefix.length, body[0].end);
    name = joinName(rest, slice(written, body.slice(1)), ' ');
    flags.push('separator-missing');
  } else {
    const at = body.findIndex((t) => isId(t.text));
    if (at > 0) {
      studentId = body[at]!.text.normalize('NFKC');
      name = joinName(slice(written, body.slice(0, at)), slice(written, body.slice(at + 1)), '_');
      flags.push('id-not-first');
    } else if (assignment !== null) {
      name = slice(written, body);
    }
  }

  if (studentId === null || name === null || assignment === null) flags.push('name-unrecognised');
  if (assignment !== null && assignment !== expectedAssignment.replace(/^0+(?=\d)/, '')) flags.push('assignment-mismatch');
  return { studentId, name, assignment, copyIndex: marks.copyIndex, flags };
}

/** Splits on runs of `_`, `-` and white space, remembering where each token sits. */
function tokenise(half: string): Token[] {
  const tokens: Token[] = [];
  const re = /[^_\s-]+/g;
  let previousEnd = 0;
  for (let m = re.exec(half); m; m = re.exec(half)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length, before: half.slice(previousEnd, m.index) });
    previousEnd = m.index + m[0].length;
  }
  return tokens;
}

/** The shortest run of leading tokens, joined by single hyphens, that is a student id. */
function leadingId(body: Token[], isId: (text: string) => boolean): { id: string; count: number } | null {
  let candidate = '';
  for (let i = 0; i < body.length; i++) {
    const token = body[i]!;
    if (i > 0 && token.before !== '-') return null;
    candidate = i === 0 ? token.text : `${candidate}-${token.text}`;
    if (isId(candidate)) return { id: candidate.normalize('NFKC'), count: i + 1 };
  }
  return null;
}

/** `2312345山田` → `2312345`: ASCII letters and digits at the start of a token that has more after them. */
function gluedIdPrefix(text: string): string {
  const m = /^[A-Za-z0-9]+(?=[^A-Za-z0-9])/.exec(text);
  return m ? m[0] : '';
}

/** The text as written from the first token's start to the last token's end; null when empty. */
function slice(written: string, tokens: Token[]): string | null {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return null;
  const text = written.slice(first.start, last.end).trim();
  return text === '' ? null : text;
}

function joinName(a: string | null, b: string | null, separator: string): string | null {
  const parts = [a, b].filter((p): p is string => p !== null && p.trim() !== '');
  return parts.length === 0 ? null : parts.map((p) => p.trim()).join(separator);
}
