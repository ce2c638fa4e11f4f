/**
 * print.html: every submission in reading order (the review queue first), one student per A4 sheet —
 * the cause, the lost points, the flags and the points table with the lines that decide them — for a
 * TA who grades on paper. Links lead to each student's page.
 */
import type { Expected, GradeRun } from '../../types.js';
import { html } from './escape.js';
import { page } from './layout.js';
import type { ReportPlan } from './pages.js';
import { printSummary } from './submission-page.js';

export function printPage(run: GradeRun, plan: ReportPlan, checks: ReadonlyMap<string, string>, shapes: Expected['shapes'] | undefined): string {
  const students = plan.order.map((ref) => printSummary({ run, plan, ref, checks, shapes }));
  const body = html`<nav class="top"><a href="index.html">← クラスの一覧</a><span class="spacer"></span><span>印刷すると 1 人 1 ページ(A4)になります</span></nav><main class="print-bundle">
<h1>${run.rubricTitle} — 印刷用(${plan.order.length} 件、要確認が先)</h1>
${students}
</main>`;
  return page({ title: `印刷用 — ${run.rubricTitle}`, root: '', body });
}
