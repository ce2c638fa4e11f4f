/**
 * Zip entry names: decoding of the raw bytes (flag bit 11 → UTF-8; else strict UTF-8 if valid; else
 * CP932) and the safety check that refuses absolute paths and `..` segments (zip slip).
 */
import type { SubmittedFile } from '../types.js';
import { decodeCp932, isValidUtf8 } from './text-encoding.js';

/** General-purpose bit 11: the name and comment are UTF-8. */
export const ZIP_UTF8_FLAG = 0x0800;

export interface DecodedZipName {
  /** NFC-normalised, with Windows `\` separators turned into `/`. */
  path: string;
  encoding: SubmittedFile['nameEncoding'];
}

/**
 * Decodes a raw entry name. Backslashes are only treated as separators after decoding: in CP932 the
 * second byte of characters such as ソ or 表 is 0x5C.
 */
export function decodeZipName(raw: Uint8Array, generalPurposeBitFlag: number): DecodedZipName {
  let text: string;
  let encoding: DecodedZipName['encoding'];
  if ((generalPurposeBitFlag & ZIP_UTF8_FLAG) !== 0 && isValidUtf8(raw)) {
    text = Buffer.from(raw).toString('utf8');
    encoding = 'utf8-flag';
  } else if (isValidUtf8(raw)) {
    text = Buffer.from(raw).toString('utf8');
    encoding = 'utf8';
  } else {
    text = decodeCp932(raw);
    encoding = 'cp932';
  }
  return { path: text.replace(/\\/g, '/').normalize('NFC'), encoding };
}

/** Why a decoded entry path must not be used, or null when it is safe (relative, no `..`). */
export function unsafeZipPathReason(path: string): string | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute path in archive';
  if (path.split('/').includes('..')) return 'path with ".." in archive';
  if (path.includes('\0')) return 'NUL character in entry name';
  return null;
}
