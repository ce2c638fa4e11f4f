/**
 * The class page (index.html): counts, the review queue first — each entry starting with its root cause
 * and the criteria that lost points —, the suspected copies (one line per pair, linked to the pair's
 * page), the students with no submission, the charts (score histogram, pass rate per criterion, final
 * val_accuracy against the reference band), then every file in a sortable table. Every row links to its
 * submission page, where each point's reason is one click further at most.
 */
import { mean, median } from '../../stats.js';
import { flagText } from '../flags.js';
import { isMissing } from '../review.js';
import { causeBadge, lostList } from './cause.js';
import { decisionsPanel } from './decide.js';
import { firstSubmitted, pairKinds } from './copies.js';
import { esc, html, raw, type Raw } from './escape.js';
import { page } from './layout.js';
import { STATUS_MARK } from './notebook-view.js';
import { baseName, statusJa, type PageRef, type ReportPlan } from './pages.js';
import type { Provenance } from './provenance.js';
import type { GradeRow, GradeRun } from '../../types.js';

export interface ClassCharts {
  histogram: string;
  passRate: string | null;
  finalAccuracy: string | null;
  /** Notes under the accuracy chart (no reference file, students without a log). */
  accuracyNotes: string[];
}

const who = (row: GradeRow): { id: string; name: string } => ({ id: row.studentId ?? '—', name: row.name ?? '' });

