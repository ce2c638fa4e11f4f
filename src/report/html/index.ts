/**
 * The review report: `index.html` (the class), one page per file under `submissions/`, and one page per
 * pair of suspected copies under `copies/`, all static, self-contained and openable from disk.
 * `generateReport` builds the pages one at a time and hands each to `emit`: `buildReport` collects them
 * (tests), `writeReport` writes them as they come, several writes in flight, so that a class of hundreds
 * never holds every page in memory. Each student's curves reuse a chart frame rendered once per shape.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { feedbackMarkdown, feedbackRows } from '../feedback.js';
import { CurveCharts, finalAccuracySpec, histogramSpec, passRateSpec, renderSvg, type CriterionTally, type CurvePoint } from './charts.js';
import { classPage, type ClassCharts } from './class-page.js';
import { pairPage } from './copies.js';
import { planPages } from './pages.js';
import { printPage } from './print-page.js';
import { provenanceJa, type Provenance } from './provenance.js';
import type { ReferenceLoad } from './reference-band.js';
import { submissionPage } from './submission-page.js';
import type { Expected, GradeRow, GradeRun } from '../../types.js';

export interface ReportOptions {
  /** The rubric's criteria: check id (to pin a met criterion to its evidence). */
  criteria: readonly { id: string; check: string }[];
  reference: ReferenceLoad;
  /** The final val_accuracy a submission must reach, when the rubric has one. */
  threshold: number | null;
  /** --comment-limit, already applied to the rows' comments (the pages say so). */
  commentLimit?: number;
  /** Where the expected values come from, in Japanese (default: built from the run). */
  provenance?: Provenance;
  /** The expected shapes, to highlight the printed shapes each check reads. */
  shapes?: Expected['shapes'];
  /** The rubric's points step (the TA's inputs on each page step by it; default 0.5). */
  pointStep?: number;
  /** The bytes of files that were not graded (late, superseded, unreadable, not notebooks), by row file: their pages show them. */
  contents?: ReadonlyMap<string, Uint8Array>;
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
  const [histogram, passRate, finalAccuracy] = await Promise.all([
    renderSvg(histogramSpec(graded.map((r) => r.score), run.maxScore)),
    graded.length > 0 ? renderSvg(passRateSpec(tallies)) : null,
    points.length > 0 ? renderSvg(finalAccuracySpec(points, options.reference.band, options.threshold)) : null,
  ]);
  return { histogram, passRate, finalAccuracy, accuracyNotes: notes };
}

async function curves(row: GradeRow, charts: CurveCharts, options: ReportOptions): Promise<{ svgs: string[]; note: string | null }> {
  const log = row.evidence?.outputs.trainingLogs.at(-1);
  if (!log || log.epochs.length === 0) return { svgs: [], note: '保存された出力に学習ログがないため、学習曲線はありません。' };
  const pick = (metrics: readonly string[]): CurvePoint[] =>
    log.epochs.flatMap((e) => metrics.flatMap((metric) => (typeof e[metric] === 'number' ? [{ epoch: e.epoch, metric, value: e[metric] }] : [])));
  const svgs: string[] = [];
  for (const [metrics, title] of [[['accuracy', 'val_accuracy'], 'accuracy'], [['loss', 'val_loss'], 'loss']] as const) {
    const svg = await charts.render(pick(metrics), [...metrics], title);
    if (svg) svgs.push(svg);
  }
  return { svgs, note: options.reference.missing };
}

/**
 * The key of this report's decisions in localStorage: the assignment, its deadline and the class's student
 * ids, so that a rerun (with --overrides) keeps them and another class or assignment never sees them.
 */
function reportKey(run: GradeRun): string {
  const ids = [...new Set(run.rows.map((row) => row.studentId ?? ''))].sort().join('\n');
  return createHash('sha256').update(`${run.rubricTitle}\n${run.deadline}\n${ids}`).digest('hex').slice(0, 16);
}

/** Builds every page and hands each to `emit` as soon as it is built (the class page first). */
export async function generateReport(run: GradeRun, options: ReportOptions, emit: (file: ReportFile) => void | Promise<void>): Promise<number> {
  const plan = planPages(run);
  const checks = new Map(options.criteria.map((c) => [c.id, c.check]));
  const primaries = feedbackRows(run);
  const primaryOf = new Map(primaries.map((row) => [row.studentId, row]));
  const isPrimary = new Set(primaries);
  const charts = new CurveCharts(options.reference.band);
  const provenance = options.provenance ?? provenanceJa({ expectedSource: run.expectedSource, accuracy: run.accuracy, band: options.reference.band });
  const reportId = reportKey(run);
  const decide = { reportId, step: options.pointStep ?? 0.5 };
  let count = 0;
  await emit({ path: 'index.html', content: classPage(run, plan, await classCharts(run, options), provenance, reportId) });
  count++;
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
      curves: row.evidence ? await curves(row, charts, options) : { svgs: [], note: null },
      feedbackMarkdown: isPrimary.has(row) ? feedbackMarkdown(run, row) : null,
      feedbackNote,
      comment: row.comment,
      commentLimit: options.commentLimit ?? null,
      shapes: options.shapes,
      content: options.contents?.get(row.file),
      decide,
    });
    await emit({ path: ref.href, content });
    count++;
  }
  for (const pair of plan.pairs) {
    await emit({ path: pair.href, content: pairPage(pair, plan) });
    count++;
  }
  await emit({ path: 'print.html', content: printPage(run, plan, checks, options.shapes) });
  return count + 1;
}

/** Every page of the report, in memory (tests; the CLI streams them with writeReport). */
export async function buildReport(run: GradeRun, options: ReportOptions): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  await generateReport(run, options, (file) => {
    files.push(file);
  });
  return files;
}

/** Writes at most this many pages at once. */
const WRITES_IN_FLIGHT = 16;

/** Builds and writes the report under `dir`, each page as soon as it is built; returns the number of pages. */
export async function writeReport(dir: string, run: GradeRun, options: ReportOptions): Promise<number> {
  const made = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const count = await generateReport(run, options, async (file) => {
    const path = join(dir, file.path);
    const folder = dirname(path);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const write = writeFile(path, file.content).finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
  });
  await Promise.all(inFlight);
  return count;
}

/** Writes files under `dir`, creating folders; returns the absolute-or-given paths written. */
export async function writeFiles(dir: string, files: readonly ReportFile[]): Promise<string[]> {
  const written: string[] = [];
  const made = new Set<string>();
  for (const file of files) {
    const path = join(dir, file.path);
    if (!made.has(dirname(path))) {
      await mkdir(dirname(path), { recursive: true });
      made.add(dirname(path));
    }
    written.push(path);
  }
  await Promise.all(files.map((file, i) => writeFile(written[i]!, file.content)));
  return written;
}
