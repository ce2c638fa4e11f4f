/**
 * One submission's page: the root cause in one line and every criterion that lost points first; who and
 * when; why it needs a look; its flags in Japanese; the points with their reasons, each quoting the line
 * that decides it and linked to the cell it rests on; suspected copies (linked to the pair pages);
 * training curves against the reference band; the feedback the student gets; and the notebook itself
 * with each criterion pinned beside its cell and the deciding lines highlighted there. A file that was
 * not graded shows its content instead (./file-content.ts).
 */
import { findingForTa } from '../../core/comment/comment.js';
import { cellOutputView, linesOf } from '../../core/outputs/cell-lines.js';
import { flagText } from '../flags.js';
import { causeBlock } from './cause.js';
import { appliedOverrides, decidePanel } from './decide.js';
import { esc, html, raw, type Raw } from './escape.js';
import { criterionPins, EVIDENCE_KIND, type CriterionPins, type Mark } from './evidence-cells.js';
import { fileContent } from './file-content.js';
import { integrityView, flagBadge } from './integrity-view.js';
import { page } from './layout.js';
import { renderMarkdown } from './markdown.js';
import { cellHref, notebookView, STATUS_MARK, type CellMarks, type Pin } from './notebook-view.js';
import { baseName, neighbours, statusJa, type PageRef, type ReportPlan } from './pages.js';
import type { CriterionResult, Expected, Finding, GradeRow, GradeRun, Notebook } from '../../types.js';

export interface SubmissionPageInput {
  run: GradeRun;
  plan: ReportPlan;
  ref: PageRef;
  /** Check id per criterion id (to find the evidence of a met criterion). */
  checks: ReadonlyMap<string, string>;
  /** Rendered charts (SVG) of the student's training curves, or a note why there are none. */
  curves: { svgs: string[]; note: string | null };
  feedbackMarkdown: string | null;
  /** Why there is no feedback for this row (shown instead). */
  feedbackNote: string;
  /** The CSV comment as written (after --comment-limit). */
  comment: string;
  commentLimit: number | null;
  /** The expected shapes (to pick the printed shapes a check reads). */
  shapes?: Expected['shapes'] | undefined;
  /** The file's bytes, for a file that was not graded (its content is shown). */
  content?: Uint8Array | undefined;
  /** This report's id (its decisions in localStorage) and the points step of the TA's inputs; no panel without an id. */
  decide?: { reportId: string; step: number } | undefined;
}

const who = (row: GradeRow): string => [row.studentId ?? '(学籍番号なし)', row.name ?? ''].join(' ').trim();

/** What the status means, where the cause line above does not already say it (late work graded under a penalty). */
function statusExplanation(input: SubmissionPageInput): Raw {
  const row = input.ref.row;
  if (row.status === 'late' && row.criteria) {
    return html`<p class="warn">締め切り(${row.deadline})後の提出(${row.submittedAt})です。採点したうえで、遅れの規定により${row.late?.penalty ?? 0} 点減点しました(減点前 ${row.late?.scoreBeforePenalty ?? row.score} 点)。</p>`;
  }
  if (row.status === 'late') return html`<p class="muted">遅れた課題は受け付けない規定(late: ${input.run.latePolicy.policy})により、内容は採点していません(下に表示します)。</p>`;
  return html``;
}

/** The score, except for a superseded file: it was not graded, and a big 0 would read as its grade. */
function scoreBlock(input: SubmissionPageInput): Raw {
  const row = input.ref.row;
  if (row.status === 'superseded') {
    const target = input.plan.pages.find((p) => p.row.file === row.reason && p.row !== row);
    return html`<div class="score superseded" id="score">採点対象外<small> 差し替え済み${target ? html` — 採点したのは <a href="${`../${target.href}`}">${baseName(target.row.file)}</a>(${target.row.score} / ${target.row.maxScore} 点)` : ''}</small></div>`;
  }
  return html`<div class="score" id="score">${row.score}<small> / ${row.maxScore} 点</small></div>`;
}

