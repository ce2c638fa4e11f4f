/** Encode CSV text for Excel and WebClass: UTF-8 with BOM (default) or CP932. */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8-bom' | 'utf8' | 'cp932';

export function encodeText(text: string, encoding: CsvEncoding): Buffer {
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'cp932':
      return iconv.encode(text, 'cp932');
  }
}

/** Characters that CP932 cannot hold (they would become '?'). */
export function unencodableInCp932(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) {
    if (iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch) bad.add(ch);
  }
  return [...bad];
}
