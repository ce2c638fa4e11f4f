/**
 * Every fixture file graded by the CLI as one class, for the tests that compare another way of grading
 * (the core in Chromium, the self-check page) with the CLI; and how those tests find Chromium.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResultsJson } from '../../src/report/results-json.js';
import { FIXTURES, grade, type CliResult } from './cli.js';

/** Debian's chromium (or $CHROMIUM), driven by playwright-core; the browser tests may skip only outside CI. */
export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);
export const BROWSER_MUST_RUN = Boolean(process.env['CI']);
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The files under fixtures/ whose names match, sorted (zips are not opened). */
export function fixtureFiles(names: RegExp, dir = FIXTURES): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at).flatMap((name) => {
      const path = join(at, name);
      if (statSync(path).isDirectory()) return walk(path);
      return names.test(name) ? [path] : [];
    });
  return walk(dir).sort();
}

/**
 * `files` copied into `dir/in` (subfolders keep equal names apart) and graded by the CLI with a far
 * deadline; the rows by file (the path under fixtures/, NFC) and the CLI's own result.
 */
export async function gradeFixtureClass(dir: string, files: readonly string[]): Promise<{ rows: Map<string, ResultsJson['rows'][number]>; result: CliResult }> {
  const input = join(dir, 'in');
  for (const file of files) {
    const target = join(input, relative(FIXTURES, file));
    await mkdir(join(target, '..'), { recursive: true });
    await copyFile(file, target);
  }
  const result = await grade([input, '--deadline', '2099-01-01T00:00', '--json', join(dir, 'results.json'), '--out', join(dir, 'grades.csv')]);
  const json = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsJson;
  return { rows: new Map(json.rows.map((row) => [row.file, row])), result };
}
