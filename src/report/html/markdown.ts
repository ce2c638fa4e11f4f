/**
 * Markdown → HTML with markdown-it: raw HTML off (shown as text), links only to http(s) and mailto
 * (others stay text), images never loaded (the report makes no network request: they become their alt
 * text and address, as text), headings shifted down to fit under the page's own.
 */
import MarkdownIt from 'markdown-it';
import { esc, isSafeHref } from './escape.js';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.validateLink = isSafeHref;

md.renderer.rules['image'] = (tokens, idx) => {
  const token = tokens[idx];
  const alt = token?.children?.map((child) => child.content).join('') ?? '';
  const src = token?.attrGet('src') ?? '';
  return `<span class="md-image">[画像: ${esc(alt)}${src ? ` ${esc(src)}` : ''}]</span>`;
};

const defaultLinkOpen = md.renderer.rules['link_open'];
md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]?.attrSet('referrerpolicy', 'no-referrer');
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

/** Headings move down by `offset` levels (h1 → h3 with 2), so the page keeps its own outline. */
function shiftHeading(offset: number, tag: string): string {
  const level = Number(tag.slice(1));
  return Number.isInteger(level) && level >= 1 ? `h${Math.min(6, level + offset)}` : tag;
}

for (const rule of ['heading_open', 'heading_close'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, env: unknown, self) => {
    const token = tokens[idx];
    const offset = (env as { headingOffset?: number } | undefined)?.headingOffset ?? 0;
    if (token) token.tag = shiftHeading(offset, token.tag);
    return self.renderToken(tokens, idx, options);
  };
}

/** The lecture's Markdown cells are in every notebook: each distinct text is rendered once. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

export function renderMarkdown(source: string, options: { headingOffset?: number } = {}): string {
  const offset = options.headingOffset ?? 0;
  const key = `${offset}\u0000${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = md.render(source, { headingOffset: offset });
  if (cache.size < CACHE_LIMIT && source.length < 20_000) cache.set(key, out);
  return out;
}
