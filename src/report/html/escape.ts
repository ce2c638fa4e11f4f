/** HTML escaping for the review report: every piece of student or file-derived text goes through here. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and attribute values alike (quotes escaped too). */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Tagged template: interpolated values are escaped unless wrapped with `raw()`. */
export interface Raw {
  readonly html: string;
}

export const raw = (html: string): Raw => ({ html });

export type HtmlValue = string | number | Raw | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return value.html;
  return esc(value as string | number);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

/** Only http(s) and mailto links leave the report; anything else (javascript:, data:, file:) is refused. */
export function isSafeHref(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url.trim());
}
