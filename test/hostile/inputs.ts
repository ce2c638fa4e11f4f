/**
 * The committed part of the hostile corpus (fixtures/hostile-inputs/): small files, each built here so
 * that the bytes are documented in code. `npx tsx test/hostile/make-hostile-inputs.ts` writes them.
 * Names that some file systems refuse (`"`, `|`, `\`, control characters) only occur inside zips.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeZip } from '../helpers/zip-writer.js';

export interface CommittedInput {
  name: string;
  what: string;
  bytes: Buffer;
}

/** A one-cell notebook that reads and grades (to a low score). */
export function tinyNotebook(source = 'print(1)', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source, outputs: [{ output_type: 'stream', name: 'stdout', text: '1\n' }] }],
    ...extra,
  };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
const tiny = (): Buffer => json(tinyNotebook());

/** Sets the uncompressed size of a one-entry zip to `size` in both headers (the data stays as it is). */
function lieAboutSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  out.writeUInt32LE(size, 22);
  out.writeUInt32LE(size, out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
  return out;
}

function deepJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

function fixtureBytes(nfcName: string): Buffer {
  const dir = join(import.meta.dirname, '../../fixtures/submissions');
  const stored = readdirSync(dir).find((name) => name.normalize('NFC') === nfcName) ?? nfcName;
  return readFileSync(join(dir, stored));
}

