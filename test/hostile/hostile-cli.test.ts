/**
 * The whole hostile corpus — fixtures/hostile-inputs/ plus the inputs generated here (a 200 MB notebook,
 * 100,000 cells, zip bombs, links, a named pipe) — through the real CLI once (dist/cli.js, built by
 * `npm test`), with every row accounted for, in bounded time and memory, and nothing lost.
 */
import { execFile } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, lutimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED } from './expected.js';
import { makeGenerated } from './generated.js';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const ON_TIME = new Date('2023-11-16T12:00:00+09:00');
/** A hang guard, not a timing (speed is measured in bench/batch-speed.ts), and a memory bound for the 200 MB notebook. */
const HANG_GUARD_SECONDS = 600;
const MAX_RSS_MB = 1024;
const RSS_HOOK = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('maxrss-kb=' + process.resourceUsage().maxRSS + '\\n'))")}`;

interface ResultsRow {
  file: string;
  status: string;
  reason: string | null;
  flags: string[];
}

function setTimes(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) lutimesSync(path, ON_TIME, ON_TIME);
    else utimesSync(path, ON_TIME, ON_TIME);
    if (stats.isDirectory()) setTimes(path);
  }
}

describe('the hostile corpus through the CLI', () => {
  let work: string;
  let made: string[];
  let result: { code: number; stdout: string; stderr: string };
  let rows: ResultsRow[];
  let csvText: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'hostile-'));
    const input = join(work, 'in');
    cpSync(join(ROOT, 'fixtures/hostile-inputs'), input, { recursive: true });
    made = makeGenerated(input).map((m) => m.name);
    setTimes(input);
    const args = ['--import', RSS_HOOK, CLI, input, '--deadline', '2023-11-16T23:59', '--out', join(work, 'g.csv'), '--json', join(work, 'g.json'), '--report', join(work, 'report')];
    result = await new Promise((resolve) => {
      execFile(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: HANG_GUARD_SECONDS * 1000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
    rows = (JSON.parse(readFileSync(join(work, 'g.json'), 'utf8')) as { rows: ResultsRow[] }).rows;
    csvText = readFileSync(join(work, 'g.csv'), 'utf8');
  }, (HANG_GUARD_SECONDS + 60) * 1000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const expected = () =>
    EXPECTED.filter((e) => !e.needs || (e.needs === 'posix' ? process.platform !== 'win32' : made.includes('2312349_パイプ_4.ipynb')));

  it('finishes within bounded memory, exit code 1 (some files could not be graded)', () => {
    expect(result.code, result.stderr).toBe(1);
    const rss = Number(/maxrss-kb=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024;
    expect(rss).toBeLessThan(MAX_RSS_MB);
  });

  it('accounts for every row: none missing, none unlisted', () => {
    expect(rows.map((r) => r.file).sort()).toEqual(expected().map((e) => e.file).sort());
  });

  it.each(EXPECTED.map((e) => [e.file, e] as const))('%s', (file, e) => {
    if (!expected().includes(e)) return;
    const row = rows.find((r) => r.file === file);
    expect(row?.status, row?.reason ?? '').toBe(e.status);
    if (e.reason) expect(row?.reason).toContain(e.reason);
    for (const flag of e.flags ?? []) expect(row?.flags).toContain(flag);
  });

  it('writes a CSV with one record per row, no cell that a spreadsheet would run', () => {
    const records = parse(csvText, { bom: true, relax_column_count: false }) as string[][];
    expect(records).toHaveLength(rows.length + 1);
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(records.some((r) => r.includes("'+SUM(1+1)"))).toBe(true);
  });

  it('escapes student markup in the review report', () => {
    const pages = readdirSync(join(work, 'report'), { recursive: true }).map(String).filter((p) => p.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(rows.length);
    for (const page of pages) {
      const text = readFileSync(join(work, 'report', page), 'utf8');
      expect(text, page).not.toMatch(/<script>alert|onerror="alert|<iframe src="javascript/);
    }
  });
});
