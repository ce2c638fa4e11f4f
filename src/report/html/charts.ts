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
  const many = points.length > 32;
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
      // a large class: one dot per student without labels (hover shows the id), in a chart that still fits the page
      x: { field: 'label', type: 'nominal', title: many ? '学生(学籍番号順)' : '学籍番号', sort: null, axis: { labelAngle: -45, labels: !many, ticks: !many } },
      y: { field: 'value', type: 'quantitative', title: '最終 val_accuracy', scale: { zero: false } },
    },
  });
  return { width: many ? 900 : Math.max(240, points.length * 28), height: 200, layer: layers } as TopLevelSpec;
}

export interface CurvePoint {
  epoch: number;
  metric: string;
  value: number;
}

interface Frame {
  svg: string;
  /** Where the plot area starts inside the SVG (the root group's translation). */
  x: number;
  y: number;
}

const CURVE_WIDTH = 300;
const CURVE_HEIGHT = 180;
const CURVE_COLORS = ['#111827', '#dc2626', '#9ca3af', '#fca5a5'];

/** A nice [lo, hi] around values (d3's nice, as vega-lite's own scales do). */
function niceDomain(values: number[], zero: boolean): [number, number] {
  const lo = Math.min(...values, ...(zero ? [0] : []));
  const hi = Math.max(...values);
  const linear = vega.scale('linear') as () => { domain(d: number[]): { nice(count: number): { domain(): number[] } } };
  const [a, b] = linear().domain(lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi]).nice(5).domain();
  return [a ?? lo, b ?? hi];
}

/**
 * One student's training curves (accuracy and val_accuracy, or loss and val_loss) over the reference band.
 * The frame (axes, grid, the reference band, the legend) is rendered by vega once per shape — metrics,
 * domains, whether there is a band — and reused; the student's own lines are drawn into it as SVG paths,
 * so a class of 200 costs a handful of vega renders, not 400.
 */
export class CurveCharts {
  private readonly frames = new Map<string, Promise<Frame>>();

  constructor(private readonly band: ReferenceBand | null) {}

  async render(points: readonly CurvePoint[], metrics: [string, string], title: string): Promise<string | null> {
    const finite = points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.epoch));
    if (finite.length === 0) return null;
    const bandValues = (this.band?.epochs ?? []).flatMap((e) =>
      metrics.flatMap((metric) => {
        const stat = e[metric as keyof typeof e];
        return stat && typeof stat === 'object' && Number.isFinite(stat.min) && Number.isFinite(stat.max) ? [{ epoch: e.epoch, metric: `参照 ${metric}`, min: stat.min, max: stat.max }] : [];
      }),
    );
    const x = niceDomain([...finite.map((p) => p.epoch), ...bandValues.map((b) => b.epoch)], true);
    const y = niceDomain([...finite.map((p) => p.value), ...bandValues.flatMap((b) => [b.min, b.max])], false);
    const key = JSON.stringify([metrics, title, x, y, bandValues.length > 0]);
    let frame = this.frames.get(key);
    if (!frame) {
      frame = this.frame(bandValues, metrics, title, x, y);
      this.frames.set(key, frame);
    }
    return overlay(await frame, finite, metrics, x, y);
  }

  /** Number of distinct frames rendered so far (for tests and the benchmark). */
  get rendered(): number {
    return this.frames.size;
  }

  private async frame(bandValues: { epoch: number; metric: string; min: number; max: number }[], metrics: [string, string], title: string, x: [number, number], y: [number, number]): Promise<Frame> {
    const withBand = bandValues.length > 0;
    const colors = withBand
      ? { domain: [metrics[0], metrics[1], `参照 ${metrics[0]}`, `参照 ${metrics[1]}`], range: CURVE_COLORS }
      : { domain: [metrics[0], metrics[1]], range: CURVE_COLORS.slice(0, 2) };
    const xEnc = { type: 'quantitative', title: 'エポック', axis: { tickMinStep: 1 }, scale: { domain: x, nice: false, zero: false } } as const;
    const yEnc = { type: 'quantitative', title, scale: { domain: y, nice: false, zero: false } } as const;
    const color = { field: 'metric', type: 'nominal', scale: colors, title: null, legend: { symbolOpacity: 1 } } as const;
    const layers: TopLevelSpec[] = [];
    if (withBand) {
      layers.push({ data: { values: bandValues }, mark: { type: 'area', opacity: 0.35 }, encoding: { x: { field: 'epoch', ...xEnc }, y: { field: 'min', ...yEnc }, y2: { field: 'max' }, color } });
    }
    // the student's metrics in the legend (and the scales when there is no band): drawn invisibly, the lines come later
    layers.push({
      data: { values: metrics.map((metric) => ({ metric, epoch: x[0], value: y[0] })) },
      mark: { type: 'point', opacity: 0 },
      encoding: { x: { field: 'epoch', ...xEnc }, y: { field: 'value', ...yEnc }, color },
    });
    const svg = await renderSvg({ width: CURVE_WIDTH, height: CURVE_HEIGHT, layer: layers } as TopLevelSpec);
    const at = /<g[^>]*transform="translate\((-?[\d.]+),(-?[\d.]+)\)"/.exec(svg);
    return { svg, x: Number(at?.[1] ?? 0), y: Number(at?.[2] ?? 0) };
  }
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** The student's lines and points, in the frame's plot coordinates, appended on top of the frame. */
function overlay(frame: Frame, points: readonly CurvePoint[], metrics: [string, string], x: [number, number], y: [number, number]): string {
  const px = (epoch: number): number => ((epoch - x[0]) / (x[1] - x[0] || 1)) * CURVE_WIDTH;
  const py = (value: number): number => CURVE_HEIGHT - ((value - y[0]) / (y[1] - y[0] || 1)) * CURVE_HEIGHT;
  const marks = metrics.map((metric, i) => {
    const series = points.filter((p) => p.metric === metric).sort((a, b) => a.epoch - b.epoch);
    if (series.length === 0) return '';
    const colour = CURVE_COLORS[i]!;
    const d = series.map((p, n) => `${n === 0 ? 'M' : 'L'}${fmt(px(p.epoch))},${fmt(py(p.value))}`).join('');
    const dots = series.map((p) => `<circle cx="${fmt(px(p.epoch))}" cy="${fmt(py(p.value))}" r="2.2" fill="${colour}"><title>${escapeXml(metric)} ${p.epoch}: ${p.value}</title></circle>`).join('');
    return `<g class="student-series"><path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}</g>`;
  });
  const group = `<g class="student-curves" transform="translate(${frame.x},${frame.y})">${marks.join('')}</g>`;
  return frame.svg.replace(/<\/svg>\s*$/, `${group}</svg>`);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