/** A finding as the TA reads it (the core's sentence: the student's words and where its mistake was charged), the technical detail in small print. */
export function findingHtml(finding: Finding): Raw {
  const { detail, ...sentence } = finding;
  return html`${findingForTa(sentence)}${detail ? html` <small class="raw-text">[${detail}]</small>` : ''}`;
}

const ALL_OUTPUTS = ['stdout', 'stderr', 'execute_result', 'display_data', 'error'] as const;

/** The text of a marked line, for quoting it in the points table. */
function markText(notebook: Notebook | null, mark: Mark): string | null {
  const cell = notebook?.cells[mark.cell];
  if (!cell) return null;
  if (mark.kind === 'code') return cell.source.split('\n')[mark.line - 1] ?? null;
  const lines = linesOf(cellOutputView(cell), [...ALL_OUTPUTS]);
  const i = lines.lineNumbers.indexOf(mark.line);
  return i >= 0 ? (lines.texts[i] ?? null) : null;
}

const MAX_QUOTED = 4;

/** The deciding lines, quoted under the criterion's reason (grouped by cell): evidence in view without scrolling. */
function quote(notebook: Notebook | null, pins: CriterionPins, base: string): Raw {
  const groups = new Map<string, { cell: number; kind: Mark['kind']; lines: { line: number; text: string }[] }>();
  let quoted = 0;
  for (const m of pins.marks) {
    if (quoted >= MAX_QUOTED) break;
    const text = markText(notebook, m);
    if (text === null) continue;
    const key = `${m.cell}:${m.kind}`;
    const group = groups.get(key) ?? { cell: m.cell, kind: m.kind, lines: [] };
    group.lines.push({ line: m.line, text: text.length > 300 ? `${text.slice(0, 300)}…` : text });
    groups.set(key, group);
    quoted++;
  }
  if (groups.size === 0) return html``;
  const items = [...groups.values()].map((g) => {
    const lines = g.lines.sort((a, b) => a.line - b.line);
    const numbers = lines.length === 1 ? `${lines[0]!.line}` : `${lines[0]!.line}〜${lines[lines.length - 1]!.line}`;
    const body = lines.map((l, i) => `${i > 0 && l.line !== lines[i - 1]!.line + 1 ? '⋮\n' : ''}${l.text}`).join('\n');
    return html`<div class="q"><a href="${base + cellHref(g.cell)}">セル ${g.cell + 1} の${g.kind === 'code' ? '' : '出力の '}${numbers} 行目</a><pre class="${g.kind === 'code' ? 'qsrc' : 'qout'}">${body}</pre></div>`;
  });
  return html`<div class="quote">${items}${pins.marks.length > quoted ? html`<div class="muted">ほか ${pins.marks.length - quoted} 行(ノートブックで強調)</div>` : ''}</div>`;
}

function pinsFor(input: SubmissionPageInput, c: CriterionResult): CriterionPins {
  const row = input.ref.row;
  return criterionPins(c, input.checks.get(c.id), { evidence: row.evidence, notebook: row.notebook, shapes: input.shapes });
}

