/**
 * The student self-check page (`grade selfcheck-page`) in real Chromium (Debian's, driven by
 * playwright-core as the report tests do), opened from disk and from a local static server:
 * - for every fixture notebook (and the .py) the page shows the points, statuses and comment that the
 *   CLI's results JSON holds for that file;
 * - hostile notebooks and file names run nothing (no `window.__pwned`, no dialog, no title change, no
 *   CSP violation) and are shown as text;
 * - no request leaves the page, over file:// or http://;
 * - it works by keyboard alone and reads at 390 px; the screenshots it saves are the README's.
 * Skipped only when chromium is absent and not in CI; in CI (`CI` set) it must run.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unencodableInCp932 } from '../../src/report/encode.js';
import type { ResultsJson } from '../../src/report/results-json.js';
import { buildSelfcheckPage } from '../../src/selfcheck/build-page.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';
import { BROWSER_MUST_RUN, CHROMIUM, CHROMIUM_ARGS, CHROMIUM_AVAILABLE, fixtureFiles, gradeFixtureClass } from '../helpers/fixture-class.js';

const available = CHROMIUM_AVAILABLE;
const mustRun = BROWSER_MUST_RUN;
const RUBRIC = join(ROOT, 'rubrics', 'kadai4.yaml');

/** The README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1); otherwise they go to a temporary folder. */
const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] ? join(ROOT, 'test', 'selfcheck', 'screenshots') : join(tmpdir(), 'kadai-grader-selfcheck-screenshots');
const ARGS = CHROMIUM_ARGS;

const files = fixtureFiles(/\.(?:ipynb|py)$/);
const HOSTILE_NOTEBOOK = join(FIXTURES, 'hostile', '2399001_悪意太郎_4.ipynb');
/** File names from fixtures/hostile/names.zip and fixtures/hostile-inputs/hostile-names.zip, and more. */
const HOSTILE_NAMES = [
  '2399002_<img src=x onerror=window.__pwned=2>_4.ipynb',
  `2399003_"'><svg onload=window.__pwned=4>_4.ipynb`,
  '2312317_<script>window.__pwned=5<\\script>_4.ipynb',
  '=HYPERLINK("http://evil.example")_4.ipynb',
  '2312315_改行\r\n名前_4.ipynb',
  '2312316_&lt;b&gt;実体&amp;_4.ipynb',
];

interface Shown {
  run: number;
  status: string;
  file: string;
  score: number;
  comment: string;
  criteria: { id: string; points: number; status: string }[];
  notes: { topic: string; level: string }[];
}

let dir: string;
let pagePath: string;
let html: string;
let browser: Browser;
let context: BrowserContext;
let cli: Map<string, ResultsJson['rows'][number]>;
const problems: string[] = [];

/** A fresh tab on the page: console errors, page errors, CSP violations and dialogs are problems. */
async function open(url = pathToFileURL(pagePath).href, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('準備ができました'), null, { timeout: 30_000 });
  return page;
}

async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const result = document.getElementById('result')!;
    return {
      run: Number(result.dataset['run']),
      status: result.dataset['status'] ?? '',
      file: document.getElementById('result-file')?.textContent ?? '',
      score: Number(document.getElementById('score')?.dataset['score']),
      comment: document.getElementById('comment')?.textContent ?? '',
      criteria: Array.from(document.querySelectorAll<HTMLElement>('#result [data-criterion]')).map((li) => ({
        id: li.dataset['criterion'] ?? '',
        points: Number(li.querySelector<HTMLElement>('[data-points]')?.dataset['points']),
        status: li.dataset['status'] ?? '',
      })),
      notes: Array.from(document.querySelectorAll<HTMLElement>('#result [data-topic]')).map((li) => ({ topic: li.dataset['topic'] ?? '', level: li.dataset['level'] ?? '' })),
    };
  });
}

/** Picks a file through the page's file input and waits for its result. */
async function check(page: Page, name: string, buffer: Buffer): Promise<Shown> {
  const before = Number(await page.evaluate(() => document.getElementById('result')?.dataset['run'] ?? '0'));
  await page.setInputFiles('#file', { name, mimeType: 'application/octet-stream', buffer });
  await page.waitForFunction((n) => Number(document.getElementById('result')?.dataset['run'] ?? '0') > n, before, { timeout: 30_000 });
  return shown(page);
}

