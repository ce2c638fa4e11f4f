/**
 * The self-check page as one HTML file: static markup (readable before the script runs), the style, the
 * data (rubric, expected values, .wasm) as a JSON block, and the script. The Content-Security-Policy
 * allows exactly the one inline script and the one inline style by their SHA-256, WebAssembly, and data:
 * images; nothing may be fetched, framed, posted or loaded from anywhere.
 */
import { createHash } from 'node:crypto';

export interface PageParts {
  /** The rubric's title (course and assignment), shown above the heading. */
  courseTitle: string;
  assignment: string;
  /** The bundled page script (an IIFE). */
  script: string;
  /** The page data, as JSON text. */
  data: string;
  /** Shown in the footer. */
  version: string;
}

export const PAGE_STYLE = `
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b57d0;--ok:#1a7f37;--ok-bg:#dafbe1;--warn:#7d4e00;--warn-bg:#fff8c5;--bad:#b3261e;--bad-bg:#ffebe9;--info-bg:#ddf4ff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font:16px/1.7 system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Meiryo","Noto Sans CJK JP",sans-serif;overflow-wrap:anywhere;word-break:normal;line-break:strict}
.wrap{max-width:52rem;margin:0 auto;padding:0 1rem}
header.top{background:var(--bg);border-bottom:1px solid var(--line);padding:1rem 0 .75rem}
.course{margin:0;color:var(--muted);font-size:.9rem}
h1{margin:.1rem 0 0;font-size:1.6rem;line-height:1.3}
h2{font-size:1.25rem;margin:0 0 .5rem;line-height:1.4}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
p{margin:.4rem 0}
.small{font-size:.9rem;color:var(--muted)}
.privacy{border-left:4px solid var(--ok);background:var(--ok-bg);padding:.5rem .75rem;border-radius:4px}
.drop{margin:1rem 0;border:2px dashed #8c959f;border-radius:10px;padding:1.25rem 1rem;text-align:center;background:#fff}
.drop.over{border-color:var(--accent);background:var(--info-bg)}
.drop-hint{color:var(--muted)}
button{font:inherit;cursor:pointer;border-radius:8px;padding:.6rem 1.4rem;min-height:44px;border:1px solid var(--accent)}
button.primary{background:var(--accent);color:#fff;font-weight:600}
button.secondary{background:#fff;color:var(--accent)}
button:focus-visible{outline:3px solid #fb8c00;outline-offset:3px}
button:disabled{opacity:.6;cursor:progress}
.status{min-height:1.7em;margin-top:.6rem}
.status.busy::before{content:"";display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border:2px solid var(--line);border-top-color:var(--accent);border-radius:50%;animation:spin .8s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.status.busy::before{animation:none}}
.result{margin:1.5rem 0 2rem}
.result h2{outline:none}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.fname{font-weight:400;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.95em;word-break:break-all}
.scorebox{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .75rem;margin:.75rem 0;padding:.75rem 1rem;border-radius:10px;background:var(--bg);border:1px solid var(--line)}
.score{font-size:2.4rem;font-weight:700;line-height:1}
.score-max{font-size:1.1rem}
.scorebox.not-graded .score{color:var(--bad)}
.lead{font-weight:600}
ul.notes,.criteria{list-style:none;margin:.5rem 0;padding:0}
.note{margin:.5rem 0;padding:.6rem .8rem;border-radius:8px;border-left:5px solid}
.note strong{display:block}
.note-ok{padding:.3rem .8rem}
.note-ok strong{display:inline}
.note-ok strong::after{content:": "}
.note-ok{background:var(--ok-bg);border-color:var(--ok)}
.note-info{background:var(--info-bg);border-color:var(--accent)}
.note-warn{background:var(--warn-bg);border-color:#bf8700}
.note-error{background:var(--bad-bg);border-color:var(--bad)}
.crit{border:1px solid var(--line);border-radius:10px;padding:.6rem .8rem;margin:.5rem 0}
.crit-head{display:flex;align-items:baseline;gap:.5rem}
.mark{flex:none;width:1.4em;text-align:center;font-weight:700;font-size:1.1rem}
.crit-title{flex:1;font-weight:600}
.crit-points{flex:none;white-space:nowrap;font-variant-numeric:tabular-nums}
.crit-state{margin:.1rem 0 0 1.9rem;font-size:.9rem}
.crit-met .mark,.crit-met .crit-state{color:var(--ok)}
.crit-partly-met{border-left:5px solid #bf8700}
.crit-partly-met .mark,.crit-partly-met .crit-state{color:var(--warn)}
.crit-not-met{border-left:5px solid var(--bad)}
.crit-not-met .mark,.crit-not-met .crit-state{color:var(--bad)}
.crit-unreadable{border-left:5px solid var(--accent)}
.crit-unreadable .mark,.crit-unreadable .crit-state{color:var(--accent)}
.compact{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:0 1rem}
.compact .crit{border:0;border-bottom:1px solid var(--line);border-radius:0;margin:0;padding:.35rem .25rem}
.crit-detail{margin:.4rem 0 0 1.9rem;padding:0;list-style:none;font-size:.95rem}
.crit-detail li{margin:.3rem 0}
.label{display:inline-block;font-size:.8rem;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .35rem;margin-right:.4rem;line-height:1.5}
.comment{white-space:pre-wrap;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem}
.again{margin-top:1rem}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-top:.75rem;padding-bottom:2rem}
@media (max-width:480px){h1{font-size:1.35rem}.wrap{padding:0 .75rem}.crit-state,.compact{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:0 1rem}
.compact .crit{border:0;border-bottom:1px solid var(--line);border-radius:0;margin:0;padding:.35rem .25rem}
.crit-detail{margin-left:0}.score{font-size:2rem}}
`.trim();

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that can sit inside a <script> element: no `<` (so no `</script>` or `<!--`), no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const sha256Source = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Refuses text that the HTML parser would not hand to the script or style engine byte for byte. */
function assertInlineSafe(text: string, what: string, closing: RegExp): void {
  if (closing.test(text)) throw new Error(`${what} contains its closing tag`);
  if (/<!--/.test(text)) throw new Error(`${what} contains "<!--"`);
  // the HTML parser turns CR and CR LF into LF before the hash is taken, and NUL into U+FFFD
  if (/[\r\0]/.test(text)) throw new Error(`${what} contains a CR or NUL character`);
}

