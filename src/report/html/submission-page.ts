/**
 * One submission's page: who and when, why it needs a look, its flags explained, the points with their
 * reasons (each linked to the cell it rests on), training curves against the reference band, the
 * feedback the student gets, and the notebook itself with each criterion pinned beside its cell.
 */
import { findingForTa } from '../../core/comment/comment.js';
import { flagText } from '../flags.js';
import { html, raw, type Raw } from './escape.js';
import { page } from './layout.js';
import { renderMarkdown } from './markdown.js';
import { integrityView } from './integrity-view.js';
import { cellHref, notebookView, STATUS_MARK, type Pin } from './notebook-view.js';
import { pinnedCells } from './evidence-cells.js';
import { baseName, neighbours, STATUS_JA, type PageRef, type ReportPlan } from './pages.js';
import type { GradeRow, GradeRun } from '../../types.js';

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
}

const who = (row: GradeRow): string => [row.studentId ?? '(学籍番号なし)', row.name ?? ''].join(' ').trim();

function statusExplanation(input: SubmissionPageInput): Raw {
  const { row, plan, run } = { row: input.ref.row, plan: input.plan, run: input.run };
  switch (row.status) {
    case 'graded':
      return html``;
    case 'late':
      return row.criteria
        ? html`<p class="warn">締め切り(${row.deadline})後の提出(${row.submittedAt})です。採点したうえで、遅れの規定により${row.late?.penalty ?? 0} 点減点しました(減点前 ${row.late?.scoreBeforePenalty ?? row.score} 点)。</p>`
        : html`<p class="warn">締め切り(${row.deadline})後の提出(${row.submittedAt})です。遅れた課題は受け付けない規定(${run.latePolicy.policy})により 0 点とし、内容は採点していません。</p>`;
    case 'superseded': {
      const target = plan.pages.find((p) => p.row.file === row.reason && p.row !== row);
      return html`<p class="note">同じ学生が締め切り内にこの後で提出したファイル${target ? html`(<a href="${`../${target.href}`}">${baseName(target.row.file)}</a>)` : row.reason ? `(${row.reason})` : ''}を採点しました。このファイルは採点していません。</p>`;
    }
    case 'not-a-notebook':
      return html`<p class="warn">ノートブック(.ipynb)ではないため採点していません。${row.reason ? ` 理由: ${row.reason}` : ''}</p>`;
    case 'unreadable':
      return html`<p class="warn">ノートブックとして読み込めませんでした。理由: ${row.reason ?? '不明'}。学生に再提出を依頼するか、ファイルを確認してください。</p>`;
    case 'missing':
      return html`<p class="warn">名簿にある学生ですが、提出がありません(0 点、未提出)。</p>`;
  }
}

function pointsTable(input: SubmissionPageInput): Raw {
  const row = input.ref.row;
  if (!row.criteria) return html``;
  const rows = row.criteria.map((c) => {
    const cells = pinnedCells(c, input.checks.get(c.id), row.evidence);
    const links = cells.map((i, n) => html`${n > 0 ? '、' : ''}<a href="${cellHref(i)}">セル ${i + 1}</a>`);
    // a criterion met only because its findings follow from a mistake charged elsewhere still shows them, with that note
    const reason =
      c.status === 'met' && c.findings.length === 0
        ? html`満たしています。`
        : html`${c.status === 'met' ? html`満たしています(減点なし)。` : ''}<ul class="findings">${c.findings.map((f) => html`<li>${findingForTa(f)}</li>`)}</ul>${c.feedback ? html`<div class="muted">求めていること: ${c.feedback}</div>` : ''}`;
    return html`<tr id="${`crit-${c.id}`}"><td>${c.title}${c.hidden ? html` <span class="badge hidden-crit">非公開</span>` : ''}</td><td class="num">${c.points} / ${c.maxPoints}</td><td><span class="badge c-${c.status}">${STATUS_MARK[c.status]}</span></td><td class="reason">${reason}</td><td>${cells.length > 0 ? links : html`<span class="muted">ノートブック全体</span>`}</td></tr>`;
  });
  return html`<table class="points"><thead><tr><th>項目</th><th class="num">得点</th><th>判定</th><th>理由(点を与えた/与えなかった理由)</th><th>根拠</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th>合計</th><th class="num">${row.score} / ${row.maxScore}</th><th colspan="3"></th></tr></tfoot></table>`;
}

