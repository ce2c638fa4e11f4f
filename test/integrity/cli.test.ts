/**
 * Integrity results through the built CLI (dist/cli.js): the flags in the grades CSV, the clusters and
 * findings with their evidence in the results JSON and on the review report's pages; reruns identical.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsJson } from '../../src/report/results-json.js';
import { bytesOf, codeCell, fixture, rerun, runBy, sourceOf } from './notebooks.js';

const CLI = join(import.meta.dirname, '../../dist/cli.js');
const A = '2312401_青木一郎_4.ipynb';
const B = '2312402_石川二郎_4.ipynb';
const C = '2312403_山田太郎_4.ipynb';

function grade(dir: string, label: string): Promise<{ code: number; csv: string; json: Buffer; report: string }> {
  const args = [CLI, join(dir, 'in'), '--deadline', '2023-11-16T23:59', '--submission-times', join(dir, 'times.csv'), '--out', join(dir, `${label}.csv`), '--json', join(dir, `${label}.json`), '--report', join(dir, `${label}-report`)];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { encoding: 'utf8' }, (error) => {
      resolve({ code: error ? Number(error.code) : 0, csv: readFileSync(join(dir, `${label}.csv`), 'utf8'), json: readFileSync(join(dir, `${label}.json`)), report: join(dir, `${label}-report`) });
    });
  });
}

describe('integrity in the CSV, the results JSON and the report', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof grade>>;
  let json: ResultsJson;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'integrity-cli-'));
    mkdirSync(join(dir, 'in'));
    const a = runBy(rerun(fixture(), 41), '青木一郎', '300000000000000000001');
    const b = runBy(rerun(fixture(), 41), '石川二郎', '300000000000000000002');
    const c = rerun(fixture(), 43);
    const model = codeCell(c, 'Sequential()');
    model.source = sourceOf(model).replace('Dense(32,', 'Dense(128,');
    for (const [name, nb] of [[A, a], [B, b], [C, c]] as const) writeFileSync(join(dir, 'in', name), bytesOf(nb));
    writeFileSync(join(dir, 'times.csv'), `ファイル名,提出日時\r\n${A},2023-11-16 20:00:00\r\n${B},2023-11-16 20:00:00\r\n${C},2023-11-16 20:00:00\r\n`);
    first = await grade(dir, 'first');
    json = JSON.parse(first.json.toString('utf8')) as ResultsJson;
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('flags the rows in the CSV', () => {
    const rows = parse(first.csv, { columns: true, bom: true }) as Record<string, string>[];
    const flags = (file: string): string[] => rows.find((r) => r.file === file)?.flags?.split(' ') ?? [];
    expect(flags(A)).toContain('suspected-copy');
    expect(flags(B)).toContain('suspected-copy');
    expect(flags(C)).toEqual(['summary-mismatch']);
    expect(rows.every((r) => r.score === r.max_score || r.file === C)).toBe(true);
  });

  it('puts clusters and findings, with evidence, in the results JSON', () => {
    expect(json.integrity?.clusters).toEqual([
      expect.objectContaining({
        id: 'copy-1',
        kind: 'training-log',
        similarity: 1,
        members: [
          { studentId: '2312401', name: '青木一郎', file: A },
          { studentId: '2312402', name: '石川二郎', file: B },
        ],
        evidence: [expect.stringContaining('2 submissions print the same per-epoch training metrics'), expect.stringContaining('identical metrics for 30 of 30 epochs')],
      }),
    ]);
    expect(json.integrity?.findings).toEqual([
      { file: C, studentId: '2312403', flag: 'summary-mismatch', evidence: expect.stringContaining('has 101770'), at: expect.objectContaining({ cell: expect.any(Number) }) },
    ]);
  });

  it('shows them on the submission pages of the review report', () => {
    const pages = readdirSync(join(first.report, 'submissions')).map((p) => readFileSync(join(first.report, 'submissions', p), 'utf8'));
    expect(pages.filter((p) => p.includes('copy-1')).length).toBe(2);
    expect(pages.some((p) => p.includes('summary-mismatch') && p.includes('101770'))).toBe(true);
  });

  it('gives the same bytes on a rerun', async () => {
    const again = await grade(dir, 'again');
    expect(again.csv).toBe(first.csv);
    expect(again.json.equals(first.json)).toBe(true);
  });
});
