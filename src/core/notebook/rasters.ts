/**
 * PNG and JPEG payloads of an output's MIME bundle, kept for reports only when the base64 is well formed
 * and decodes to the format's signature: a report may show them as data: URIs without trusting the file.
 * SVG is never kept (it is markup, and student markup is not rendered).
 */
import { joinMultiline } from './clean-text.js';

const SIGNATURES = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
} as const;

type RasterMime = keyof typeof SIGNATURES;

/**
 * Well-formed base64: alphabet characters, at most two `=` at the end, a length that is a multiple of 4.
 * (Not `^(?:[A-Za-z0-9+/]{4})*…$`: that regex takes seconds on a few megabytes and overflows the stack on
 * a larger image.)
 */
function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

export function rasterImages(bundle: Record<string, unknown>): { mime: RasterMime; base64: string }[] {
  const found: { mime: RasterMime; base64: string }[] = [];
  for (const mime of Object.keys(SIGNATURES) as RasterMime[]) {
    const base64 = joinMultiline(bundle[mime]).replace(/\s+/g, '');
    if (base64 === '' || !isBase64(base64)) continue;
    const head = Array.from(atob(base64.slice(0, 16)), (ch) => ch.charCodeAt(0));
    if (SIGNATURES[mime].every((byte, i) => head[i] === byte)) found.push({ mime, base64 });
  }
  return found;
}
