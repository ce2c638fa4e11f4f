/**
 * Reads a zip (on disk or in memory) into SubmittedFiles. Never throws for bad input: a corrupt archive,
 * a refused entry (zip slip, symlink, encrypted, too large) or a second level of nesting each becomes a
 * SubmittedFile with a problem, so that nothing is lost.
 */
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { SubmittedFile } from '../types.js';
import { isSystemPath, isZipName, placeholderFile, SYSTEM_FILE_PROBLEM, type ReadLimits } from './file-kinds.js';
import { decodeZipName, unsafeZipPathReason } from './zip-name.js';
import { zipEntryTime } from './zip-time.js';

export interface ArchiveContext {
  /** displayPath of the archive itself; entries become `${displayPath}/${entry}`. */
  displayPath: string;
  /** Time and encoding of the archive itself, used for its placeholder and as a fallback entry time. */
  self: Pick<SubmittedFile, 'nameEncoding' | 'modifiedAt' | 'modifiedSource'>;
  tz: string;
  /** 0 for an archive given or found on disk; nested archives at depth 1 are opened, deeper ones are not. */
  depth: number;
  limits: ReadLimits;
  /** Shared byte budget for the whole input. */
  budget: { bytesLeft: number };
}

const MAX_NESTED_DEPTH = 1;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export async function readZipArchive(source: { path: string } | { buffer: Buffer }, ctx: ArchiveContext): Promise<SubmittedFile[]> {
  const selfBytes = 'buffer' in source ? source.buffer : Buffer.alloc(0);
  let zip: ZipFile;
  try {
    const options = { decodeStrings: false, validateEntrySizes: true };
    zip = 'buffer' in source ? await yauzl.fromBufferPromise(source.buffer, options) : await yauzl.openPromise(source.path, options);
  } catch (err) {
    return [placeholderFile(ctx.displayPath, `corrupt or unreadable zip: ${message(err)}`, ctx.self, selfBytes)];
  }
  const files: SubmittedFile[] = [];
  let fileEntries = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (fileEntries >= ctx.limits.maxEntriesPerArchive) {
        files.push(placeholderFile(ctx.displayPath, `more than ${ctx.limits.maxEntriesPerArchive} entries: the rest were not read`, ctx.self));
        break;
      }
      const before = files.length;
      files.push(...(await readEntry(zip, entry, ctx)));
      if (files.length > before) fileEntries += 1;
    }
  } catch (err) {
    files.push(placeholderFile(ctx.displayPath, `zip partly unreadable: ${message(err)}`, ctx.self, selfBytes));
  } finally {
    zip.close();
  }
  if (files.length === 0) return [placeholderFile(ctx.displayPath, 'zip contains no files', ctx.self, selfBytes)];
  return files;
}

async function readEntry(zip: ZipFile, entry: Entry, ctx: ArchiveContext): Promise<SubmittedFile[]> {
  // With decodeStrings: false yauzl leaves the name as raw bytes in fileNameRaw.
  const name = decodeZipName(entry.fileNameRaw, entry.generalPurposeBitFlag);
  if (name.path.endsWith('/')) return [];
  const displayPath = `${ctx.displayPath}/${name.path}`;
  const time = zipEntryTime(entry, ctx.tz);
  const base: Pick<SubmittedFile, 'nameEncoding' | 'modifiedAt' | 'modifiedSource'> = time
    ? { nameEncoding: name.encoding, modifiedAt: time.date, modifiedSource: 'zip-entry' }
    : { nameEncoding: name.encoding, modifiedAt: ctx.self.modifiedAt, modifiedSource: ctx.self.modifiedSource };
  const refuse = (problem: string): SubmittedFile[] => [placeholderFile(displayPath, problem, base)];

  const unsafe = unsafeZipPathReason(name.path);
  if (unsafe) return refuse(`refused: ${unsafe}; not read`);
  if (isSymlink(entry)) return refuse('symbolic link in zip: not followed');
  if (entry.isEncrypted()) return refuse('encrypted zip entry: cannot be read');
  if (!entry.canDecodeFileData()) return refuse(`unsupported compression method ${entry.compressionMethod}: cannot be read`);
  if (entry.uncompressedSize > ctx.limits.maxFileBytes) {
    return refuse(`too large: ${entry.uncompressedSize} bytes uncompressed (limit ${ctx.limits.maxFileBytes}); not read`);
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > ctx.limits.ratioCheckFromBytes && ratio > ctx.limits.maxCompressionRatio) {
    return refuse(`refused: compression ratio ${Math.round(ratio)}:1 (limit ${ctx.limits.maxCompressionRatio}:1), a suspected zip bomb; not read`);
  }
  if (entry.uncompressedSize > ctx.budget.bytesLeft) return refuse('total size limit of the input reached; not read');
  ctx.budget.bytesLeft -= entry.uncompressedSize;

  let bytes: Buffer;
  try {
    bytes = await readAll(await zip.openReadStreamPromise(entry));
  } catch (err) {
    return refuse(`could not read zip entry: ${message(err)}`);
  }
  const problems: string[] = [];
  if (!time) problems.push('invalid date/time in zip entry: the archive time is used');
  const crcMismatch = typeof zlib.crc32 === 'function' && zlib.crc32(bytes) !== entry.crc32;
  if (crcMismatch) problems.push('CRC mismatch: data may be corrupt');

  if (isSystemPath(displayPath)) problems.push(SYSTEM_FILE_PROBLEM);
  else if (isZipName(name.path) && !crcMismatch) {
    if (ctx.depth < MAX_NESTED_DEPTH) {
      const nested = { ...ctx, displayPath, self: base, depth: ctx.depth + 1 };
      return readZipArchive({ buffer: bytes }, nested);
    }
    problems.push('zip nested more than one level deep: not opened');
  }
  return [{ displayPath, fileName: displayPath.slice(displayPath.lastIndexOf('/') + 1), bytes, ...base, problems }];
}

function isSymlink(entry: Entry): boolean {
  const madeByUnix = entry.versionMadeBy >> 8 === 3;
  return madeByUnix && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
