/**
 * .ipynb bytes → Notebook. Never throws: every failure comes back as a reason in plain English.
 * Supports nbformat 4.0–4.x and nbformat 3 (worksheets).
 */
import type { INotebookContent } from '@jupyterlab/nbformat';
import type { Notebook } from '../../types.js';
import { convertCell } from './cells.js';
import { cellsFromWorksheets } from './v3.js';
import { hasColabNotebookMetadata, isRecord, notebookAccelerator, notebookKernel } from './colab-metadata.js';

/** More cells than any real notebook has: beyond this the reading time would grow without purpose. */
export const MAX_CELLS = 10_000;

export type ParseNotebookResult = { ok: true; notebook: Notebook } | { ok: false; reason: string };

export function parseNotebook(bytes: Uint8Array | string): ParseNotebookResult {
  try {
    return parseUnchecked(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `The notebook could not be read (${detail}).` };
  }
}

function parseUnchecked(bytes: Uint8Array | string): ParseNotebookResult {
  const fail = (reason: string): ParseNotebookResult => ({ ok: false, reason });
  if (typeof bytes !== 'string' && bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return fail('The file is a zip archive, not a notebook (.ipynb files are JSON text).');
  }
  const decoded = decode(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fail('The file is empty.');

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = describeJsonError(error, text);
    if (looksLikePythonSource(text)) return fail(`The file is Python source (a .py export?), not a notebook: it is not valid JSON (${detail}).`);
    return fail(`The file is not valid JSON: ${detail}.`);
  }
  if (!isRecord(json)) return fail(`The file is JSON but not a notebook: expected an object, found ${describeJsonType(json)}.`);

  const content = json as Partial<INotebookContent>;
  const major = content.nbformat;
  if (major === undefined) return fail('The file has no "nbformat" version, so it is not a Jupyter notebook.');
  if (typeof major !== 'number' || !Number.isInteger(major)) return fail(`The notebook's "nbformat" version (${JSON.stringify(major)}) is not a whole number.`);
  if (major < 3 || major > 4) return fail(`Unsupported notebook format version ${major} (this tool reads nbformat 3 and 4).`);
  const minor = typeof content.nbformat_minor === 'number' ? content.nbformat_minor : 0;

  const rawCells = major === 3 ? cellsFromWorksheets(json['worksheets']) : json['cells'];
  if (rawCells === undefined || rawCells === null) {
    return fail(major === 3 ? 'The notebook (nbformat 3) has no "worksheets" list.' : 'The notebook has no "cells" list.');
  }
  if (!Array.isArray(rawCells)) return fail('The notebook\'s "cells" value is not a list.');
  if (rawCells.length === 0) return fail('The notebook has no cells.');
  if (rawCells.length > MAX_CELLS) {
    return fail(`The notebook has ${rawCells.length} cells; notebooks with more than ${MAX_CELLS} cells are not read (the assignment has about 20).`);
  }

  const cells = rawCells.map((cell, index) => convertCell(cell, index));
  const metadata = content.metadata;
  return {
    ok: true,
    notebook: {
      nbformat: `${major}.${minor}`,
      cells,
      colab: hasColabNotebookMetadata(metadata) || cells.some((cell) => cell.colab !== undefined),
      accelerator: notebookAccelerator(metadata),
      kernel: notebookKernel(metadata),
      invalidUtf8At: decoded.invalidUtf8At,
    },
  };
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * UTF-8 (with or without BOM); UTF-16 LE or BE when the file starts with its BOM (Windows editors). The
 * bytes are decoded once: bytes that are not UTF-8 become U+FFFD, and where the text holds a U+FFFD the
 * first invalid byte is looked for (a file may also hold U+FFFD itself, validly encoded).
 */
function decode(bytes: Uint8Array | string): { text: string; invalidUtf8At: number | null } {
  if (typeof bytes === 'string') return { text: bytes, invalidUtf8At: null };
  // ignoreBOM: a BOM is handled here (and by the caller), never dropped twice
  const utf16 = (encoding: 'utf-16le' | 'utf-16be'): string => new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16('utf-16le'), invalidUtf8At: null };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16('utf-16be'), invalidUtf8At: null };
  const text = UTF8.decode(bytes);
  return { text, invalidUtf8At: text.includes('\uFFFD') ? firstInvalidUtf8Byte(bytes) : null };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or null. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | null {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    // the length of the sequence, and the range its second byte must lie in (no overlongs, surrogates or > U+10FFFF)
    const [length, low, high] =
      lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf]
      : lead === 0xed ? [3, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
      : lead === 0xf0 ? [4, 0x90, 0xbf]
      : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
      : lead === 0xf4 ? [4, 0x80, 0x8f]
      : [0, 0, 0];
    if (length === 0) return at;
    for (let k = 1; k < length; k++) {
      const byte = bytes[at + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return at;
    }
    at += length;
  }
  return null;
}

/**
 * Text that is not JSON and opens like a Python file (a `.py` saved or renamed as `.ipynb`, Colab's
 * "Download .py"): its first line that is not blank is a comment (`#`, `#!/usr/bin/env python`,
 * `# -*- coding: utf-8 -*-`, `# %%`), an import (`import x`, `from x import y`), a docstring, a `def`,
 * a `class` or a decorator. Text with control characters or undecodable bytes near its start is binary.
 */
function looksLikePythonSource(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(head)) return false; // binary, or not UTF-8 text
  const first = /^[ \t\r\n]*([^\r\n]*)/.exec(head)![1]!;
  return /^(?:#|import[ \t]+[A-Za-z_]|from[ \t]+\.*[A-Za-z_][\w.]*[ \t]+import\b|[rRuU]?(?:"""|''')|def[ \t]+[A-Za-z_]\w*[ \t]*\(|class[ \t]+[A-Za-z_]\w*[ \t]*[:(]|@[A-Za-z_])/.test(first);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** V8's message, with its character position turned into a line and column. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const headline = message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ after JSON at position \d+.*$/, ' after the JSON value');
  const position = errorPosition(message, text);
  if (position === null) {
    if (/end of (JSON|data)/i.test(message)) return 'the text ends unexpectedly (the file looks cut off)';
    return headline;
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${headline} at line ${line}, column ${column}`;
}

/** "at position N", or the position of V8's quoted context (`Unexpected token 'x', ..."ab": x, "c"...`). */
function errorPosition(message: string, text: string): number | null {
  const explicit = /at position (\d+)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const token = /^Unexpected token '(.+?)', (.*) is not valid JSON$/s.exec(message);
  if (!token) return null;
  let snippet = token[2]!;
  const lead = snippet.startsWith('...');
  if (lead) snippet = snippet.slice(3);
  if (snippet.endsWith('...')) snippet = snippet.slice(0, -3);
  snippet = snippet.replace(/^"/, '').replace(/"$/, '');
  const at = text.indexOf(snippet);
  if (at < 0) return null;
  const offset = lead ? 10 : snippet.indexOf(token[1]!);
  return offset < 0 ? null : at + offset;
}
