/**
 * A cell's saved outputs as HTML. Text is escaped and shown as it was printed (already cleaned of
 * terminal codes), line by line so that the lines deciding a criterion can be highlighted and a long
 * log folded around them (./lines.ts); PNG and JPEG become data: URIs (only payloads the notebook reader
 * verified); SVG and text/html from students are never rendered: SVG is left out, HTML is shown as its
 * source text (a Keras 3 summary, HTML `<pre>` only, as its text).
 */
import { htmlPreToText } from '../../core/outputs/cell-lines.js';
import type { CleanOutput } from '../../types.js';
import { html, type Raw } from './escape.js';
import { renderTextLines } from './lines.js';

/** Longest output text shown in full; the rest is cut with a note (Colab keeps up to 5000 lines). */
const MAX_TEXT = 100_000;

const NONE: ReadonlySet<number> = new Set();

function textBlock(text: string, cls: string, first: number, marks: ReadonlySet<number>): Raw {
  if (text === '') return html``;
  const cut = text.length > MAX_TEXT;
  return html`${renderTextLines(cut ? text.slice(0, MAX_TEXT) : text, first, marks, cls)}${cut ? html`<p class="omitted">(出力が長いため ${MAX_TEXT.toLocaleString('en-US')} 文字で切りました。全体 ${text.length.toLocaleString('en-US')} 文字)</p>` : ''}`;
}

function richOutput(output: CleanOutput, first: number, marks: ReadonlySet<number>): Raw {
  const rasters = output.rasters ?? [];
  const images = rasters.map((image) => html`<img class="out-img" alt="ノートブックの出力画像" src="${`data:${image.mime};base64,${image.base64}`}">`);
  const shownMimes = new Set<string>(rasters.map((r) => r.mime));
  const skipped = output.images.filter((mime) => !shownMimes.has(mime));
  const notes = skipped.map((mime) => html`<p class="omitted">(${mime} の画像は表示していません${mime === 'image/svg+xml' ? ': 学生の SVG は埋め込みません' : ': 形式を確認できませんでした'})</p>`);
  let htmlPart: Raw | string = '';
  let text = output.text;
  if (output.html !== undefined) {
    // a Keras 3 summary is HTML <pre> only: its text (what the grader read) is shown, the source folded away
    const pre = output.text === '' && output.html.length <= 1_000_000 && /^\s*<pre\b/i.test(output.html) ? htmlPreToText(output.html) : '';
    if (pre !== '') text = pre;
    htmlPart =
      output.text === ''
        ? html`<details><summary class="omitted">text/html の出力(HTML としては表示せず、ソースを文字として表示)</summary>${textBlock(output.html, 'html-src', 1, NONE)}</details>`
        : html`<p class="omitted">(text/html の出力は表示せず、同じ出力の text/plain を表示しています)</p>`;
  }
  // As Jupyter does, an image hides its own text/plain stand-in ("<Figure size 640x480 with 1 Axes>").
  const body = images.length > 0 ? html`` : textBlock(text, output.kind, first, marks);
  return html`${images}${notes}${body}${htmlPart}`;
}

/** One output; `first` is the number of its first line among the cell's output lines, `marks` the lines to highlight. */
export function renderOutput(output: CleanOutput, first = 1, marks: ReadonlySet<number> = NONE): Raw {
  switch (output.kind) {
    case 'stream':
      return textBlock(output.text, output.stream === 'stderr' ? 'stderr' : 'stdout', first, marks);
    case 'error':
      return textBlock(output.text || `${output.ename ?? ''}: ${output.evalue ?? ''}`, 'error', first, marks);
    case 'display_data':
    case 'execute_result':
      return richOutput(output, first, marks);
  }
}
