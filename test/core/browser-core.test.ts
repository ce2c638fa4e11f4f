/**
 * The core is portable: bundled for a browser (src/browser/bundle-core.ts), it runs in real Chromium
 * (Debian's, driven by playwright-core as the report tests do) over every notebook in fixtures/ and gives
 * the results the CLI gives for the same notebooks: every criterion's points, status and findings, the
 * notebook's own flags, and the student's comment.
 * Skipped only when chromium is absent and not in CI; in CI (`CI` set) it must run.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundleCore } from '../../src/browser/bundle-core.js';
import type { CoreResult, CoreSetup } from '../../src/core/browser.js';
import { parseIdentity } from '../../src/core/identity.js';
import { readTemplate } from '../../src/integrity/index.js';
import type { ResultsJson } from '../../src/report/results-json.js';
import { loadRubric } from '../../src/rubric/load.js';
import { resolveRubricExpected } from '../../src/rubric/resolve-expected.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';
import { BROWSER_MUST_RUN, CHROMIUM, CHROMIUM_ARGS, CHROMIUM_AVAILABLE, fixtureFiles, gradeFixtureClass } from '../helpers/fixture-class.js';

const available = CHROMIUM_AVAILABLE;
const mustRun = BROWSER_MUST_RUN;
const RUBRIC = join(ROOT, 'rubrics', 'kadai4.yaml');
/** Row flags that come from the Node shell (ingest, the class, TA decisions), not from one notebook. */
const SHELL_FLAGS = new Set(['time-unverified', 'name-unrecognised', 'id-from-submission-times', 'assignment-mismatch', 'checkpoint-copy', 'ambiguous-in-submission-times', 'suspected-copy', 'override', 'override-stale']);

let dir: string;
let browser: Browser;
let page: Page;
let cli: Map<string, ResultsJson['rows'][number]>;
const files = fixtureFiles(/\.ipynb$/);
const pageErrors: string[] = [];

describe.skipIf(!available && !mustRun)(`the core in chromium${available ? '' : ` (skipped: ${CHROMIUM} not found)`}`, () => {
  beforeAll(async () => {
    if (!available) throw new Error(`CI is set but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
    dir = await mkdtemp(join(tmpdir(), 'core-browser-'));
    // every fixture notebook in one class, graded by the CLI
    const graded = await gradeFixtureClass(dir, files);
    expect(graded.result.stderr).not.toMatch(/TypeError|ReferenceError/);
    cli = graded.rows;

    const rubric = await loadRubric(RUBRIC);
    const setup: Omit<CoreSetup, 'wasm'> = {
      rubric: parseYaml(readFileSync(RUBRIC, 'utf8')),
      rubricFile: RUBRIC,
      expected: await resolveRubricExpected(rubric),
      template: await readTemplate(rubric.file, rubric.template),
      tz: 'Asia/Tokyo',
    };
    const wasm = {
      runtime: readFileSync(join(ROOT, 'node_modules/web-tree-sitter/web-tree-sitter.wasm')).toString('base64'),
      grammar: readFileSync(join(ROOT, 'node_modules/tree-sitter-python/tree-sitter-python.wasm')).toString('base64'),
    };
    const html = join(dir, 'core.html');
    await writeFile(html, `<!doctype html><meta charset="utf-8"><title>core</title><script>${(await bundleCore()).replace(/<\/script/gi, '<\\/script')}</script>`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) pageErrors.push(`request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(html).href);
    await page.evaluate(
      ({ setup, wasm }) => {
        const bytes = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const core = (globalThis as unknown as { KadaiCore: typeof import('../../src/core/browser.js') }).KadaiCore;
        (globalThis as unknown as { core: unknown }).core = core.createCore({ ...setup, wasm: { runtime: bytes(wasm.runtime), grammar: bytes(wasm.grammar) } } as CoreSetup);
      },
      { setup, wasm },
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds the fixture notebooks', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files.map((file) => [relative(FIXTURES, file), file]))('%s: the same result as the CLI', async (name, file) => {
    const row = cli.get(name.normalize('NFC'));
    expect(row, `the CLI has no row for ${name}`).toBeDefined();
    // a student's earlier upload is the shell's matter (superseded): the core grades any notebook
    if (row?.status === 'superseded') return;
    if (!row || row.status !== 'graded') {
      // files the CLI could not read say so in the core too
      const result = await gradeInPage(file);
      expect(result.status).toBe(row?.status);
      return;
    }
    const result = await gradeInPage(file);
    expect(result.reason).toBeNull();
    expect(result.status).toBe('graded');
    const summary = (criteria: CoreResult['criteria'] | ResultsJson['rows'][number]['criteria']) =>
      (criteria ?? []).map((c) => ({ id: c.id, points: c.points, status: c.status, findings: c.findings.map((f) => [f.messageId, f.message, f.chargedBy?.criterion ?? null]) }));
    expect(summary(result.criteria)).toEqual(summary(row.criteria));
    expect(result.score).toBe(row.score);
    expect(result.comment).toBe(row.comment);
    expect(result.flags.filter((f) => !row.flags.includes(f))).toEqual([]);
    expect(row.flags.filter((f) => !result.flags.includes(f) && !SHELL_FLAGS.has(f))).toEqual([]);
  });

  it('raised no error and made no request', () => {
    expect(pageErrors).toEqual([]);
  });
});

async function gradeInPage(file: string): Promise<CoreResult> {
  const identity = parseIdentity(basename(file));
  const input = { b64: readFileSync(file).toString('base64'), name: identity.name, submittedAt: statSync(file).mtimeMs, deadline: Date.parse('2099-01-01T00:00:00+09:00'), deadlineLabel: '2099-01-01 00:00' };
  return page.evaluate(async (i) => {
    const bytes = Uint8Array.from(atob(i.b64), (c) => c.charCodeAt(0));
    const core = (globalThis as unknown as { core: { grade(input: unknown): Promise<CoreResult> } }).core;
    return core.grade({ bytes, name: i.name, submittedAt: i.submittedAt, deadline: i.deadline, deadlineLabel: i.deadlineLabel });
  }, input);
}
