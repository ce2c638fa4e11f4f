/**
 * The built CLI (dist/cli.js; `npm test` builds it first, or `npx tsc -p tsconfig.json`): `grade inspect`
 * prints exactly the report of inspectFile, as JSON with --json, and exits 1 for a file it cannot read.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/inspect/index.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli.js');
const DIR = join(import.meta.dirname, '../../fixtures/submissions');

async function inspect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'inspect', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('grade inspect (built CLI)', () => {
  it('--json prints the report of inspectFile, version 1', { timeout: 30_000 }, async () => {
    const path = join(DIR, '2312002_佐藤花子_4.ipynb');
    const result = await inspect([path, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const printed = JSON.parse(result.stdout) as unknown;
    expect(printed).toEqual(JSON.parse(JSON.stringify(await inspectFile(path))));
    expect(printed).toMatchObject({ version: 1, file: path, error: null, fits: [{ epochs: 30, batchSize: 64, validationSplit: 0.2 }] });
  });

  it('prints the readable summary', { timeout: 30_000 }, async () => {
    const result = await inspect([join(DIR, '2312014_木村拓也_4.ipynb')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('    1. Dense  units=32  activation=relu  input_shape=(784,)  [cell 7, line 5]');
    expect(lines).toContain('  Model "sequential", keras2-classic  [cell 7, output line 1]');
    expect(lines).toContain('  30 of 30 epochs logged, 750 steps per epoch  [cell 14, output line 1]');
  });

  it('exits 1 with the reason for a file that is not a readable notebook', { timeout: 30_000 }, async () => {
    const cut = await inspect([join(DIR, '2312008_山本翔_4.ipynb')]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('not read: The file is not valid JSON: the text ends unexpectedly (the file looks cut off).');
    const missing = await inspect([join(DIR, 'no-such-file.ipynb'), '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ version: 1, error: 'The file could not be read (no such file).', notebook: null, models: [] });
  });
});
