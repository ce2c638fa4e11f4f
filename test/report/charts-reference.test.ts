import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurveCharts, finalAccuracySpec, histogramSpec, renderSvg } from '../../src/report/html/charts.js';
import { loadReferenceBand, referencePath } from '../../src/report/html/reference-band.js';

const stat = (mean: number) => ({ mean, min: mean - 0.01, max: mean + 0.01 });
const referenceFile = {
  version: 1,
  epochs: [1, 2, 3].map((epoch) => ({ epoch, loss: stat(0.5 / epoch), accuracy: stat(0.9 + epoch / 100), val_loss: stat(0.4 / epoch), val_accuracy: stat(0.91 + epoch / 100) })),
  final: { val_accuracy: stat(0.94), test_accuracy: stat(0.95) },
  seeds: [
    { seed: 1, finalValAccuracy: 0.93, testAccuracy: 0.94 },
    { seed: 2, finalValAccuracy: 0.95, testAccuracy: 0.95 },
  ],
  run: { backend: 'wasm', notes: [], secondsPerEpoch: 1 },
  model: { layers: [{ name: 'dense', type: 'Dense', params: 7850 }], trainableParams: 7850 },
  fit: { epochs: 3, batchSize: 64, validationSplit: 0.2 },
};

describe('reference band', () => {
  it('is looked for beside the rubric, or where the rubric says', () => {
    expect(referencePath('/r/kadai4.yaml', undefined)).toBe('/r/kadai4.reference.json');
    expect(referencePath('/r/kadai4.yaml', 'ref/k.json')).toBe('/r/ref/k.json');
  });

  it('reads the fields the charts need, and says why there is no band otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'band-'));
    await writeFile(join(dir, 'ok.json'), JSON.stringify(referenceFile));
    await writeFile(join(dir, 'bad.json'), '{"version": 1}');
    const ok = await loadReferenceBand(join(dir, 'ok.json'));
    expect([ok.band?.seeds, ok.band?.backend, ok.band?.finalValAccuracy?.mean, ok.missing]).toEqual([2, 'wasm', 0.94, null]);
    expect((await loadReferenceBand(join(dir, 'none.json'))).missing).toContain('まだないため、参照帯なしで表示しています');
    expect((await loadReferenceBand(join(dir, 'bad.json'))).missing).toContain('形式が想定と違う');
  });
});

describe('charts (vega-lite → SVG in Node)', () => {
  it('renders a histogram', async () => {
    const svg = await renderSvg(histogramSpec([10, 10, 7.5, 0], 10));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('得点');
  });

  it('draws the final val_accuracy band only when there is a reference', async () => {
    const points = [{ label: '2312001', value: 0.962 }, { label: '<b>', value: 0.95 }];
    const band = (await loadBand()).band;
    const withBand = await renderSvg(finalAccuracySpec(points, band, 0.9));
    const without = await renderSvg(finalAccuracySpec(points, null, null));
    expect(withBand).toMatch(/<path d="M0,[^"]*h\d+(\.\d+)?v[^"]*" fill="#bfdbfe"/);
    expect(withBand).toMatch(/stroke="#dc2626"/);
    expect(without).not.toContain('#bfdbfe');
    expect(without).not.toContain('<b>');
    expect(without).toContain('&lt;b&gt;');
  });

  it('draws a student curve with the reference area, and a legend without reference entries when there is none', async () => {
    const points = [1, 2, 3].flatMap((epoch) => [{ epoch, metric: 'accuracy', value: 0.9 + epoch / 100 }, { epoch, metric: 'val_accuracy', value: 0.9 }]);
    const band = (await loadBand()).band;
    const withBand = await new CurveCharts(band).render(points, ['accuracy', 'val_accuracy'], 'accuracy');
    expect(withBand).toContain('参照 val_accuracy');
    expect(withBand).toMatch(/<g class="student-curves" transform="translate\([\d.]+,[\d.]+\)"><g class="student-series"><path d="M[\d.]+,[\d.]+L/);
    const without = await new CurveCharts(null).render(points, ['accuracy', 'val_accuracy'], 'accuracy');
    expect(without).not.toContain('参照');
    expect(without).toContain('stroke="#dc2626"');
  });

  it('renders a frame once per shape and draws each student into it; nan values are left out', async () => {
    const charts = new CurveCharts(null);
    const student = (shift: number) => [1, 2, 3].flatMap((epoch) => [{ epoch, metric: 'loss', value: 0.3 - epoch / 100 + (epoch === 2 ? shift : 0) }, { epoch, metric: 'val_loss', value: 0.25 }]);
    const a = await charts.render(student(0), ['loss', 'val_loss'], 'loss');
    const b = await charts.render(student(0.001), ['loss', 'val_loss'], 'loss');
    expect(charts.rendered).toBe(1);
    expect(a).not.toBe(b);
    const diverged = await charts.render([...student(0), { epoch: 4, metric: 'loss', value: Number.NaN }], ['loss', 'val_loss'], 'loss');
    expect(diverged).not.toContain('NaN');
    expect(await charts.render([{ epoch: 1, metric: 'loss', value: Number.NaN }], ['loss', 'val_loss'], 'loss')).toBeNull();
  });
});

async function loadBand() {
  const dir = await mkdtemp(join(tmpdir(), 'band-'));
  await writeFile(join(dir, 'k.json'), JSON.stringify(referenceFile));
  return loadReferenceBand(join(dir, 'k.json'));
}
