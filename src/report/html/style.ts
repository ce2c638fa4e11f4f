/** The report's CSS (inline in every page; its hash is in the Content-Security-Policy). */
export const STYLE = `
:root { --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f9fafb; --ok: #15803d; --warn: #b45309; --bad: #b91c1c; --info: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.55 system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
nav.top { position: sticky; top: 0; z-index: 2; display: flex; gap: 16px; flex-wrap: wrap; align-items: center; padding: 8px 24px; background: #1f2937; color: #fff; font-size: 13px; }
nav.top a { color: #fff; }
nav.top .spacer { flex: 1; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 14px; margin: 12px 0 4px; }
a { color: var(--info); }
.muted { color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 20px; color: var(--muted); margin: 4px 0 8px; }
.meta b { color: var(--fg); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.st-graded, .c-met { background: #dcfce7; color: var(--ok); }
.st-late, .st-unreadable, .st-not-a-notebook, .c-not-met, .c-unreadable { background: #fee2e2; color: var(--bad); }
.st-superseded { background: #e5e7eb; color: #374151; }
.c-partly-met { background: #fef3c7; color: var(--warn); }
.flag { background: #fff7ed; color: #9a3412; border-color: #fed7aa; font-weight: 500; }
.hidden-crit { background: #ede9fe; color: #5b21b6; }
.score { font-size: 28px; font-weight: 700; }
.score small { font-size: 15px; color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-weight: 600; font-size: 13px; white-space: nowrap; }
.table-wrap { overflow-x: auto; max-width: 100%; }
td.nowrap { white-space: nowrap; }
td.file { word-break: break-all; min-width: 12em; }
th.crit { white-space: normal; overflow-wrap: anywhere; min-width: 5.5em; font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th:has(> button) { cursor: pointer; }
th button { all: unset; cursor: pointer; display: block; width: 100%; box-sizing: border-box; }
th button:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; border-radius: 3px; }
th button::after { content: " ↕"; color: var(--muted); font-size: 11px; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr.review td:first-child { box-shadow: inset 3px 0 0 #f59e0b; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fff; min-width: 120px; }
.card .n { font-size: 22px; font-weight: 700; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; max-width: 100%; overflow-x: auto; }
.chart svg { display: block; max-width: none; height: auto; }
.note { background: #eff6ff; border-left: 3px solid var(--info); padding: 6px 10px; margin: 8px 0; }
.warn { background: #fffbeb; border-left: 3px solid #f59e0b; padding: 6px 10px; margin: 8px 0; }
ul.reasons { margin: 0; padding-left: 18px; }
dl.flags dt { font-weight: 600; margin-top: 6px; }
dl.flags dd { margin: 0 0 0 16px; }
.points td.reason { width: 55%; }
.points td:last-child { min-width: 5.5em; }
section.student { border-top: 3px solid var(--line); margin-top: 24px; }
.findings { margin: 0; padding-left: 18px; }
.nb { margin-top: 8px; }
.cell { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 12px; padding: 8px 0; border-top: 1px solid var(--line); }
.cell:target { background: #fefce8; }
.cell .prompt { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.cell .body { min-width: 0; }
.src { margin: 2px 0; padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
pre { margin: 0; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; }
pre.out { margin: 4px 0; padding: 6px 10px; border-left: 3px solid var(--line); white-space: pre-wrap; word-break: break-all; }
.out-lines pre.out { margin: 0; }
.out-lines { margin: 4px 0; }
details.fold > summary { cursor: pointer; color: var(--muted); font-size: 12px; padding: 2px 10px; border-left: 3px dashed var(--line); background: #fafafa; }
details.fold[open] > pre.out { max-height: 480px; overflow: auto; }
mark.hl { background: #fde68a; color: inherit; outline: 1px solid #f59e0b; border-radius: 2px; }
pre.stderr { background: #fff7ed; border-left-color: #fdba74; }
pre.error { background: #fef2f2; border-left-color: #fca5a5; }
.md { padding: 2px 10px; border-left: 3px solid #dbeafe; overflow-wrap: anywhere; }
.md h3, .feedback h3 { font-size: 18px; margin: 10px 0 6px; }
.md h4, .feedback h4 { font-size: 16px; margin: 10px 0 6px; }
.md h5, .md h6, .feedback h5 { font-size: 14px; margin: 8px 0 4px; }
.md pre { background: #f6f8fa; padding: 6px; overflow-x: auto; }
.out-img { display: block; max-width: 100%; max-height: 480px; margin: 4px 0; border: 1px solid var(--line); image-rendering: pixelated; }
.omitted { color: var(--muted); font-style: italic; font-size: 12px; margin: 2px 0; }
.pins { display: flex; flex-direction: column; gap: 6px; }
.pin { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; font-size: 12.5px; background: #fff; }
.pin.c-met { border-color: #bbf7d0; }
.pin.c-not-met, .pin.c-unreadable { border-color: #fecaca; }
.pin.c-partly-met { border-color: #fde68a; }
.pin .t { font-weight: 600; }
.feedback { border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px; background: var(--bg); overflow-wrap: anywhere; }
.feedback table { display: block; overflow-x: auto; max-width: 100%; }
.findings, ul.reasons, td.reason, .cause-line, .provenance, .note, .warn { overflow-wrap: anywhere; }
.hljs-keyword, .hljs-built_in { color: #7c3aed; }
.hljs-string { color: #0f766e; }
.hljs-number, .hljs-literal { color: #b45309; }
.hljs-comment { color: #6b7280; font-style: italic; }
.hljs-title, .hljs-title.function_ { color: #1d4ed8; }
.hljs-meta { color: #9333ea; }
@media (max-width: 900px) { .cell { grid-template-columns: 1fr; } }
[id] { scroll-margin-top: 64px; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
a:focus-visible, summary:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; border-radius: 2px; }
nav.top a:focus-visible { outline-color: #fbbf24; }
.raw-text, small.raw-text { color: var(--muted); font-size: 11px; overflow-wrap: anywhere; }
.provenance { font-size: 13px; }
.cause-box { border: 1px solid #fecaca; background: #fff5f5; border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.cause-box.calm { border-color: var(--line); background: var(--bg); }
.cause-box.calm .badge.cause { background: #4b5563; }
.cause-line { font-weight: 600; }
.cause-line span:not(.badge) { font-weight: 400; }
.badge.cause { background: #b91c1c; color: #fff; }
ul.lost { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 13px; }
ul.lost li.own::before, ul.lost li.follower::before { content: "−"; color: var(--bad); margin-right: 3px; }
ul.lost li.same-cause { color: var(--muted); }
td.cause-cell { min-width: 16em; }
.score.superseded { font-size: 20px; color: var(--muted); }
.score.superseded small { color: var(--muted); }
.quote { margin: 6px 0 2px; border-left: 3px solid #f59e0b; padding: 2px 8px; background: #fffbeb; }
.quote .q a { font-size: 12px; }
.quote pre { white-space: pre-wrap; word-break: break-all; background: #fde68a66; padding: 1px 4px; margin: 1px 0 4px; }
.side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.side-by-side h4 { margin: 6px 0; }
table.side td pre.out { margin: 0; border-left-color: #f59e0b; background: #fffbeb; }
table.side { table-layout: fixed; }
table.side th { white-space: normal; overflow-wrap: anywhere; }
table.side th:first-child, table.side td:first-child { width: 5.5em; }
tr.fold-row > td { padding: 0; }
.break { font-weight: 600; }
.pin .t a { color: inherit; }
#decide, #decisions { border: 1px solid #c7d2fe; background: #f5f7ff; border-radius: 8px; padding: 4px 14px 10px; margin-top: 24px; }
#decide h2, #decisions h2 { border-bottom: none; margin-top: 10px; }
table.decide { width: auto; }
table.decide input { width: 6em; }
#decide input, #decisions textarea, #decide button, #decisions button { font: inherit; }
#decide input[type="text"] { max-width: 100%; }
#decide input[aria-invalid="true"] { outline: 2px solid var(--bad); }
.decide-fields { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.decide-status { color: var(--info); min-height: 1.5em; margin: 6px 0 0; }
#decisions textarea { width: 100%; font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
button { padding: 3px 10px; border: 1px solid #94a3b8; border-radius: 6px; background: #fff; cursor: pointer; }
@media (max-width: 700px) {
  nav.top { position: static; padding: 8px 12px; gap: 8px 12px; }
  [id] { scroll-margin-top: 8px; }
  main { padding: 12px 12px 40px; }
  h1 { font-size: 19px; }
  pre, .src, pre.out, .md pre { white-space: pre-wrap; word-break: break-all; overflow-x: visible; }
  .chart { max-width: 100%; overflow: hidden; padding: 6px; }
  .chart svg { max-width: 100%; height: auto; }
  .side-by-side { grid-template-columns: minmax(0, 1fr); }
  .cards .card { min-width: 0; flex: 1 1 40%; }
  .meta b, td.file, .file { overflow-wrap: anywhere; word-break: break-all; }
  .table-wrap { overflow-x: visible; }
  table.stack, table.stack > tbody, table.stack > tbody > tr, table.stack > tfoot, table.stack > tfoot > tr { display: block; width: 100%; }
  table.stack > thead > tr { display: flex; flex-wrap: wrap; gap: 4px; }
  table.stack:not(.sortable) > thead { display: none; }
  table.stack > thead th { border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; }
  table.stack > tbody > tr { border-bottom: 2px solid var(--line); padding: 6px 0; }
  table.stack > tbody > tr > td, table.stack > tfoot > tr > th { display: inline-block; border: none; padding: 2px 8px 2px 0; text-align: left; vertical-align: baseline; min-width: 0; max-width: 100%; width: auto; }
  table.stack > tbody > tr > td.cause-cell, table.stack > tbody > tr > td.reason { display: block; }
  table.stack > tbody > tr > td:empty, table.stack td.idx { display: none; }
  table.stack > tbody > tr > td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 11px; }
  th.crit { min-width: 0; }
  .points td.reason { width: auto; }
}
@page { size: A4; margin: 12mm 10mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  nav.top, th button::after, #decide, #decisions { display: none; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  #all { page: wide; }
  .table-wrap { overflow: visible; }
  #all-table { font-size: 7.5pt; }
  #all-table th, #all-table td { padding: 2px 3px; }
  #all-table th.crit { min-width: 0; font-size: 6.5pt; }
  #all-table th button { display: none; }
  #all-table th::before { content: attr(data-label); }
  #all-table td.file { min-width: 0; max-width: 11em; }
  tr, .card, .chart, .pin, .quote, pre.out, .src, .out-img, .cause-box, table.side tr { break-inside: avoid; }
  .chart { overflow: visible; border: none; }
  .chart svg { max-width: 100%; height: auto; }
  pre, .src, pre.out, .md pre { white-space: pre-wrap; word-break: break-all; overflow: visible; max-height: none; }
  details.fold[open] > pre.out { max-height: none; overflow: visible; }
  .cell { grid-template-columns: minmax(0, 1fr) 200px; }
  .cell:target { background: none; }
  .out-img { max-height: 220mm; }
  .print-bundle > h1 { display: none; }
  section.student { break-before: page; }
  section.student:first-of-type { break-before: auto; }
}
`;