export function committedInputs(): CommittedInput[] {
  const html = tinyNotebook('from IPython.display import HTML\nHTML("<script>alert(1)</script>")');
  (html['cells'] as Record<string, unknown>[]).push(
    { cell_type: 'markdown', metadata: {}, source: '<img src=x onerror="alert(2)"> <script>alert(3)</script>' },
    {
      cell_type: 'code',
      execution_count: 2,
      metadata: {},
      source: 'display(js)',
      outputs: [{ output_type: 'display_data', metadata: {}, data: { 'text/html': '<script>alert(4)</script><iframe src="javascript:alert(5)">', 'application/javascript': 'alert(6)', 'text/plain': '=HYPERLINK("http://evil.example")' } }],
    },
  );
  const typed = { nbformat: 4, nbformat_minor: 5, metadata: null, cells: [{ cell_type: 7, source: 123, execution_count: '1', metadata: null, outputs: 'none' }, null, 'cell', { cell_type: 'code', source: ['print(', 2, ')'], outputs: [null, { output_type: 'stream', text: 5 }] }] };
  const deep = `{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"source":"x","outputs":[{"output_type":"display_data","metadata":{},"data":{"application/json":${deepJson(20000)},"text/plain":"deep"}}]}]}`;
  const invalidUtf8 = Buffer.concat([Buffer.from('{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"markdown","metadata":{},"source":"Shift_JIS: '), Buffer.from([0x82, 0xa0, 0x82, 0xa2, 0xff]), Buffer.from(`"},${JSON.stringify(tinyNotebook()['cells']).slice(1)}}`)]);
  const duplicateKeys = '{"nbformat":5,"cells":[],"metadata":{},"nbformat_minor":5,"nbformat":4,"cells":' + JSON.stringify(tinyNotebook()['cells']) + '}';
  const good = (path: string): { name: string; data: Buffer } => ({ name: path, data: tiny() });
  return [
    { name: '2312320_BOM付き_4.ipynb', what: 'UTF-8 with a byte order mark', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), tiny()]) },
    { name: '2312321_UTF16LE_4.ipynb', what: 'UTF-16 LE with BOM (a Windows editor)', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(tinyNotebook()), 'utf16le')]) },
    { name: '2312322_UTF16BE_4.ipynb', what: 'UTF-16 BE with BOM', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(JSON.stringify(tinyNotebook()), 'utf16le').swap16()]) },
    { name: '2312323_不正UTF8_4.ipynb', what: 'Shift_JIS bytes and 0xFF inside a JSON string: not UTF-8', bytes: invalidUtf8 },
    { name: '2312324_重複キー_4.ipynb', what: 'duplicate keys "nbformat" and "cells": the last wins, as in Python\'s json (what Jupyter shows)', bytes: Buffer.from(duplicateKeys) },
    { name: '2312325_nbformat5_4.ipynb', what: 'nbformat 5 (does not exist yet)', bytes: json({ ...tinyNotebook(), nbformat: 5 }) },
    { name: '2312326_nbformat文字列_4.ipynb', what: 'nbformat "4" as a string', bytes: json({ ...tinyNotebook(), nbformat: '4' }) },
    { name: '2312327_HTML_4.ipynb', what: 'script, iframe and onerror HTML and JavaScript in outputs and markdown', bytes: json(html) },
    { name: '2312328_深いJSON_4.ipynb', what: 'a JSON array nested 20,000 deep inside an output', bytes: Buffer.from(deep) },
    { name: '2312329_型違い_4.ipynb', what: 'cells and outputs of the wrong JSON types', bytes: json(typed) },
    { name: '2312330_正常_4.ipynb', what: 'a small notebook that reads (the control)', bytes: tiny() },
    { name: '2312331_山田太郎_4.ipynb', what: 'a complete lecture notebook (fixtures/submissions): full marks amid the rest', bytes: fixtureBytes('2312001_山田太郎_4.ipynb') },
    { name: '2312332_セル一覧なし_4.ipynb', what: '"cells" is an object', bytes: json({ ...tinyNotebook(), cells: {} }) },
    {
      name: 'zip-slip.zip',
      what: 'zip slip: `../`, absolute and drive-letter entry names, and one good entry',
      bytes: makeZip([
        { name: '../../2312301_脱出_4.ipynb', data: tiny() },
        { name: '/tmp/2312302_絶対_4.ipynb', data: tiny() },
        { name: 'C:\\Users\\x\\2312303_ドライブ_4.ipynb', data: tiny() },
        { name: 'ok/2312304_正常_4.ipynb', data: tiny() },
      ]),
    },
    { name: 'zip-symlink.zip', what: 'a symbolic link entry (to /etc/passwd) and a good entry', bytes: makeZip([{ name: '2312305_リンク_4.ipynb', data: '/etc/passwd', unixMode: 0o120777, deflate: false }, good('2312306_正常_4.ipynb')]) },
    { name: 'empty.zip', what: 'an empty zip (only the end record)', bytes: makeZip([]) },
    { name: 'not-a-zip.zip', what: 'text named .zip', bytes: Buffer.from('this is not a zip archive\n') },
    { name: 'nested.zip', what: 'a zip in a zip in a zip: the second level is not opened', bytes: makeZip([{ name: 'level1.zip', data: makeZip([{ name: 'level2.zip', data: makeZip([good('2312307_深い_4.ipynb')]) }, good('2312308_一段_4.ipynb')]) }]) },
    { name: 'lying-size.zip', what: 'an entry that inflates beyond the size its headers declare', bytes: lieAboutSize(makeZip([{ name: '2312309_嘘_4.ipynb', data: Buffer.alloc(1 << 20, 0x20) }]), 100) },
    {
      name: 'hostile-names.zip',
      what: 'formula-injection, tab, newline, backslash, markup and NUL characters in names',
      bytes: makeZip([
        good('=HYPERLINK("http://evil.example")_4.ipynb'),
        good("2312310_=cmd|' /C calc'!A0_4.ipynb"),
        good('2312311_+SUM(1+1)_4.ipynb'),
        good('2312312_@SUM(A1)_4.ipynb'),
        good('2312313_-1+2_4.ipynb'),
        good('2312314_タブ\t名前_4.ipynb'),
        good('2312315_改行\r\n名前_4.ipynb'),
        good('dir\\2312316_バックスラッシュ_4.ipynb'),
        good('2312317_<script>alert(1)</script>_4.ipynb'),
        good('2312318_NUL\u0000_4.ipynb'),
      ]),
    },
  ];
}