function countCards(run: GradeRun): Raw {
  const counts = new Map<string, number>();
  for (const row of run.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const graded = run.rows.filter((r) => r.status === 'graded').map((r) => r.score);
  const files = run.rows.filter((r) => !isMissing(r)).length;
  const cards = [...counts].map(([status, n]) => html`<div class="card"><div class="n">${n}</div><span class="badge st-${status}">${statusJa(status)}</span></div>`);
  return html`<div class="cards"><div class="card"><div class="n">${files}</div>ファイル</div>${cards}<div class="card"><div class="n">${mean(graded).toFixed(2)}</div>平均点(採点済み)</div><div class="card"><div class="n">${median(graded).toFixed(2)}</div>中央値 / ${run.maxScore} 点</div></div>`;
}

function reviewTable(plan: ReportPlan): Raw {
  const queue = plan.order.filter((p) => p.reasons.length > 0);
  if (queue.length === 0) return html`<p>要確認の提出はありません。</p>`;
  const rows = queue.map((p, i) => {
    const w = who(p.row);
    const others = p.reasons.filter((r) => r.code !== p.cause?.code && r.code !== 'partly-met' && r.code !== 'zero-score');
    return html`<tr class="review"><td class="num idx">${i + 1}</td><td class="cause-cell">${p.cause ? html`<div class="cause-line">${causeBadge(p.cause)} <span>${p.cause.ja}</span></div>` : ''}${lostList(p.row, (id) => `${p.href}#crit-${id}`)}</td><td class="nowrap" data-label="学籍番号"><a href="${p.href}">${w.id}</a><div>${w.name}</div></td><td class="num" data-label="得点">${p.row.status === 'superseded' ? '—' : p.row.score}</td><td data-label="状態"><span class="badge st-${p.row.status}">${statusJa(p.row.status)}</span><div class="file muted">${baseName(p.row.file)}</div></td><td${raw(others.length > 0 ? ' data-label="ほかの理由"' : '')}>${others.length > 0 ? html`<ul class="reasons">${others.map((r) => html`<li>${r.ja}</li>`)}</ul>` : ''}</td></tr>`;
  });
  return html`<table id="review-table" class="stack"><thead><tr><th class="num">#</th><th>原因と失った点</th><th>学籍番号・氏名</th><th class="num">得点</th><th>状態・ファイル</th><th>ほかの理由</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function copiesTable(plan: ReportPlan): Raw {
  if (plan.pairs.length === 0) return html`<p>コピーの疑いはありません。</p>`;
  const rows = plan.pairs.map((p) => {
    const a = who(p.a.row);
    const b = who(p.b.row);
    return html`<tr><td data-label="組"><a href="${p.href}">${a.id} ${a.name} と ${b.id} ${b.name}</a></td><td data-label="一致">${pairKinds(p)}</td><td data-label="提出順">${firstSubmitted(p)}</td></tr>`;
  });
  return html`<table id="copies-table" class="stack"><thead><tr><th>組(クリックで一致を並べて表示)</th><th>一致したもの(類似度)</th><th>提出の順</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function missingList(plan: ReportPlan): Raw {
  return html`<section id="missing"><h2>未提出 (${plan.missing.length})</h2><p>名簿にあって提出のない学生(0 点): ${plan.missing.map((row, i) => html`${i > 0 ? '、' : ''}<span class="nowrap">${row.studentId ?? '—'} ${row.name ?? ''}</span>`)}</p></section>`;
}

function allTable(run: GradeRun, plan: ReportPlan): Raw {
  // data-label: the header's text for print, where Chromium leaves a button out of the header repeated on each page
  const th = (label: string, extra = ''): Raw => html`<th${raw(extra)} data-label="${label}"><button type="button">${label}</button></th>`;
  const head = html`<tr>${th('学籍番号')}${th('氏名')}${th('ファイル')}${th('提出日時')}${th('状態')}${th('得点', ' class="num" data-type="number"')}${run.criteria.map((c) =>
    th(c.title, ` class="num crit" data-type="number" title="${esc(`${c.id} (${c.points} 点)`)}"`),
  )}${th('フラグ')}${th('要確認', ' data-type="number"')}</tr>`;
  const byRow = plan.byRow;
  const rows = run.rows.map((row) => {
    const p: PageRef | undefined = byRow.get(row);
    const results = new Map((row.criteria ?? []).map((c) => [c.id, c]));
    const crit = run.criteria.map((c) => {
      const r = results.get(c.id);
      return r
        ? html`<td class="num" data-sort="${r.points}" data-label="${c.title}"><span class="badge c-${r.status}" title="${STATUS_MARK[r.status]}">${r.points}</span></td>`
        : html`<td class="num muted" data-sort="-1" data-label="${c.title}">—</td>`;
    });
    const w = who(row);
    const reasons = p?.reasons.length ?? 0;
    const idCell = p ? html`<a href="${p.href}">${w.id}</a>` : w.id;
    const fileCell = p ? html`<a href="${p.href}">${baseName(row.file)}</a>` : html`<span class="muted">(提出なし)</span>`;
    return html`<tr${raw(reasons > 0 ? ' class="review"' : '')}><td class="nowrap" data-label="学籍番号">${idCell}</td><td class="nowrap" data-label="氏名">${w.name}</td><td class="file" data-label="ファイル">${fileCell}</td><td class="nowrap" data-label="提出日時">${row.submittedAt}</td><td data-sort="${row.status}" data-label="状態"><span class="badge st-${row.status}">${statusJa(row.status)}</span></td><td class="num" data-label="得点">${row.score}</td>${crit}<td data-label="フラグ">${row.flags.map((f) => html`<span class="badge flag" title="${f}">${flagText(f).label}</span> `)}</td><td data-sort="${reasons}" data-label="要確認">${reasons > 0 ? '要確認' : ''}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="sortable stack" id="all-table"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
}

export function classPage(run: GradeRun, plan: ReportPlan, charts: ClassCharts, provenance: Provenance, reportId?: string): string {
  const queueSize = plan.order.filter((p) => p.reasons.length > 0).length;
  const chart = (title: string, svg: string | null, notes: string[] = []): Raw =>
    html`<div class="chart"><h3>${title}</h3>${svg ? raw(svg) : html`<p class="muted">データがありません。</p>`}${notes.map((n) => html`<p class="note">${n}</p>`)}</div>`;
  const body = html`<nav class="top"><b>採点レビュー</b><a href="#review">要確認 (${queueSize})</a>${plan.pairs.length > 0 ? html`<a href="#copies">コピーの疑い (${plan.pairs.length})</a>` : ''}${plan.missing.length > 0 ? html`<a href="#missing">未提出 (${plan.missing.length})</a>` : ''}<a href="#charts">グラフ</a><a href="#all">全提出</a>${reportId ? html`<a href="#decisions">TA の判断</a>` : ''}<a href="print.html">印刷用(1 人 1 ページ)</a><span class="spacer"></span><span>締め切り ${run.deadline} (${run.tz})</span></nav><main>
<h1>${run.rubricTitle}</h1>
<p class="muted">各行の学籍番号をクリックすると、その提出の「採点の内訳」(点を与えた/与えなかった理由と根拠のセル)が開きます。</p>
<p class="provenance">${provenance.ja} <small class="raw-text">(${provenance.en})</small></p>
${countCards(run)}
<section id="review"><h2>要確認 (${queueSize})</h2><p class="muted">各行は原因から始まり、点を失った項目とその点数(0 点を含む)が続きます。</p>${reviewTable(plan)}</section>
${plan.pairs.length > 0 ? html`<section id="copies"><h2>コピーの疑い (${plan.pairs.length} 組)</h2>${copiesTable(plan)}</section>` : ''}
${plan.missing.length > 0 ? missingList(plan) : ''}
<section id="charts"><h2>グラフ</h2><div class="charts">${chart('得点の分布(採点済み)', charts.histogram)}${chart('項目ごとの達成率(採点済み)', charts.passRate)}${chart('最終 val_accuracy と参照帯', charts.finalAccuracy, charts.accuracyNotes)}</div></section>
<section id="all"><h2>全提出 (${run.rows.length})</h2><p class="muted">見出しをクリックすると並べ替えます。</p>${allTable(run, plan)}</section>
${reportId ? decisionsPanel(run.criteria.map((c) => c.id)) : ''}
</main>`;
  return page({ title: `採点レビュー — ${run.rubricTitle}`, root: '', body, sortable: true, ...(reportId ? { decide: reportId } : {}) });
}
