/**
 * Report HTML for snapshots: volatile parts replaced — chart SVGs (vega's output changes with its
 * version) and image payloads — and a line break before each block element, so that a diff shows
 * which row or cell changed.
 */
export function scrubHtml(html: string): string {
  return html
    .replace(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*?<\/svg>/g, '<svg><!-- chart --></svg>')
    .replace(/data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+/g, 'data:image/$1;base64,…')
    .replace(/(?<!\n)<(tr|section|div class="cell"|div class="pin|h[1-6]|li|p|pre|table|thead|tbody|dt|dd)\b/g, '\n<$1');
}
