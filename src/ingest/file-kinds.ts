/** Small predicates and messages on paths, shared by the folder walk and the zip reader. */
import type { SubmittedFile } from '../types.js';

export interface ReadLimits {
  /** Largest file or entry (uncompressed) that is read into memory. */
  maxFileBytes: number;
  /** Total uncompressed bytes read from one input (all archives together). */
  maxTotalBytes: number;
  /** Entries read from one archive; the rest are recorded as one problem. */
  maxEntriesPerArchive: number;
  /**
   * Largest uncompressed ÷ compressed size of a zip entry bigger than `ratioCheckFromBytes` (a zip bomb
   * packs gigabytes at ratios near deflate's limit of 1032; notebooks compress about 3–30 times).
   */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxEntriesPerArchive: 20000,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
};

export const SYSTEM_FILE_PROBLEM = 'system or hidden file (.DS_Store, __MACOSX/, ._*, dot-folder): not a submission';

/** Dot-files, anything under a dot-folder or `__MACOSX/`. `..` is not a dot-file: such a zip entry is refused (zip slip), not hidden. */
export function isSystemPath(displayPath: string): boolean {
  return displayPath.split('/').some((part) => part === '__MACOSX' || (part.startsWith('.') && part.length > 1 && part !== '..'));
}

export function isZipName(fileName: string): boolean {
  return /\.zip$/i.test(fileName);
}

export function baseName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

/** A SubmittedFile without content, standing in for something that could not or must not be read. */
export function placeholderFile(
  displayPath: string,
  problem: string,
  base: Pick<SubmittedFile, 'nameEncoding' | 'modifiedAt' | 'modifiedSource'>,
  bytes: Buffer = Buffer.alloc(0),
): SubmittedFile {
  return { displayPath, fileName: baseName(displayPath), bytes, ...base, problems: [problem] };
}

