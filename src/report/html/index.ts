/**
 * The review report: `index.html` (the class) and one page per file under `submissions/`, all static,
 * self-contained and openable from disk. `buildReport` is pure apart from rendering charts; it returns the
 * files to write (relative path → text), and `writeReport` writes them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { feedbackMarkdown, feedbackRows } from '../feedback.js';
import { curveSpec, finalAccuracySpec, histogramSpec, passRateSpec, renderSvg, type CriterionTally, type CurvePoint } from './charts.js';
import { classPage, type ClassCharts } from './class-page.js';
import { planPages } from './pages.js';
import type { ReferenceLoad } from './reference-band.js';
import { submissionPage } from './submission-page.js';
import type { GradeRow, GradeRun } from '../../types.js';

export interface ReportOptions {
  /** The rubric's criteria: check id (to pin a met criterion to its evidence). */
  criteria: readonly { id: string; check: string }[];
  reference: ReferenceLoad;
  /** The final val_accuracy a submission must reach, when the rubric has one. */
  threshold: number | null;
  /** --comment-limit, already applied to the rows' comments (the pages say so). */
  commentLimit?: number;
}

export interface ReportFile {
  path: string;
  content: string;
}

const CHART_ID = /^[0-9A-Za-z_-]{1,20}$/;

function finalValAccuracy(row: GradeRow): number | null {
  const value = row.evidence?.outputs.trainingLogs.at(-1)?.final?.['val_accuracy'];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

async function classCharts(run: GradeRun, options: ReportOptions): Promise<ClassCharts> {
  const graded = run.rows.filter((r) => r.status === 'graded');
  const tallies: CriterionTally[] = run.criteria.map((c) => {
    const results = graded.map((r) => r.criteria?.find((x) => x.id === c.id)?.status);
    const n = (s: string): number => results.filter((x) => x === s).length;
    return { title: c.title, met: n('met'), partly: n('partly-met'), notMet: n('not-met'), unreadable: n('unreadable') };
  });
  const points = graded.flatMap((row, i) => {
    const value = finalValAccuracy(row);
    const label = row.studentId && CHART_ID.test(row.studentId) ? row.studentId : `#${i + 1}`;
    return value === null ? [] : [{ label, value }];
  });
  const notes = [
    ...(options.reference.missing ? [options.reference.missing] : [`参照帯: ${options.reference.band?.seeds ?? 0} 回の参照学習の最小〜最大(破線は平均)。`]),
    ...(graded.length > points.length ? [`学習ログから val_accuracy を読めない提出 ${graded.length - points.length} 件は表示していません。`] : []),
  ];
  return {
    histogram: await renderSvg(histogramSpec(graded.map((r) => r.score), run.maxScore)),
    passRate: graded.length > 0 ? await renderSvg(passRateSpec(tallies)) : null,
    finalAccuracy: points.length > 0 ? await renderSvg(finalAccuracySpec(points, options.reference.band, options.threshold)) : null,
    accuracyNotes: notes,
  };
}

async function curves(row: GradeRow, options: ReportOptions): Promise<{ svgs: string[]; note: string | null }> {
  const log = row.evidence?.outputs.trainingLogs.at(-1);
  if (!log || log.epochs.length === 0) return { svgs: [], note: '保存された出力に学習ログがないため、学習曲線はありません。' };
  const pick = (metrics: [string, string]): CurvePoint[] =>
    log.epochs.flatMap((e) => metrics.flatMap((metric) => (typeof e[metric] === 'number' ? [{ epoch: e.epoch, metric, value: e[metric] }] : [])));
  const svgs: string[] = [];
  for (const [metrics, title] of [[['accuracy', 'val_accuracy'], 'accuracy'], [['loss', 'val_loss'], 'loss']] as const) {
    const points = pick([...metrics]);
    if (points.length > 0) svgs.push(await renderSvg(curveSpec(points, options.reference.band, [...metrics], title)));
  }
  return { svgs, note: options.reference.missing };
}

export async function buildReport(run: GradeRun, options: ReportOptions): Promise<ReportFile[]> {
  const plan = planPages(run);
  const checks = new Map(options.criteria.map((c) => [c.id, c.check]));
  const feedbackFor = new Map(feedbackRows(run).map((row) => [row, feedbackMarkdown(run, row)]));
  const primaryOf = new Map(feedbackRows(run).map((row) => [row.studentId, row]));
  const files: ReportFile[] = [{ path: 'index.html', content: classPage(run, plan, await classCharts(run, options)) }];
  for (const ref of plan.pages) {
    const row = ref.row;
    const primary = row.studentId ? primaryOf.get(row.studentId) : undefined;
    const feedbackNote = primary
      ? `この学生へのフィードバックは、別の提出(${primary.file})について書いています。`
      : '学籍番号がファイル名から読み取れない(または安全なファイル名にならない)ため、フィードバックファイルは作っていません。';
    const content = submissionPage({
      run,
      plan,
      ref,
      checks,
      curves: row.evidence ? await curves(row, options) : { svgs: [], note: null },
      feedbackMarkdown: feedbackFor.get(row) ?? null,
      feedbackNote,
      comment: row.comment,
      commentLimit: options.commentLimit ?? null,
    });
    files.push({ path: ref.href, content });
  }
  return files;
}

/** Writes files under `dir`, creating folders; returns the absolute-or-given paths written. */
export async function writeFiles(dir: string, files: readonly ReportFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    written.push(path);
  }
  return written;
}