const pwned = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
const csp = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe.skipIf(!available && !mustRun)(`self-check page in chromium${available ? '' : ` (skipped: ${CHROMIUM} not found)`}`, () => {
  beforeAll(async () => {
    if (!available) throw new Error(`CI is set but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
    dir = await mkdtemp(join(tmpdir(), 'selfcheck-page-'));
    // the CLI grades every fixture file in one class
    const [graded, page] = await Promise.all([gradeFixtureClass(dir, files), buildSelfcheckPage(RUBRIC)]);
    expect(graded.result.stderr).not.toMatch(/TypeError|ReferenceError/);
    cli = graded.rows;
    html = page.html;
    pagePath = join(dir, 'kadai4-check.html');
    await writeFile(pagePath, html);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ deviceScaleFactor: 1 });
    // nothing may leave the page: every request but the page itself is recorded and refused
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(pagePath).href || url.startsWith('http://127.0.0.1:')) return route.continue();
      problems.push(`request: ${url}`);
      return route.abort();
    });
    context.on('request', (request) => {
      const url = request.url();
      if (url !== pathToFileURL(pagePath).href && !url.startsWith('http://127.0.0.1:') && !url.startsWith('data:')) problems.push(`request seen: ${url}`);
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is one file of at most 3 MB under a strict Content-Security-Policy', () => {
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(3 * 1024 * 1024);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]{44}' 'wasm-unsafe-eval'; style-src 'sha256-[A-Za-z0-9+/=]{44}'; img-src data:; connect-src 'none'/);
    expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:/);
    // one script and one style, inline; the only other <script> is the JSON data block; no src, no href but data:
    expect(html.match(/<script[\s>]/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="kadai-data">');
    expect(html.match(/<style[\s>]/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(?:script|img|iframe|link)[^>]*\ssrc=/i);
    expect([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1])).toEqual(['data:,']);
  });

  it('finds the fixture files', () => {
    expect(files.filter((f) => f.endsWith('.ipynb')).length).toBeGreaterThanOrEqual(40);
  });

  describe('every fixture file: the points and comment of the CLI', () => {
    let page: Page;
    beforeAll(async () => {
      page = await open();
    }, 60_000);
    afterAll(async () => {
      await page?.close();
    });

    it.each(files.map((file) => [relative(FIXTURES, file), file]))('%s', async (name, file) => {
      const row = cli.get(name.normalize('NFC'));
      expect(row, `the CLI has no row for ${name}`).toBeDefined();
      const result = await check(page, basename(file), readFileSync(file));
      expect(result.file).toBe(basename(file));
      // an earlier upload of the same student is the class's matter (superseded): the page grades any file
      if (row!.status === 'superseded') return;
      expect(result.status).toBe(row!.status);
      expect(result.score).toBe(row!.score);
      expect(result.comment).toBe(row!.comment);
      // not met first, then met; each in the rubric's order
      const visible = (row!.criteria ?? []).filter((c) => !c.hidden).map((c) => ({ id: c.id, points: c.points, status: c.status }));
      expect(result.criteria).toEqual([...visible.filter((c) => c.status !== 'met'), ...visible.filter((c) => c.status === 'met')]);
      if (row!.status !== 'graded') expect(result.notes[0]).toEqual({ topic: 'kind', level: 'error' });
    });

    it('ran nothing and was refused nothing', async () => {
      await expect(pwned(page)).resolves.toBeUndefined();
      await expect(csp(page)).resolves.toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('hostile notebooks and file names: shown as text, nothing runs', async () => {
    const page = await open();
    const title = await page.title();
    const bytes = readFileSync(HOSTILE_NOTEBOOK);
    for (const name of HOSTILE_NAMES) {
      const result = await check(page, name, bytes);
      expect(result.file).toBe(name);
      expect(result.status).toBe('graded');
    }
    const markup = await check(page, '2312327_HTML_4.ipynb', readFileSync(join(FIXTURES, 'hostile-inputs', '2312327_HTML_4.ipynb')));
    expect(markup.status).toBe('graded');
    // the hostile notebook's error name (a <script> tag) reaches the page as text in a finding
    const again = await check(page, '2399001_悪意太郎_4.ipynb', bytes);
    expect(again.comment).toContain('<script>');
    await expect(page.locator('#result').textContent()).resolves.toContain('<script>');
    await expect(page.locator('#result script, #result img, #result svg, #result iframe, #result object').count()).resolves.toBe(0);
    await expect(page.locator('script').count()).resolves.toBe(2);
    await expect(pwned(page)).resolves.toBeUndefined();
    await expect(page.title()).resolves.toBe(title);
    await expect(csp(page)).resolves.toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a dropped file is checked like a picked one', async () => {
    const page = await open();
    const b64 = readFileSync(join(FIXTURES, 'submissions', '2312007_渡辺さくら_4.ipynb')).toString('base64');
    const transfer = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], '2312007_渡辺さくら_4.ipynb'));
      return transfer;
    }, b64);
    await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: transfer });
    await expect(page.locator('#drop.over').count()).resolves.toBe(1);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('#result[data-run="1"]');
    const result = await shown(page);
    expect(result.comment).toBe(cli.get('submissions/2312007_渡辺さくら_4.ipynb')!.comment);
    await expect(page.locator('#drop.over').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);

  it('from a static web server: no request but the page itself; where WebAssembly is refused, the page says so', async () => {
    const hits: string[] = [];
    const server: Server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/kadai4-check.html' || request.url === '/no-wasm.html') {
        // no-wasm.html: a host whose own policy refuses WebAssembly, as an old browser would
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(request.url === '/no-wasm.html' ? { 'content-security-policy': "script-src 'unsafe-inline'" } : {}) });
        response.end(html);
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const page = await open(`http://127.0.0.1:${port}/kadai4-check.html`);
      const result = await check(page, '2312001_山田太郎_4.ipynb', readFileSync(join(FIXTURES, 'submissions', '2312001_山田太郎_4.ipynb')));
      expect(result.score).toBe(20);
      await expect(csp(page)).resolves.toEqual([]);
      await page.close();
      expect(hits).toEqual(['/kadai4-check.html']);
      expect(problems).toEqual([]);

      const refused = await context.newPage();
      await refused.goto(`http://127.0.0.1:${port}/no-wasm.html`);
      await refused.waitForFunction(() => document.getElementById('status')?.textContent?.includes('このブラウザーではこのページを使えません'), null, { timeout: 30_000 });
      await expect(refused.locator('#pick').isDisabled()).resolves.toBe(true);
      await refused.close();
      expect(hits).toEqual(['/kadai4-check.html', '/no-wasm.html']);
    } finally {
      server.close();
    }
  }, 60_000);

  it('keyboard alone: Tab to the button, Enter to pick, the result takes the focus, Tab to check another', async () => {
    const page = await open();
    // listening before any key is pressed: the file dialog is intercepted from the start
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    const chooser = async (count: number): Promise<FileChooser> => {
      await expect.poll(() => choosers.length).toBe(count);
      return choosers[count - 1]!;
    };
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pick');
    // the focus is visible
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.toBe('solid');
    await page.keyboard.press('Enter');
    await (await chooser(1)).setFiles({ name: '2312006_伊藤大輔_4.ipynb', mimeType: 'application/octet-stream', buffer: readFileSync(join(FIXTURES, 'submissions', '2312006_伊藤大輔_4.ipynb')) });
    await page.waitForSelector('#result[data-run="1"]');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('result-title');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('again');
    await page.keyboard.press('Enter');
    await (await chooser(2)).setFiles({ name: '2312009_中村優_4.py', mimeType: 'text/x-python', buffer: readFileSync(join(FIXTURES, 'submissions', '2312009_中村優_4.py')) });
    await page.waitForSelector('#result[data-run="2"]');
    await expect(page.locator('#result [data-topic="kind"]').textContent()).resolves.toContain('Python ファイル (.py) です');
    // every word on the page fits CP932
    expect(unencodableInCp932(await page.evaluate(() => document.body.innerText))).toEqual([]);
    await page.close();
  }, 60_000);

  it('readable at 390 px: nothing wider than the screen, text at least 12 px; screenshots for the README', async () => {
    const notebook = readFileSync(join(FIXTURES, 'submissions', '2312007_渡辺さくら_4.ipynb'));
    const phone = await open(undefined, { width: 390, height: 844 });
    await check(phone, '2312007_渡辺さくら_4.ipynb', notebook);
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      widest: Math.max(...Array.from(document.querySelectorAll('body *')).map((e) => e.getBoundingClientRect().right)),
      smallestFont: Math.min(...Array.from(document.querySelectorAll('body *')).filter((e) => (e as HTMLElement).innerText?.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize))),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.widest).toBeLessThanOrEqual(390);
    expect(layout.smallestFont).toBeGreaterThanOrEqual(12);
    const top = await phone.locator('#result-title').boundingBox();
    const phoneShot = join(SCREENSHOTS, 'selfcheck-390.png');
    await phone.screenshot({ path: phoneShot, fullPage: true, clip: { x: 0, y: Math.max(0, (top?.y ?? 0) - 16), width: 390, height: 1500 } });
    await phone.close();

    const desktop = await open(undefined, { width: 960, height: 900 });
    await check(desktop, '2312007_渡辺さくら_4.ipynb', notebook);
    await desktop.evaluate(() => window.scrollTo(0, 0));
    const desktopShot = join(SCREENSHOTS, 'selfcheck-desktop.png');
    await desktop.screenshot({ path: desktopShot, fullPage: true, clip: { x: 0, y: 0, width: 960, height: 1100 } });
    await desktop.close();
    for (const shot of [phoneShot, desktopShot]) expect(statSync(shot).size).toBeLessThan(200 * 1024);
    expect(problems).toEqual([]);
  }, 60_000);
});
