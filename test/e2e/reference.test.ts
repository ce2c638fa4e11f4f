/**
 * `grade reference` and the reference file in grading: a one-epoch run writes a file of the documented
 * shape (no 30-epoch training in the suite); the rubric refuses a file made for another model, and a
 * missing file stops grading with a clear message.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, grade } from '../helpers/cli.js';

const RUBRIC = join(ROOT, 'rubrics/kadai4.yaml');

async function rubricCopy(dir: string, edit: (text: string) => string): Promise<string> {
  const path = join(dir, 'kadai4.yaml');
  await writeFile(path, edit(await readFile(RUBRIC, 'utf8')));
  return path;
}

describe('grade reference', () => {
  it('trains one short run and writes a reference file with params, per-epoch stats and the backend', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-ref-'));
    const out = join(dir, 'quick.json');
    const result = await grade(['reference', '--seeds', '1', '--epochs', '1', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/backend (wasm|cpu|tensorflow): in use/);
    const ref = JSON.parse(await readFile(out, 'utf8'));
    expect(ref.model.trainableParams).toBe(ref.model.layers.reduce((sum: number, l: { params: number }) => sum + l.params, 0));
    expect(ref.epochs).toHaveLength(1);
    expect(ref.seeds).toHaveLength(1);
    expect(ref.seeds[0].finalValAccuracy).toBeGreaterThan(0.9);
    expect(ref.data.stepsPerEpoch).toBe(Math.ceil(ref.data.trainSamples / ref.fit.batchSize));
  });

  it("refuses to replace the rubric's file with one of other epochs", async () => {
    const result = await grade(['reference', '--seeds', '1', '--epochs', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --out');
  });
});

describe('the reference file in grading', () => {
  it('agrees with the rubric: the committed file is accepted and its threshold is printed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-ref-ok-'));
    const result = await grade([join(FIXTURES, 'submissions', 'webclass_report_download.zip'), '--deadline', '2023-11-16T23:59', '--out', join(dir, 'g.csv')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accuracy threshold: val_accuracy ≥ 0\.9\d+ = lowest final val_accuracy of 5 seeds/);
  });

  it('refuses a reference file made for another model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-ref-bad-'));
    await writeFile(join(dir, 'kadai4.reference.json'), await readFile(join(ROOT, 'rubrics/kadai4.reference.json')));
    const rubric = await rubricCopy(dir, (t) => t.replace('units: 32,', 'units: 64,'));
    const result = await grade([join(FIXTURES, 'submissions'), '--deadline', '2023-11-16T23:59', '--rubric', rubric, '--out', join(dir, 'g.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was made for another model or settings');
  });

  it('stops with a clear message when the reference file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-ref-missing-'));
    const rubric = await rubricCopy(dir, (t) => t);
    const result = await grade([join(FIXTURES, 'submissions'), '--deadline', '2023-11-16T23:59', '--rubric', rubric, '--out', join(dir, 'g.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run `grade reference` to make it');
  });
});
