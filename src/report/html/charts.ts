/**
 * The report's charts: vega-lite specs compiled and rendered to SVG in Node (no browser, no network:
 * data is inline). Labels come from student ids only after they pass a strict pattern; vega escapes
 * text in its SVG output as well.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReferenceBand } from './reference-band.js';

const FONT = 'system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e5e7eb' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom' },
} as const;

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile({ ...spec, config: CONFIG }).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Graded scores, one bar per whole point (a half point counts with the point below). */
export function histogramSpec(scores: number[], maxScore: number): TopLevelSpec {
  const top = Math.ceil(maxScore);
  const values = Array.from({ length: top + 1 }, (_, s) => ({ score: s, count: scores.filter((x) => Math.min(Math.floor(x), top) === s).length }));
  return {
    width: 320,
    height: 160,
    data: { values },
    mark: { type: 'bar', color: '#2563eb' },
    encoding: {
      x: { field: 'score', type: 'ordinal', title: '得点', axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: '人数', axis: { tickMinStep: 1 } },
    },
  };
}

export interface CriterionTally {
  title: string;
  met: number;
  partly: number;
  notMet: number;
  unreadable: number;
}

const STATUS_DOMAIN = ['満たす', '一部', '満たさない', '読めない'];
const STATUS_RANGE = ['#16a34a', '#f59e0b', '#dc2626', '#6b7280'];

export function passRateSpec(tallies: CriterionTally[]): TopLevelSpec {
  const values = tallies.flatMap((t) => [
    { criterion: t.title, status: '満たす', n: t.met, order: 0 },
    { criterion: t.title, status: '一部', n: t.partly, order: 1 },
    { criterion: t.title, status: '満たさない', n: t.notMet, order: 2 },
    { criterion: t.title, status: '読めない', n: t.unreadable, order: 3 },
  ]);
  return {
    width: 360,
    height: { step: 26 },
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'criterion', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
      x: { field: 'n', type: 'quantitative', stack: 'normalize', title: '割合', axis: { format: '%', tickCount: 5 } },
      color: { field: 'status', type: 'nominal', title: null, scale: { domain: STATUS_DOMAIN, range: STATUS_RANGE } },
      order: { field: 'order' },
    },
  };
}

/** Final val_accuracy per student (dots) over the reference band (min–max over seeds) and its mean. */
export function finalAccuracySpec(points: { label: string; value: number }[], band: ReferenceBand | null, threshold: number | null): TopLevelSpec {
  const final = band?.finalValAccuracy ?? null;
  const layers: TopLevelSpec[] = [];
  // A layer drawn from datum values still needs one data row to draw once.
  const one = { values: [{}] };
  if (final) {
    layers.push({ data: one, mark: { type: 'rect', color: '#bfdbfe', opacity: 0.7 }, encoding: { y: { datum: final.min, type: 'quantitative' }, y2: { datum: final.max } } });
    layers.push({ data: one, mark: { type: 'rule', color: '#2563eb', strokeDash: [4, 3] }, encoding: { y: { datum: final.mean, type: 'quantitative' } } });
  }
  if (threshold !== null) layers.push({ data: one, mark: { type: 'rule', color: '#dc2626' }, encoding: { y: { datum: threshold, type: 'quantitative' } } });
  layers.push({
    data: { values: points },
    mark: { type: 'point', filled: true, size: 60, color: '#111827' },
    encoding: {
      x: { field: 'label', type: 'nominal', title: '学籍番号', sort: null, axis: { labelAngle: -45 } },
      y: { field: 'value', type: 'quantitative', title: '最終 val_accuracy', scale: { zero: false } },
    },
  });
  return { width: Math.max(240, points.length * 28), height: 200, layer: layers } as TopLevelSpec;
}

export interface CurvePoint {
  epoch: number;
  metric: string;
  value: number;
}

/** One student's curves for two metrics (accuracy and val_accuracy, or loss and val_loss) over the reference bands. */
export function curveSpec(points: CurvePoint[], band: ReferenceBand | null, metrics: [string, string], title: string): TopLevelSpec {
  const bandValues = (band?.epochs ?? []).flatMap((e) =>
    metrics.flatMap((metric) => {
      const stat = e[metric as keyof typeof e];
      return stat && typeof stat === 'object' ? [{ epoch: e.epoch, metric: `参照 ${metric}`, min: stat.min, max: stat.max }] : [];
    }),
  );
  const colors =
    bandValues.length > 0
      ? { domain: [metrics[0], metrics[1], `参照 ${metrics[0]}`, `参照 ${metrics[1]}`], range: ['#111827', '#dc2626', '#9ca3af', '#fca5a5'] }
      : { domain: [metrics[0], metrics[1]], range: ['#111827', '#dc2626'] };
  const layers: TopLevelSpec[] = [];
  if (bandValues.length > 0) {
    layers.push({
      data: { values: bandValues },
      mark: { type: 'area', opacity: 0.35 },
      encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' }, color: { field: 'metric', type: 'nominal', scale: colors, title: null } },
    });
  }
  layers.push({
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'エポック', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title, scale: { zero: false } },
      color: { field: 'metric', type: 'nominal', scale: colors, title: null },
    },
  });
  return { width: 300, height: 180, layer: layers } as TopLevelSpec;
}
