/**
 * A cell's saved outputs as HTML. Text is escaped and shown as it was printed (already cleaned of
 * terminal codes); PNG and JPEG become data: URIs (only payloads the notebook reader verified); SVG and
 * text/html from students are never rendered: SVG is left out, HTML is shown as its source text.
 */
import type { CleanOutput } from '../../types.js';
import { html, type Raw } from './escape.js';

/** Longest output text shown in full; the rest is cut with a note (Colab keeps up to 5000 lines). */
const MAX_TEXT = 100_000;

function textBlock(text: string, cls: string): Raw {
  if (text === '') return html``;
  const cut = text.length > MAX_TEXT;
  return html`<pre class="out ${cls}">${cut ? text.slice(0, MAX_TEXT) : text}</pre>${cut ? html`<p class="omitted">(出力が長いため ${MAX_TEXT.toLocaleString('en-US')} 文字で切りました。全体 ${text.length.toLocaleString('en-US')} 文字)</p>` : ''}`;
}

function richOutput(output: CleanOutput): Raw {
  const rasters = output.rasters ?? [];
  const images = rasters.map((image) => html`<img class="out-img" alt="ノートブックの出力画像" src="${`data:${image.mime};base64,${image.base64}`}">`);
  const shownMimes = new Set<string>(rasters.map((r) => r.mime));
  const skipped = output.images.filter((mime) => !shownMimes.has(mime));
  const notes = skipped.map((mime) => html`<p class="omitted">(${mime} の画像は表示していません${mime === 'image/svg+xml' ? ': 学生の SVG は埋め込みません' : ': 形式を確認できませんでした'})</p>`);
  let htmlPart: Raw | string = '';
  if (output.html !== undefined) {
    htmlPart =
      output.text === ''
        ? html`<details><summary class="omitted">text/html の出力(HTML としては表示せず、ソースを文字として表示)</summary>${textBlock(output.html, 'html-src')}</details>`
        : html`<p class="omitted">(text/html の出力は表示せず、同じ出力の text/plain を表示しています)</p>`;
  }
  // As Jupyter does, an image hides its own text/plain stand-in ("<Figure size 640x480 with 1 Axes>").
  const text = images.length > 0 ? html`` : textBlock(output.text, output.kind);
  return html`${images}${notes}${text}${htmlPart}`;
}

export function renderOutput(output: CleanOutput): Raw {
  switch (output.kind) {
    case 'stream':
      return textBlock(output.text, output.stream === 'stderr' ? 'stderr' : 'stdout');
    case 'error':
      return textBlock(output.text || `${output.ename ?? ''}: ${output.evalue ?? ''}`, 'error');
    case 'display_data':
    case 'execute_result':
      return richOutput(output);
  }
}
