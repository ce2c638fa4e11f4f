import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/ingest/discover.js';
import { SYSTEM_FILE_PROBLEM } from '../../src/ingest/file-kinds.js';
import { makeZip } from '../helpers/zip-writer.js';

const TZ = 'Asia/Tokyo';
const sjis = (s: string): Buffer => iconv.encode(s, 'cp932');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(rel: string, data: Buffer | string): Promise<string> {
  const full = join(root, rel);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, data);
  return full;
}

describe('discoverFiles: folders', () => {
  it('walks nested folders, NFC-normalises NFD names, keeps system files with a problem, sorts by path', async () => {
    const nfdName = '2312345_ダイスケ_4.ipynb'.normalize('NFD');
    const nb = await put(`b/${nfdName}`, '{}');
    await utimes(nb, new Date('2023-11-16T13:38:17Z'), new Date('2023-11-16T13:38:17Z'));
    await put('a/deep/er/2400001_佐藤_4.ipynb', '{"x":1}');
    await put('.DS_Store', 'junk');
    await put('a/.ipynb_checkpoints/2400001_佐藤_4-checkpoint.ipynb', '{}');

    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => f.displayPath)).toEqual([
      '.DS_Store',
      'a/.ipynb_checkpoints/2400001_佐藤_4-checkpoint.ipynb',
      'a/deep/er/2400001_佐藤_4.ipynb',
      'b/2312345_ダイスケ_4.ipynb',
    ]);
    const dais = files[3]!;
    expect(dais.fileName).toBe('2312345_ダイスケ_4.ipynb');
    expect(dais.fileName).toBe(dais.fileName.normalize('NFC'));
    expect(dais.nameEncoding).toBe('filesystem');
    expect(dais.modifiedSource).toBe('file-mtime');
    expect(dais.modifiedAt.toISOString()).toBe('2023-11-16T13:38:17.000Z');
    expect(dais.problems).toEqual([]);
    expect(files[0]!.problems).toEqual([SYSTEM_FILE_PROBLEM]);
    expect(files[1]!.problems).toEqual([SYSTEM_FILE_PROBLEM]);
    expect(files[2]!.bytes.toString()).toBe('{"x":1}');
  });

  it('records symlinks and oversized files as placeholders instead of reading them', async () => {
    await put('big.ipynb', Buffer.alloc(2048));
    await symlink('/etc/passwd', join(root, 'link.ipynb'));
    const files = await discoverFiles(root, { tz: TZ, limits: { maxFileBytes: 1024 } });
    expect(files.map((f) => [f.displayPath, f.bytes.length, f.problems[0]?.split(':')[0]])).toEqual([
      ['big.ipynb', 0, 'too large'],
      ['link.ipynb', 0, 'symbolic link'],
    ]);
  });

  it('keeps displayPaths unique when NFC and NFD spellings of one name both exist', async () => {
    const name = '2312345_ダイスケ_4.ipynb';
    await put(name.normalize('NFC'), 'nfc');
    await put(name.normalize('NFD'), 'nfd');
    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => f.displayPath)).toEqual([name, `${name} #2`]);
    expect(files.map((f) => f.fileName)).toEqual([name, name]);
  });

  it('follows a symlinked input folder and reports a missing one clearly', async () => {
    await put('real/2312345_山田_4.ipynb', '{}');
    await symlink(join(root, 'real'), join(root, 'alias'));
    expect((await discoverFiles(join(root, 'alias'), { tz: TZ })).map((f) => f.displayPath)).toEqual(['2312345_山田_4.ipynb']);
    await expect(discoverFiles(join(root, 'missing'), { tz: TZ })).rejects.toThrow(/cannot read the submissions at .*missing/);
  });

  it('accepts a single file as input', async () => {
    const full = await put('2312345_山田_4.ipynb', '{}');
    const files = await discoverFiles(full, { tz: TZ });
    expect(files.map((f) => f.displayPath)).toEqual(['2312345_山田_4.ipynb']);
  });
});

