/**
 * The integrity part of a submission page, in Japanese: stale or edited outputs and Colab metadata
 * findings for this file (what the flag means, the cell as a link; the detector's English sentence as
 * small print), and the pairs of suspected copies it belongs to, each linked to the one page where the
 * pair's shared evidence stands side by side. For TAs only (the student feedback never mentions other students).
 */
import { flagText } from '../flags.js';
import { firstSubmitted, pairKinds } from './copies.js';
import { html, type Raw } from './escape.js';
import { cellHref } from './notebook-view.js';
import type { ReportPlan } from './pages.js';
import type { GradeRow, GradeRun } from '../../types.js';

const who = (row: GradeRow): string => [row.studentId ?? '(学籍番号なし)', row.name ?? ''].join(' ').trim();

export function flagBadge(flag: string): Raw {
  return html`<span class="badge flag" title="${flag}">${flagText(flag).label}</span>`;
}

export function integrityView(run: GradeRun, plan: ReportPlan, row: GradeRow): Raw {
  const integrity = run.integrity as GradeRun['integrity'] | undefined;
  if (!integrity) return html``;
  const findings = integrity.findings.filter((f) => f.file === row.file);
  const pairs = plan.pairs.filter((p) => p.a.row === row || p.b.row === row);
  if (findings.length === 0 && pairs.length === 0) return html``;
  const findingItems = findings.map(
    (f) =>
      html`<li>${flagBadge(f.flag)} ${flagText(f.flag).ja}${f.at && f.at.cell >= 0 ? html` — <a href="${cellHref(f.at.cell)}">セル ${f.at.cell + 1}</a>` : ''}<br><small class="raw-text">${f.flag}: ${f.evidence}</small></li>`,
  );
  const pairItems = pairs.map((p) => {
    const other = p.a.row === row ? p.b : p.a;
    return html`<li><a href="${`../${p.href}`}"><b>${who(other.row)}</b> との一致を並べて見る</a> — ${pairKinds(p)}。${firstSubmitted(p)}。 <small class="raw-text">[${p.links.map((l) => `${l.cluster.id} ${l.cluster.kind}`).join(', ')}]</small></li>`;
  });
  return html`<section id="integrity"><h2>整合性・コピーの確認</h2>${findingItems.length > 0 ? html`<ul class="reasons">${findingItems}</ul>` : ''}${
    pairItems.length > 0 ? html`<div class="warn"><b>コピーの疑い</b>(一致の内容は組ごとのページに並べてあります):<ul>${pairItems}</ul></div>` : ''
  }</section>`;
}
