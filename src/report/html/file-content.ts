/**
 * What a file that was not graded holds, for its page: a late or superseded notebook as a notebook
 * (read for display only, never scored), an unreadable one as the readable start of its text and the
 * place where it breaks, a .py as highlighted code, other text as text, a PNG/JPEG (signature checked)
 * as an image, anything else by its size and first bytes. The bytes come from the input again
 * (`readContents`), since the run keeps only what grading needs. Everything is escaped text.
 */
import { parseNotebook } from '../../core/notebook/parse.js';
import { discoverFiles } from '../../ingest/discover.js';
import type { GradeRow } from '../../types.js';
import { html, type Raw } from './escape.js';
import { renderSource, renderTextLines, splitLines } from './lines.js';
import { notebookView } from './notebook-view.js';

/** Longest text shown from a file that was not graded. */
const MAX_SHOWN = 200_000;
/** Lines shown from the start of an unreadable file, and before the place where it breaks. */
const HEAD_LINES = 30;
const BEFORE_BREAK = 12;

/** Rows whose page shows the file's content: every row with a file that has no parsed notebook. */
export const needsContent = (row: GradeRow): boolean => row.file !== '' && row.notebook === null && !row.flags.includes('system-file');

/** The bytes of the files whose pages show their content, read again from the input (a folder or a zip). */
export async function readContents(input: string, tz: string, rows: readonly GradeRow[]): Promise<Map<string, Uint8Array>> {
  const wanted = new Set(rows.filter(needsContent).map((row) => row.file));
  if (wanted.size === 0) return new Map();
  const files = await discoverFiles(input, { tz });
  return new Map(files.filter((f) => wanted.has(f.displayPath) && f.problems.length === 0).map((f) => [f.displayPath, new Uint8Array(f.bytes)]));
}

function decode(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) if (b === 0 || (b < 9 && b !== 0)) control++;
  return control > 0;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const starts = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** Where JSON.parse gives up, as an index into the text (the end for a file cut short). */
export function jsonBreak(text: string): number | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const at = /position (\d+)/.exec(message);
    if (at) return Math.min(Number(at[1]), text.length);
    return /end of (JSON )?input/i.test(message) ? text.length : null;
  }
}

function unreadableText(text: string): Raw {
  if (text.trim() === '') return html`<p class="warn">ファイルは空です(中身がありません)。</p>`;
  const at = jsonBreak(text);
  const shown = text.slice(0, Math.min(MAX_SHOWN, at ?? text.length));
  const lines = splitLines(shown);
  const breakLine = text.slice(0, at ?? 0).split('\n').length;
  const where =
    at === null
      ? html`<p class="note">JSON としては読めますが、ノートブックの形(nbformat、cells)になっていません。先頭を表示します。</p>`
      : at >= text.length
        ? html`<p class="note">ファイルは ${text.length.toLocaleString('en-US')} 文字目(${breakLine} 行目)で途切れています: JSON が閉じないまま終わっています(保存やダウンロードが途中で止まった可能性)。</p>`
        : html`<p class="note">${(at + 1).toLocaleString('en-US')} 文字目(${breakLine} 行目)で JSON として読めなくなります。</p>`;
  const head = lines.slice(0, HEAD_LINES).join('\n');
  const tailStart = Math.max(HEAD_LINES, lines.length - BEFORE_BREAK);
  const tail = lines.length > HEAD_LINES ? lines.slice(tailStart) : [];
  const breakMark = at !== null ? html`<pre class="out error break">⟵ ここで${at >= text.length ? '途切れています' : '読めなくなります'}${at < text.length ? `: 「${text.slice(at, at + 40)}」` : ''}</pre>` : '';
  return html`${where}<h3>読める部分の先頭</h3>${renderTextLines(head, 1, new Set(), 'file-text')}${
    tail.length > 0 ? html`<p class="omitted">… ${tailStart - HEAD_LINES} 行省略 …</p><h3>読めなくなる直前(${tailStart + 1} 行目から)</h3>${renderTextLines(tail.join('\n'), tailStart + 1, new Set([lines.length]), 'file-text')}` : ''
  }${breakMark}`;
}

/** The content section of a page for a file that was not graded. */
export function fileContent(row: GradeRow, bytes: Uint8Array | undefined): Raw {
  if (!needsContent(row)) return html``;
  if (!bytes) return html`<section id="content"><h2>ファイルの内容</h2><p class="muted">内容はこのレポートには含めていません${row.status === 'unreadable' && row.reason ? `(${row.reason})` : '(読み込み元のフォルダーや zip を指定して作成したレポートにだけ表示されます)'}。</p></section>`;
  const name = row.file.toLowerCase();
  let body: Raw;
  if (starts(bytes, PNG) || starts(bytes, JPEG)) {
    const mime = starts(bytes, PNG) ? 'image/png' : 'image/jpeg';
    body = html`<img class="out-img" alt="提出された画像" src="${`data:${mime};base64,${Buffer.from(bytes).toString('base64')}`}">`;
  } else if (isBinary(bytes)) {
    const head = [...bytes.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 8)).replace(/[^\x20-\x7e]/g, '.');
    body = html`<p class="muted">バイナリファイル(${bytes.length.toLocaleString('en-US')} バイト)。先頭: <code>${head}</code>(「${magic}」)。ここには表示できません。</p>`;
  } else {
    const text = decode(bytes);
    const cut = text.length > MAX_SHOWN ? html`<p class="omitted">(長いため先頭 ${MAX_SHOWN.toLocaleString('en-US')} 文字だけ表示)</p>` : '';
    if (name.endsWith('.ipynb') && row.status !== 'unreadable') {
      const parsed = parseNotebook(bytes);
      body = parsed.ok
        ? html`<p class="note">表示のためだけに読み込みました(採点していません)。</p>${notebookView(parsed.notebook, new Map())}`
        : unreadableText(text);
    } else if (row.status === 'unreadable') {
      body = unreadableText(text);
    } else if (name.endsWith('.py')) {
      body = html`<p class="note">Python のファイルです(Colab の「.py をダウンロード」で保存したもの)。ノートブックではないため、出力はありません。</p>${renderSource(text.slice(0, MAX_SHOWN), new Set())}${cut}`;
    } else {
      body = html`${renderTextLines(text.slice(0, MAX_SHOWN), 1, new Set(), 'file-text')}${cut}`;
    }
  }
  const what = row.status === 'superseded' ? '差し替えられたノートブック' : row.status === 'late' ? '締め切り後に提出されたノートブック' : 'ファイルの内容';
  return html`<section id="content"><h2>${what}</h2>${body}</section>`;
}
