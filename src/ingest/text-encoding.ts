/**
 * Byte → text decoding for the encodings met in WebClass downloads: UTF-8 (with or without BOM) and
 * CP932 (Shift_JIS as written by Windows and Excel).
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8-bom' | 'utf8' | 'cp932';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when the bytes are well-formed UTF-8 (pure ASCII included). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeCp932(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'cp932');
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes text of unknown encoding: a UTF-8 BOM wins, then strict UTF-8, else CP932. The BOM is dropped. */
export function decodeTextAuto(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (hasUtf8Bom(bytes)) {
    return { text: Buffer.from(bytes.subarray(3)).toString('utf8'), encoding: 'utf8-bom' };
  }
  if (isValidUtf8(bytes)) return { text: Buffer.from(bytes).toString('utf8'), encoding: 'utf8' };
  return { text: decodeCp932(bytes), encoding: 'cp932' };
}
