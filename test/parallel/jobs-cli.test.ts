/**
 * --jobs: the same bytes for any number of worker threads (the workers run from dist/, built by
 * `npm test`), on a batch big enough to use them — generated notebooks with copies and own code
 * (bench/batch-inputs.ts) plus the committed hostile inputs.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBatch } from '../../bench/batch-inputs.js';
import { NOTEBOOKS_PER_WORKER } from '../../src/parallel/pool.js';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

interface Run {
  code: number;
  stderr: string;
  csv: Buffer;
  json: Buffer;
}

describe('--jobs gives the same output as --jobs 1', () => {
  let work: string;
  let runs: Map<string, Run>;
  let batch: ReturnType<typeof makeBatch>;

  const grade = (label: string, jobs: number): Promise<Run> =>
    new Promise((resolve) => {
      const out = join(work, `${label}.csv`);
      const json = join(work, `${label}.json`);
      const args = [CLI, batch.dir, '--deadline', '2023-11-16T23:59', '--submission-times', batch.timesCsv, '--out', out, '--json', json, '--jobs', String(jobs)];
      execFile(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }, (error, _stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stderr, csv: readFileSync(out), json: readFileSync(json) });
      });
    });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'jobs-'));
    batch = makeBatch(work, 3 * NOTEBOOKS_PER_WORKER);
    cpSync(join(ROOT, 'fixtures/hostile-inputs'), join(batch.dir, 'hostile'), { recursive: true });
    runs = new Map();
    // One after the other: the machine may have two cores only.
    for (const [label, jobs] of [['one', 1], ['two', 2], ['three', 3], ['two-again', 2]] as const) runs.set(label, await grade(label, jobs));
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('grades the batch (exit 1: the hostile inputs include unreadable files)', () => {
    const one = runs.get('one')!;
    expect(one.code, one.stderr).toBe(1);
    const rows = (JSON.parse(one.json.toString('utf8')) as { rows: { status: string }[] }).rows;
    expect(rows.filter((r) => r.status === 'graded').length).toBeGreaterThan(3 * NOTEBOOKS_PER_WORKER);
  });

  it('finds the planted copies in every run', () => {
    const json = JSON.parse(runs.get('two')!.json.toString('utf8')) as { rows: { flags: string[] }[] };
    expect(json.rows.filter((r) => r.flags.includes('suspected-copy')).length).toBeGreaterThan(0);
  });

  it.each(['two', 'three', 'two-again'])('--jobs %s: CSV and results JSON byte for byte', (label) => {
    const one = runs.get('one')!;
    const other = runs.get(label)!;
    expect(other.code).toBe(one.code);
    expect(other.csv.equals(one.csv)).toBe(true);
    expect(other.json.equals(one.json)).toBe(true);
  });

  it('draws no progress bar when stderr is not a terminal', () => {
    for (const run of runs.values()) expect(run.stderr).not.toContain('grading ');
  });
});
