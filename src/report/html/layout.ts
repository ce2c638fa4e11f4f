/**
 * The page shell shared by every report page: inline CSS, the report's two small scripts (table sorting;
 * the TA's decisions kept in localStorage, ./decide.ts), and a Content-Security-Policy that allows exactly
 * those (by hash), images only as data: URIs, and nothing from the network. Student content is escaped before it gets here; the policy is the second wall.
 */
import { createHash } from 'node:crypto';
import { DECIDE_SCRIPT } from './decide.js';
import { STYLE } from './style.js';
import { html, raw, type Raw } from './escape.js';

/**
 * Click anywhere in a column header (or press its button) to sort by it; numbers by value, text in
 * Japanese collation.
 */
const SORT_SCRIPT = `(function () {
  function key(row, col) { var c = row.cells[col]; if (!c) return ''; var v = c.getAttribute('data-sort'); return v === null ? c.textContent.trim() : v; }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      th.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        var numeric = th.getAttribute('data-type') === 'number';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, col), y = key(b, col);
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, 'ja');
          return c * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  'img-src data:',
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SORT_SCRIPT)} ${hash(DECIDE_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PageOptions {
  title: string;
  /** Relative path from the page to index.html's folder ('' or '../'). */
  root: string;
  body: Raw;
  /** Whether the page has sortable tables (adds the script). */
  sortable?: boolean;
  /** This report's id: the page carries the TA's decisions panel (adds its script, keyed by the id). */
  decide?: string;
}

export function page(options: PageOptions): string {
  return `<!DOCTYPE html>\n${
    html`<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body${options.decide ? html` data-report="${options.decide}"` : ''}>
${options.body}
${options.sortable ? raw(`<script>${SORT_SCRIPT}</script>`) : ''}
${options.decide ? raw(`<script>${DECIDE_SCRIPT}</script>`) : ''}
</body>
</html>
`.html
  }`;
}