/** The points table; `base` is '' on the student's own page, the page's path elsewhere (the print bundle: no ids, links to the page). */
function pointsTable(input: SubmissionPageInput, pins: Map<string, CriterionPins>, base = ''): Raw {
  const row = input.ref.row;
  if (!row.criteria) return html``;
  const rows = row.criteria.map((c) => {
    const p = pins.get(c.id) ?? { cells: [], marks: [] };
    const links = p.cells.map((i, n) => html`${n > 0 ? '、' : ''}<a href="${base + cellHref(i)}">セル ${i + 1}</a>`);
    // a criterion met only because its findings follow from a mistake charged elsewhere still shows them, with that note
    const reason =
      c.status === 'met' && c.findings.length === 0
        ? html`満たしています。`
        : html`${c.status === 'met' ? html`満たしています(減点なし)。` : ''}<ul class="findings">${c.findings.map((f) => html`<li>${findingHtml(f)}</li>`)}</ul>${c.feedback ? html`<div class="muted">求めていること: ${c.feedback}</div>` : ''}`;
    const override = row.overrides.find((o) => o.criterion === c.id);
    return html`<tr${raw(base === '' ? ` id="crit-${esc(c.id)}"` : '')} data-criterion="${c.id}"><td data-label="項目">${c.title}${c.hidden ? html` <span class="badge hidden-crit">非公開</span>` : ''}<div class="raw-text"><small>${c.id}</small></div></td><td class="num pts" data-label="得点">${c.points} / ${c.maxPoints}${override ? html`<div class="muted"><small>自動 ${override.from} → TA ${override.to}</small></div>` : ''}</td><td data-label="判定"><span class="badge c-${c.status}">${STATUS_MARK[c.status]}</span></td><td class="reason">${reason}${base !== '' && c.status === 'met' && c.findings.length === 0 ? '' : quote(row.notebook, p, base)}</td><td data-label="セル">${p.cells.length > 0 ? links : html`<span class="muted">ノートブック全体</span>`}</td></tr>`;
  });
  return html`<table class="points stack"><thead><tr><th>項目</th><th class="num">得点</th><th>判定</th><th>理由(点を与えた/与えなかった理由)と根拠の行</th><th>セル</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th>合計</th><th class="num">${row.score} / ${row.maxScore}</th><th colspan="3"></th></tr></tfoot></table>`;
}

function pinsByCell(input: SubmissionPageInput, pins: Map<string, CriterionPins>): { pins: Map<number, Pin[]>; marks: Map<number, CellMarks> } {
  const byCell = new Map<number, Pin[]>();
  const marks = new Map<number, CellMarks>();
  for (const c of input.ref.row.criteria ?? []) {
    const p = pins.get(c.id);
    if (!p) continue;
    const kind = EVIDENCE_KIND[input.checks.get(c.id) ?? ''] ?? 'both';
    const placed = c.findings.some((f) => f.at && f.at.cell >= 0);
    p.cells.forEach((cell, n) => {
      // findings without a place go with the first cell, so that none is lost beside the notebook
      const here = placed ? c.findings.filter((f) => f.at?.cell === cell || (n === 0 && !(f.at && f.at.cell >= 0))) : c.findings;
      byCell.set(cell, [...(byCell.get(cell) ?? []), { result: c, messages: here.map(findingHtml), kind }]);
    });
    for (const m of p.marks) {
      const entry = marks.get(m.cell) ?? { code: new Set<number>(), output: new Set<number>() };
      entry[m.kind].add(m.line);
      marks.set(m.cell, entry);
    }
  }
  return { pins: byCell, marks };
}

