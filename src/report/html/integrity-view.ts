/**
 * The integrity part of a submission page: stale or edited outputs and Colab metadata findings for this
 * file, and the copy clusters it belongs to, with links to the other members' pages. For TAs only (the
 * student feedback never mentions other students).
 */
import { flagText } from '../flags.js';
import { html, type Raw } from './escape.js';
import { cellHref } from './notebook-view.js';
import { baseName, type ReportPlan } from './pages.js';
import type { GradeRow, GradeRun } from '../../types.js';

const KIND_JA: Record<string, string> = { 'training-log': '学習ログ', code: 'コード', image: '画像', 'colab-user': 'Colab ユーザー' };

export function integrityView(run: GradeRun, plan: ReportPlan, row: GradeRow): Raw {
  const integrity = run.integrity as GradeRun['integrity'] | undefined;
  if (!integrity) return html``;
  const findings = integrity.findings.filter((f) => f.file === row.file);
  const clusters = integrity.clusters.filter((c) => c.members.some((m) => m.file === row.file));
  if (findings.length === 0 && clusters.length === 0) return html``;
  const pageOf = (file: string) => plan.pages.find((p) => p.row.file === file);
  const findingItems = findings.map(
    (f) => html`<li><span class="badge flag">${f.flag}</span> ${flagText(f.flag).ja}<br><span class="muted">${f.evidence}</span>${f.at && f.at.cell >= 0 ? html` — <a href="${cellHref(f.at.cell)}">セル ${f.at.cell + 1}</a>` : ''}</li>`,
  );
  const clusterItems = clusters.map((c) => {
    const others = c.members
      .filter((m) => m.file !== row.file)
      .map((m) => {
        const ref = pageOf(m.file);
        const label = `${m.studentId ?? '(学籍番号なし)'} ${m.name ?? ''} — ${baseName(m.file)}`;
        return html`<li>${ref ? html`<a href="${`../${ref.href}`}">${label}</a>` : label}</li>`;
      });
    return html`<div class="warn"><b>${c.id}</b>: ${KIND_JA[c.kind] ?? c.kind}が一致(類似度 ${c.similarity})。同じクラスタの提出:<ul>${others}</ul><ul class="muted">${c.evidence.map((e) => html`<li>${e}</li>`)}</ul></div>`;
  });
  return html`<section id="integrity"><h2>整合性・コピーの確認</h2>${findingItems.length > 0 ? html`<ul class="reasons">${findingItems}</ul>` : ''}${clusterItems}</section>`;
}
