/**
 * The class page (index.html): counts, the review queue first, the charts (score histogram, pass rate
 * per criterion, final val_accuracy against the reference band), then every file in a sortable table.
 * Every row links to its submission page, where each point's reason is one click further at most.
 */
import { mean, median } from '../../stats.js';
import { html, raw, type Raw } from './escape.js';
import { page } from './layout.js';
import { STATUS_MARK } from './notebook-view.js';
import { baseName, STATUS_JA, type ReportPlan } from './pages.js';
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
  const counts = new Map<GradeRow['status'], number>();
  for (const row of run.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const graded = run.rows.filter((r) => r.status === 'graded').map((r) => r.score);
  const cards = [...counts].map(([status, n]) => html`<div class="card"><div class="n">${n}</div><span class="badge st-${status}">${STATUS_JA[status]}</span></div>`);
  return html`<div class="cards"><div class="card"><div class="n">${run.rows.length}</div>ファイル</div>${cards}<div class="card"><div class="n">${mean(graded).toFixed(2)}</div>平均点(採点済み)</div><div class="card"><div class="n">${median(graded).toFixed(2)}</div>中央値 / ${run.maxScore} 点</div></div>`;
}

function reviewTable(plan: ReportPlan): Raw {
  const queue = plan.order.filter((p) => p.reasons.length > 0);
  if (queue.length === 0) return html`<p>要確認の提出はありません。</p>`;
  const rows = queue.map((p, i) => {
    const w = who(p.row);
    return html`<tr class="review"><td class="num">${i + 1}</td><td class="nowrap"><a href="${p.href}">${w.id}</a></td><td class="nowrap">${w.name}</td><td class="file">${baseName(p.row.file)}</td><td><span class="badge st-${p.row.status}">${STATUS_JA[p.row.status]}</span></td><td class="num">${p.row.score}</td><td><ul class="reasons">${p.reasons.map((r) => html`<li>${r.ja}</li>`)}</ul></td></tr>`;
  });
  return html`<table id="review-table"><thead><tr><th class="num">#</th><th>学籍番号</th><th>氏名</th><th>ファイル</th><th>状態</th><th class="num">得点</th><th>理由</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function allTable(run: GradeRun, plan: ReportPlan): Raw {
  const head = html`<tr><th><button type="button">学籍番号</button></th><th><button type="button">氏名</button></th><th><button type="button">ファイル</button></th><th><button type="button">提出日時</button></th><th><button type="button">状態</button></th><th class="num" data-type="number"><button type="button">得点</button></th>${run.criteria.map(
    (c) => html`<th class="num crit" data-type="number" title="${`${c.id} (${c.points} 点)`}"><button type="button">${c.title}</button></th>`,
  )}<th><button type="button">フラグ</button></th><th data-type="number"><button type="button">要確認</button></th></tr>`;
  const rows = plan.pages.map((p) => {
    const row = p.row;
    const byId = new Map((row.criteria ?? []).map((c) => [c.id, c]));
    const crit = run.criteria.map((c) => {
      const r = byId.get(c.id);
      return r ? html`<td class="num" data-sort="${r.points}"><span class="badge c-${r.status}" title="${STATUS_MARK[r.status]}">${r.points}</span></td>` : html`<td class="num muted" data-sort="-1">—</td>`;
    });
    const w = who(row);
    return html`<tr${raw(p.reasons.length > 0 ? ' class="review"' : '')}><td class="nowrap"><a href="${p.href}">${w.id}</a></td><td class="nowrap">${w.name}</td><td class="file"><a href="${p.href}">${baseName(row.file)}</a></td><td class="nowrap">${row.submittedAt}</td><td data-sort="${row.status}"><span class="badge st-${row.status}">${STATUS_JA[row.status]}</span></td><td class="num">${row.score}</td>${crit}<td>${row.flags.map((f) => html`<span class="badge flag">${f}</span> `)}</td><td data-sort="${p.reasons.length}">${p.reasons.length > 0 ? '要確認' : ''}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="sortable" id="all-table"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
}

export function classPage(run: GradeRun, plan: ReportPlan, charts: ClassCharts): string {
  const queueSize = plan.order.filter((p) => p.reasons.length > 0).length;
  const chart = (title: string, svg: string | null, notes: string[] = []): Raw =>
    html`<div class="chart"><h3>${title}</h3>${svg ? raw(svg) : html`<p class="muted">データがありません。</p>`}${notes.map((n) => html`<p class="note">${n}</p>`)}</div>`;
  const body = html`<nav class="top"><b>採点レビュー</b><a href="#review">要確認 (${queueSize})</a><a href="#charts">グラフ</a><a href="#all">全提出</a><span class="spacer"></span><span>締め切り ${run.deadline} (${run.tz})</span></nav><main>
<h1>${run.rubricTitle}</h1>
<p class="muted">各行の学籍番号をクリックすると、その提出の「採点の内訳」(点を与えた/与えなかった理由と根拠のセル)が開きます。期待値: ${run.expectedSource}</p>
${countCards(run)}
<section id="review"><h2>要確認 (${queueSize})</h2>${reviewTable(plan)}</section>
<section id="charts"><h2>グラフ</h2><div class="charts">${chart('得点の分布(採点済み)', charts.histogram)}${chart('項目ごとの達成率(採点済み)', charts.passRate)}${chart('最終 val_accuracy と参照帯', charts.finalAccuracy, charts.accuracyNotes)}</div></section>
<section id="all"><h2>全提出 (${run.rows.length})</h2><p class="muted">見出しをクリックすると並べ替えます。</p>${allTable(run, plan)}</section>
</main>`;
  return page({ title: `採点レビュー — ${run.rubricTitle}`, root: '', body, sortable: true });
}