describe('discoverFiles: zips', () => {
  it('decodes CP932 names without the flag, UTF-8 with the flag, and strict UTF-8 without it', async () => {
    const zip = makeZip([
      { name: sjis('2312345_山田ソウタ_4.ipynb'), data: 'a', utf8Flag: false },
      { name: '2400002_表示_4.ipynb', data: 'b' },
      { name: Buffer.from('2400003_佐藤_4.ipynb', 'utf8'), data: 'c', utf8Flag: false },
      { name: sjis('提出物\\2400004_鈴木_4.ipynb'), data: 'd', utf8Flag: false },
    ]);
    await put('all.zip', zip);
    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => [f.displayPath, f.fileName, f.nameEncoding, f.bytes.toString()])).toEqual([
      ['all.zip/2312345_山田ソウタ_4.ipynb', '2312345_山田ソウタ_4.ipynb', 'cp932', 'a'],
      ['all.zip/2400002_表示_4.ipynb', '2400002_表示_4.ipynb', 'utf8-flag', 'b'],
      ['all.zip/2400003_佐藤_4.ipynb', '2400003_佐藤_4.ipynb', 'utf8', 'c'],
      ['all.zip/提出物/2400004_鈴木_4.ipynb', '2400004_鈴木_4.ipynb', 'cp932', 'd'],
    ]);
  });

  it('keeps displayPaths unique when a zip holds one name twice', async () => {
    await put('dup.zip', makeZip([{ name: 'a.ipynb', data: 'one' }, { name: 'a.ipynb', data: 'two' }]));
    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => [f.displayPath, f.bytes.toString()])).toEqual([
      ['dup.zip/a.ipynb', 'one'],
      ['dup.zip/a.ipynb #2', 'two'],
    ]);
  });

  it('NFC-normalises NFD names from macOS zips', async () => {
    await put('mac.zip', makeZip([{ name: '2312345_ダイスケ_4.ipynb'.normalize('NFD'), data: '{}' }]));
    const [file] = await discoverFiles(root, { tz: TZ });
    expect(file!.displayPath).toBe('mac.zip/2312345_ダイスケ_4.ipynb');
  });

  it('reads DOS entry times as wall-clock time in the grading zone', async () => {
    const time = { y: 2023, mo: 11, d: 16, h: 23, mi: 59, s: 58 };
    await put('t.zip', makeZip([{ name: 'x.ipynb', data: '{}', time }]));
    const [tokyo] = await discoverFiles(root, { tz: 'Asia/Tokyo' });
    expect(tokyo!.modifiedSource).toBe('zip-entry');
    expect(tokyo!.modifiedAt.toISOString()).toBe('2023-11-16T14:59:58.000Z');
    const [utc] = await discoverFiles(root, { tz: 'UTC' });
    expect(utc!.modifiedAt.toISOString()).toBe('2023-11-16T23:59:58.000Z');
  });

  it('opens a zip given as input, a zip inside it one level, but not deeper', async () => {
    const deepest = makeZip([{ name: 'x.ipynb', data: 'deep' }]);
    const inner = makeZip([
      { name: 'sub/2400001_佐藤_4.ipynb', data: 'inner' },
      { name: 'deeper.zip', data: deepest },
    ]);
    const outer = makeZip([
      { name: '2312345_山田_4.ipynb', data: 'outer' },
      { name: 'students/inner.zip', data: inner },
      { name: '__MACOSX/._2312345_山田_4.ipynb', data: 'apple' },
      { name: 'folder/', data: '' },
    ]);
    const path = await put('download.zip', outer);
    const files = await discoverFiles(path, { tz: TZ });
    expect(files.map((f) => [f.displayPath, f.bytes.toString(), f.problems])).toEqual([
      ['download.zip/2312345_山田_4.ipynb', 'outer', []],
      ['download.zip/__MACOSX/._2312345_山田_4.ipynb', 'apple', [SYSTEM_FILE_PROBLEM]],
      ['download.zip/students/inner.zip/deeper.zip', deepest.toString(), ['zip nested more than one level deep: not opened']],
      ['download.zip/students/inner.zip/sub/2400001_佐藤_4.ipynb', 'inner', []],
    ]);
  });

  it('refuses zip-slip entries, symlinks and oversized entries with placeholders', async () => {
    await put('evil.zip', makeZip([
      { name: '../../etc/2312345_山田_4.ipynb', data: 'x' },
      { name: '/abs/path.ipynb', data: 'x' },
      { name: 'C:/win/path.ipynb', data: 'x' },
      { name: sjis('..\\up.ipynb'), data: 'x', utf8Flag: false },
      { name: 'link.ipynb', data: '/etc/passwd', unixMode: 0o120777 },
      { name: 'big.ipynb', data: Buffer.alloc(5000) },
      { name: 'ok.ipynb', data: 'fine' },
    ]));
    const files = await discoverFiles(root, { tz: TZ, limits: { maxFileBytes: 4096 } });
    const summary = files.map((f) => [f.displayPath, f.fileName, f.bytes.length, f.problems.join('; ')]);
    expect(summary).toEqual([
      ['evil.zip/../../etc/2312345_山田_4.ipynb', '2312345_山田_4.ipynb', 0, 'refused: path with ".." in archive; not read'],
      ['evil.zip/../up.ipynb', 'up.ipynb', 0, 'refused: path with ".." in archive; not read'],
      ['evil.zip//abs/path.ipynb', 'path.ipynb', 0, 'refused: absolute path in archive; not read'],
      ['evil.zip/C:/win/path.ipynb', 'path.ipynb', 0, 'refused: absolute path in archive; not read'],
      ['evil.zip/big.ipynb', 'big.ipynb', 0, 'too large: 5000 bytes uncompressed (limit 4096); not read'],
      ['evil.zip/link.ipynb', 'link.ipynb', 0, 'symbolic link in zip: not followed'],
      ['evil.zip/ok.ipynb', 'ok.ipynb', 4, ''],
    ]);
  });

  it('turns a corrupt or empty zip into one file with a problem, and goes on', async () => {
    await put('bad.zip', Buffer.from('PK\u0003\u0004 this is not really a zip'));
    const truncated = makeZip([{ name: 'a.ipynb', data: 'hello world '.repeat(50) }]);
    await put('cut.zip', truncated.subarray(0, 40));
    await put('empty.zip', makeZip([]));
    await put('2312345_山田_4.ipynb', '{}');
    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => [f.displayPath, f.problems.length])).toEqual([
      ['2312345_山田_4.ipynb', 0],
      ['bad.zip', 1],
      ['cut.zip', 1],
      ['empty.zip', 1],
    ]);
    expect(files[1]!.problems[0]).toMatch(/^corrupt or unreadable zip: /);
    expect(files[1]!.modifiedSource).toBe('file-mtime');
    expect(files[3]!.problems[0]).toBe('zip contains no files');
  });

  it('records a corrupt entry (bad deflate data) without losing the others', async () => {
    const zip = makeZip([
      { name: 'a.ipynb', data: 'first entry '.repeat(20) },
      { name: 'b.ipynb', data: 'second' },
    ]);
    // Overwrite the middle of a.ipynb's deflated data.
    zip.fill(0xff, 40, 50);
    await put('damaged.zip', zip);
    const files = await discoverFiles(root, { tz: TZ });
    expect(files.map((f) => f.displayPath)).toEqual(['damaged.zip/a.ipynb', 'damaged.zip/b.ipynb']);
    expect(files[0]!.problems.length).toBe(1);
    expect(files[1]!.problems).toEqual([]);
  });

  it('records a CRC mismatch on a stored entry but keeps its bytes', async () => {
    const zip = makeZip([{ name: 'a.ipynb', data: 'abcdefgh', deflate: false }]);
    zip[30 + 'a.ipynb'.length] = 0x41; // first data byte of the local entry
    await put('crc.zip', zip);
    const [file] = await discoverFiles(root, { tz: TZ });
    expect(file!.bytes.toString()).toBe('Abcdefgh');
    expect(file!.problems).toEqual(['CRC mismatch: data may be corrupt']);
  });
});