function pinsByCell(input: SubmissionPageInput): Map<number, Pin[]> {
  const pins = new Map<number, Pin[]>();
  for (const c of input.ref.row.criteria ?? []) {
    const fromFindings = c.findings.some((f) => f.at && f.at.cell >= 0);
    for (const cell of pinnedCells(c, input.checks.get(c.id), input.ref.row.evidence)) {
      const messages = fromFindings ? c.findings.filter((f) => f.at?.cell === cell).map(findingForTa) : c.findings.map(findingForTa);
      pins.set(cell, [...(pins.get(cell) ?? []), { result: c, messages }]);
    }
  }
  return pins;
}

export function submissionPage(input: SubmissionPageInput): string {
  const { ref, plan } = input;
  const row = ref.row;
  const { previous, next } = neighbours(plan, ref);
  const link = (p: PageRef | null, label: string): Raw => (p ? html`<a href="${`../${p.href}`}">${label}: ${who(p.row)}</a>` : html`<span class="muted">${label}: なし</span>`);
  const nav = html`<nav class="top"><a href="../index.html">← クラスの一覧</a>${link(previous, '前')}<span class="spacer"></span>${link(next, next && next.reasons.length > 0 ? '次の要確認' : '次')} →</nav>`;
  const flags = row.flags.map((f) => html`<dt><span class="badge flag">${f}</span></dt><dd>${flagText(f).ja}</dd>`);
  const body = html`${nav}<main>
<h1>${who(row)}</h1>
<div class="meta"><span>ファイル <b>${row.file}</b></span><span>提出 <b>${row.submittedAt}</b> (${row.timeSource})</span><span>状態 <span class="badge st-${row.status}">${STATUS_JA[row.status]}</span></span></div>
<div class="score" id="score">${row.score}<small> / ${row.maxScore} 点</small></div>
${statusExplanation(input)}
${ref.reasons.length > 0 ? html`<section id="review"><h2>要確認の理由</h2><ul class="reasons">${ref.reasons.map((r) => html`<li>${r.ja}</li>`)}</ul></section>` : ''}
${flags.length > 0 ? html`<section id="flags"><h2>フラグ</h2><dl class="flags">${flags}</dl></section>` : ''}
${integrityView(input.run, plan, row)}
${row.criteria ? html`<section id="points"><h2>採点の内訳</h2>${pointsTable(input)}</section>` : ''}
${row.evidence ? html`<section id="curves"><h2>学習曲線と参照帯</h2>${input.curves.note ? html`<p class="note">${input.curves.note}</p>` : ''}<div class="charts">${input.curves.svgs.map((svg) => html`<div class="chart">${raw(svg)}</div>`)}</div></section>` : ''}
<section id="feedback"><h2>学生へのフィードバック</h2>${input.feedbackMarkdown ? html`<div class="feedback">${raw(renderMarkdown(input.feedbackMarkdown, { headingOffset: 2 }))}</div>` : html`<p class="muted">${input.feedbackNote}</p>`}<h3>CSV のコメント${input.commentLimit ? `(${input.commentLimit} 文字まで)` : ''}</h3><pre class="out">${input.comment}</pre></section>
${row.notebook ? html`<section id="notebook"><h2>ノートブック</h2>${notebookView(row.notebook, pinsByCell(input))}</section>` : ''}
</main>`;
  return page({ title: `${who(row)} — ${baseName(row.file)}`, root: '../', body });
}