export function submissionPage(input: SubmissionPageInput): string {
  const { ref, plan } = input;
  const row = ref.row;
  const { previous, next } = neighbours(plan, ref);
  const link = (p: PageRef | null, label: string): Raw => (p ? html`<a href="${`../${p.href}`}">${label}: ${who(p.row)}</a>` : html`<span class="muted">${label}: なし</span>`);
  const nav = html`<nav class="top"><a href="../index.html">← クラスの一覧</a>${link(previous, '前')}<span class="spacer"></span>${link(next, next && next.reasons.length > 0 ? '次の要確認' : '次')} →</nav>`;
  const flags = row.flags.map((f) => html`<dt>${flagBadge(f)} <small class="raw-text">${f}</small></dt><dd>${flagText(f).ja}</dd>`);
  const criterionPinsById = new Map((row.criteria ?? []).map((c) => [c.id, pinsFor(input, c)]));
  const otherReasons = ref.reasons.filter((r) => r.code !== ref.cause?.code && r.code !== 'partly-met' && r.code !== 'zero-score');
  const notebook = row.notebook ? pinsByCell(input, criterionPinsById) : null;
  const body = html`${nav}<main>
<h1>${who(row)}</h1>
<div class="meta"><span>ファイル <b>${row.file}</b></span><span>提出 <b>${row.submittedAt}</b> (${row.timeSource})</span><span>状態 <span class="badge st-${row.status}">${statusJa(row.status)}</span></span></div>
${ref.cause || (row.criteria ?? []).some((c) => c.points < c.maxPoints) ? html`<section id="cause" class="${ref.reasons.length > 0 ? 'cause-box' : 'cause-box calm'}">${causeBlock(row, ref.cause, (id) => `#crit-${id}`)}${(row.status === 'unreadable' || row.status === 'not-a-notebook') && row.reason ? html`<small class="raw-text">${row.reason}</small>` : ''}</section>` : ''}
${scoreBlock(input)}
${appliedOverrides(row)}
${statusExplanation(input)}
${otherReasons.length > 0 ? html`<section id="review"><h2>要確認の理由</h2><ul class="reasons">${otherReasons.map((r) => html`<li>${r.ja}</li>`)}</ul></section>` : ''}
${flags.length > 0 ? html`<section id="flags"><h2>フラグ</h2><dl class="flags">${flags}</dl></section>` : ''}
${integrityView(input.run, plan, row)}
${row.criteria ? html`<section id="points"><h2>採点の内訳</h2>${pointsTable(input, criterionPinsById)}</section>` : ''}
${input.decide ? decidePanel(row, ref.href, input.decide.step) : ''}
${row.evidence ? html`<section id="curves"><h2>学習曲線と参照帯</h2>${input.curves.note ? html`<p class="note">${input.curves.note}</p>` : ''}<div class="charts">${input.curves.svgs.map((svg) => html`<div class="chart">${raw(svg)}</div>`)}</div></section>` : ''}
<section id="feedback"><h2>学生へのフィードバック</h2>${input.feedbackMarkdown ? html`<div class="feedback">${raw(renderMarkdown(input.feedbackMarkdown, { headingOffset: 2 }))}</div>` : html`<p class="muted">${input.feedbackNote}</p>`}<h3>CSV のコメント${input.commentLimit ? `(${input.commentLimit} 文字まで)` : ''}</h3><pre class="out comment">${input.comment}</pre></section>
${fileContent(row, input.content)}
${row.notebook && notebook ? html`<section id="notebook"><h2>ノートブック</h2>${notebookView(row.notebook, notebook.pins, notebook.marks)}</section>` : ''}
</main>`;
  return page({ title: `${who(row)} — ${baseName(row.file)}`, root: '../', body, ...(input.decide ? { decide: input.decide.reportId } : {}) });
}

/**
 * One student for the print bundle (print.html, one student per sheet): who, the cause and lost points,
 * the score, the flags, and the points table with the deciding lines; links lead to the student's page.
 */
export function printSummary(input: Omit<SubmissionPageInput, 'curves' | 'feedbackMarkdown' | 'feedbackNote' | 'comment' | 'commentLimit' | 'content'>): Raw {
  const { ref } = input;
  const row = ref.row;
  const full = { ...input, curves: { svgs: [], note: null }, feedbackMarkdown: null, feedbackNote: '', comment: '', commentLimit: null };
  const pins = new Map((row.criteria ?? []).map((c) => [c.id, pinsFor(full, c)]));
  const flags = row.flags.map((f) => html`${flagBadge(f)} `);
  return html`<section class="student"><h2><a href="${ref.href}">${who(row)}</a></h2>
<div class="meta"><span>ファイル <b>${row.file}</b></span><span>提出 <b>${row.submittedAt}</b></span><span>状態 <span class="badge st-${row.status}">${statusJa(row.status)}</span></span><span>得点 <b>${row.status === 'superseded' ? '採点対象外' : `${row.score} / ${row.maxScore}`}</b></span></div>
${ref.cause || (row.criteria ?? []).some((c) => c.points < c.maxPoints) ? html`<div class="${ref.reasons.length > 0 ? 'cause-box' : 'cause-box calm'}">${causeBlock(row, ref.cause, null)}</div>` : ''}
${flags.length > 0 ? html`<p>フラグ: ${flags}</p>` : ''}
${row.criteria ? pointsTable(full, pins, ref.href) : ''}</section>`;
}
