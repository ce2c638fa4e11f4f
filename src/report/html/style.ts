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
th button { all: unset; cursor: pointer; }
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
.findings { margin: 0; padding-left: 18px; }
.nb { margin-top: 8px; }
.cell { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 12px; padding: 8px 0; border-top: 1px solid var(--line); }
.cell:target { background: #fefce8; }
.cell .prompt { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.cell .body { min-width: 0; }
.src { margin: 2px 0; padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
pre { margin: 0; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; }
pre.out { margin: 4px 0; padding: 6px 10px; max-height: 360px; overflow: auto; border-left: 3px solid var(--line); white-space: pre-wrap; word-break: break-all; }
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
.feedback { border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px; background: var(--bg); }
.hljs-keyword, .hljs-built_in { color: #7c3aed; }
.hljs-string { color: #0f766e; }
.hljs-number, .hljs-literal { color: #b45309; }
.hljs-comment { color: #6b7280; font-style: italic; }
.hljs-title, .hljs-title.function_ { color: #1d4ed8; }
.hljs-meta { color: #9333ea; }
@media (max-width: 900px) { .cell { grid-template-columns: 1fr; } }
`;