export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256Source(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256Source(style)}`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function pageHtml(parts: PageParts): string {
  const script = parts.script.replace(/\n+$/, '');
  assertInlineSafe(script, 'the page script', /<\/script/i);
  assertInlineSafe(PAGE_STYLE, 'the page style', /<\/style/i);
  const pattern = `学籍番号_名前_${parts.assignment}.ipynb`;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script, PAGE_STYLE).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>提出前チェック - ${escapeHtml(parts.courseTitle)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="top"><div class="wrap">
<p class="course">${escapeHtml(parts.courseTitle)}</p>
<h1>提出前チェック</h1>
</div></header>
<main class="wrap">
<section class="intro" aria-label="このページについて">
<p class="privacy"><strong>ファイルは送信されません。</strong>選んだファイルは、このコンピューターの中だけで読み取ります。インターネットにつながっていなくても使えます。</p>
<p>提出する .ipynb ファイルを選ぶと、提出後の自動採点と同じ方法で、項目ごとの点数とコメントを表示します。</p>
<p class="small">締め切りは確かめません。提出は締め切りまでに WebClass で行ってください。点数は、提出したファイルで改めて決まります。</p>
</section>
<section id="drop" class="drop" aria-labelledby="drop-title">
<h2 id="drop-title">ノートブックを選ぶ</h2>
<p class="drop-hint">提出するファイル (${escapeHtml(pattern)}) をここにドロップするか、ボタンで選んでください。</p>
<button type="button" id="pick" class="primary">ファイルを選ぶ</button>
<input type="file" id="file" hidden>
<p id="status" class="status" role="status" aria-live="polite">読み込んでいます。この表示が変わらないときは、このファイル (.html) をダウンロードしてから、ブラウザーで開いてください。<noscript>JavaScript を有効にしてください。</noscript></p>
</section>
<section id="result" class="result" aria-labelledby="result-title" hidden></section>
</main>
<footer><div class="wrap small">
<p>採点基準: ${escapeHtml(parts.courseTitle)}。このページは何も送信せず、何も保存しません。</p>
<p>kadai-grader ${escapeHtml(parts.version)}</p>
</div></footer>
<script type="application/json" id="kadai-data">${parts.data}</script>
<script>${script}</script>
</body>
</html>
`;
}
