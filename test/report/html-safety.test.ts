/** Student content in the report is data: escaped, never markup; links only http(s)/mailto; images only verified PNG/JPEG. */
import { describe, expect, it } from 'vitest';
import { convertOutputs } from '../../src/core/notebook/cells.js';
import { esc, html, isSafeHref } from '../../src/report/html/escape.js';
import { renderMarkdown } from '../../src/report/html/markdown.js';
import { renderOutput } from '../../src/report/html/outputs.js';
import { highlightPython } from '../../src/report/html/code.js';
import { CONTENT_SECURITY_POLICY, page } from '../../src/report/html/layout.js';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

describe('escaping', () => {
  it('escapes text and attribute values, and the html`` template escapes every value', () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(html`<p title="${'"><script>'}">${'<b>'}</p>`.html).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;</p>');
  });

  it('allows only http(s) and mailto links', () => {
    expect(['https://a.example', 'http://a', 'mailto:x@y', ' HTTPS://A'].map(isSafeHref)).toEqual([true, true, true, true]);
    expect(['javascript:alert(1)', 'JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil', 'x.html'].map(isSafeHref)).toEqual(Array(7).fill(false));
  });
});

describe('Markdown', () => {
  it('shows raw HTML as text', () => {
    const out = renderMarkdown('<script>window.__pwned=1</script>\n\n<img src=x onerror="alert(1)"> <style>body{display:none}</style>');
    expect(out).not.toMatch(/<script|<img|<style/);
    expect(out).toContain('&lt;script&gt;');
  });

  it('links only http(s) and mailto; javascript:, encoded javascript:, data: and vbscript: stay text', () => {
    const out = renderMarkdown('[a](javascript:alert(1)) [b](jav&#x09;ascript:alert(1)) [c](data:text/html,x) [d](vbscript:x) [ok](https://example.com) <mailto:t@example.com>');
    expect(out.match(/<a /g)).toHaveLength(2);
    expect(out).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">ok</a>');
    expect(out).toContain('href="mailto:t@example.com"');
    expect(out).not.toMatch(/href="(?:javascript|data|vbscript)/i);
  });

  it('never loads a Markdown image: it becomes its alt text and address', () => {
    const out = renderMarkdown('![pixel "x"](https://evil.example/p.png)');
    expect(out).not.toContain('<img');
    expect(out).toContain('[画像: pixel &quot;x&quot; https://evil.example/p.png]');
  });
});

describe('code and outputs', () => {
  it('highlights Python with its text escaped', () => {
    expect(highlightPython('print("</pre><script>x</script>")')).not.toContain('<script');
  });

  const render = (raw: unknown[]): string => convertOutputs(raw).map((o) => renderOutput(o).html).join('\n');

  it('shows a verified PNG as a data: URI and hides its text/plain stand-in', () => {
    const out = render([{ output_type: 'display_data', metadata: {}, data: { 'image/png': PNG_1x1, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } }]);
    expect(out).toContain(`src="data:image/png;base64,${PNG_1x1}"`);
    expect(out).not.toContain('Figure size');
  });

  it('never renders student SVG, text/html or a "PNG" that is not one', () => {
    const out = render([
      { output_type: 'display_data', metadata: {}, data: { 'image/svg+xml': '<svg onload="alert(1)"></svg>', 'text/plain': 'svg' } },
      { output_type: 'display_data', metadata: {}, data: { 'text/html': '<script>alert(1)</script>' } },
      { output_type: 'display_data', metadata: {}, data: { 'text/html': '<b onmouseover=alert(1)>x</b>', 'text/plain': 'plain' } },
      { output_type: 'display_data', metadata: {}, data: { 'image/png': 'x" onerror="alert(1)', 'text/plain': 'p' } },
      { output_type: 'display_data', metadata: {}, data: { 'image/jpeg': PNG_1x1, 'text/plain': 'j' } },
      { output_type: 'stream', name: 'stdout', text: '</pre><script>alert(1)</script>' },
      { output_type: 'error', ename: '<script>', evalue: '<img onerror=x>', traceback: ['<script>alert(1)</script>'] },
    ]);
    expect(out).not.toMatch(/<script|<svg|<img(?! class="out-img")|onload="|onerror="|onmouseover=a/);
    expect(out).not.toContain('<img');
    expect(out).toContain('image/svg+xml の画像は表示していません');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('page shell', () => {
  it('carries a Content-Security-Policy with no network, images only from data:, and hashed style and script', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/);
    const doc = page({ title: '<t>', root: '', body: html`<p>x</p>`, sortable: true });
    expect(doc).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(doc).toContain('<title>&lt;t&gt;</title>');
    expect(doc.match(/<script>/g)).toHaveLength(1);
    expect(page({ title: 't', root: '', body: html`` })).not.toContain('<script');
    // the decisions script comes only with a report id, which is data (escaped), never code
    const decide = page({ title: 't', root: '', body: html``, decide: '"><script>x</script>' });
    expect(decide.match(/<script>/g)).toHaveLength(1);
    expect(decide).toContain('<body data-report="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">');
  });
});
