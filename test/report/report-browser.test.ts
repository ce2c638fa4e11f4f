/**
 * The report in a real browser: Debian's chromium (/usr/bin/chromium, or $CHROMIUM) driven by
 * playwright-core, opened from disk (file://) as a TA opens it. Checks the class page and two
 * submission pages, that why each point was given or withheld is two clicks from index.html, that the
 * table sorts, and that nothing a student wrote ran (fixtures/hostile): no `window.__pwned`, no title
 * change, no console error or CSP violation, no request leaving the report's files, nothing hidden.
 * Also: the whole header cell sorts, every control shows its focus, links land below the sticky bar,
 * no sideways scroll at 390 px, and printing (A4; the table of all files on landscape sheets; log boxes
 * whole). Screenshots and PDFs are kept in $TMPDIR/kadai-grader-report-screenshots/ for a person to look at.
 * Skipped only when chromium is absent and not in CI; in CI (`CI` set) it must run.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../src/report/html/index.js';
import { loadReferenceBand, type ReferenceLoad } from '../../src/report/html/reference-band.js';
import { loadRubric } from '../../src/rubric/load.js';
import { BROWSER_MUST_RUN, CHROMIUM, CHROMIUM_ARGS, CHROMIUM_AVAILABLE } from '../helpers/fixture-class.js';
import { FIXTURES, fixtureReport, gradeFixture, HOSTILE_DEADLINE, ROOT } from './fixture-run.js';

const available = CHROMIUM_AVAILABLE;
const mustRun = BROWSER_MUST_RUN;
/** Screenshots for a person to look at (not compared). */
const SCREENSHOTS = join(tmpdir(), 'kadai-grader-report-screenshots');

const ARGS = CHROMIUM_ARGS;

interface Problems {
  console: string[];
  requests: string[];
}

let dir: string;
let context: BrowserContext;
let submissions: string;
let hostile: string;
let fairness: string;
/** The rubric's real reference file when it exists (the band is drawn), else none (the report says so). */
let reference: ReferenceLoad;
const problems: Problems = { console: [], requests: [] };

async function open(file: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.console.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.console.push(`${page.url()}: ${error.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}

const pwned = (page: Page): Promise<unknown> => page.evaluate('window.__pwned');

describe.skipIf(!available && !mustRun)(`report in chromium${available ? '' : ` (skipped: ${CHROMIUM} not found; apt-get install chromium)`}`, () => {
  beforeAll(async () => {
    if (!available) throw new Error(`CI is set but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    submissions = join(dir, 'submissions-report');
    hostile = join(dir, 'hostile-report');
    fairness = join(dir, 'fairness-report');
    reference = await loadReferenceBand(join(ROOT, 'rubrics', 'kadai4.reference.json'));
    await writeFiles(submissions, await fixtureReport(await gradeFixture('submissions'), reference));
    await writeFiles(hostile, await fixtureReport(await gradeFixture('hostile', { submissionTimes: false, deadline: HOSTILE_DEADLINE })));
    await writeFiles(fairness, await fixtureReport(await gradeFixture('fairness', { submissionTimesFile: join(FIXTURES, 'fairness-submission-times.csv') }), reference));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      problems.requests.push(url);
      return route.abort();
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('class page: counts, review queue first, three charts, every file in a table that sorts', async () => {
    const page = await open(join(submissions, 'index.html'));
    await expect(page.locator('h1').textContent()).resolves.toContain('医療とAI・ビッグデータ応用 第4回');
    await expect(page.locator('#review-table tbody tr').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page.locator('#review-table tbody tr').first().textContent()).resolves.toContain('2312008');
    await expect(page.locator('#charts svg').count()).resolves.toBe(3);
    if (reference.band) await expect(page.locator('#charts path[fill="#bfdbfe"]').count()).resolves.toBe(1);
    else await expect(page.locator('#charts').textContent()).resolves.toContain('参照帯なしで表示しています');
    await expect(page.locator('#all-table tbody tr').count()).resolves.toBe(16);
    await page.screenshot({ path: join(SCREENSHOTS, 'class-page.png'), fullPage: true });
    const scores = async (): Promise<number[]> => (await page.locator('#all-table tbody tr td:nth-child(6)').allTextContents()).map(Number);
    await page.locator('#all-table th', { hasText: '得点' }).locator('button').click();
    const up = await scores();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.locator('#all-table th', { hasText: '得点' }).locator('button').click();
    const down = await scores();
    expect(down).toEqual([...up].sort((a, b) => b - a));
    // the whole header cell sorts: a click on its padding, outside the button
    const ids = async (): Promise<string[]> => page.locator('#all-table tbody tr td:nth-child(1)').allTextContents();
    await page.locator('#all-table th', { hasText: '学籍番号' }).click({ position: { x: 2, y: 2 } });
    expect(await ids()).toEqual([...(await ids())].sort((a, b) => a.localeCompare(b, 'ja')));
    await expect(page.locator('#all-table th', { hasText: '学籍番号' }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.close();
  }, 60_000);

  it('why each point was given or withheld is two clicks from index.html', async () => {
    const page = await open(join(submissions, 'index.html'));
    await page.locator('#all-table a', { hasText: '2312006' }).first().click();
    await page.waitForURL(/07-2312006\.html$/);
    const points = page.locator('#points');
    await expect(points.isVisible()).resolves.toBe(true);
    await expect(points.locator('tbody tr').count()).resolves.toBe((await loadRubric(join(ROOT, 'rubrics/kadai4.yaml'))).criteria.length);
    await expect(points.textContent()).resolves.toContain('学習可能パラメータ数は 50890 でした(期待値 25450)');
    await points.locator('a', { hasText: 'セル 8' }).first().click();
    await expect(page.locator('#cell-8 .pins').textContent()).resolves.toContain('50890');
    // the link lands below the sticky bar, and the deciding line is highlighted there
    const bar = await page.locator('nav.top').boundingBox();
    const cell = await page.locator('#cell-8').boundingBox();
    expect(cell!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    await expect(page.locator('#cell-8 mark.hl').count()).resolves.toBeGreaterThanOrEqual(1);
    // the last epoch of the log is visible without opening anything or scrolling inside a box
    const last = page.locator('#notebook mark.hl', { hasText: 'Epoch 30/30' });
    await expect(last.isVisible()).resolves.toBe(true);
    await expect(page.locator('#notebook pre.out').evaluateAll((pres) => pres.filter((p) => p.scrollHeight > p.clientHeight + 1 && (p as HTMLElement).offsetParent !== null).length)).resolves.toBe(0);
    await expect(page.locator('#curves svg').count()).resolves.toBe(2);
    if (reference.band) await expect(page.locator('#curves').textContent()).resolves.toContain('参照 val_accuracy');
    await expect(page.locator('#notebook img.out-img').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.locator('#score').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'submission-page.png') });
    await page.close();
  }, 60_000);

  it('a file that was not graded has a page with its status, reason and the way on', async () => {
    const page = await open(join(submissions, 'index.html'));
    await page.locator('#review-table a', { hasText: '2312008' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('ノートブックとして読み込めませんでした');
    await expect(page.locator('#points').count()).resolves.toBe(0);
    await page.locator('nav.top a', { hasText: '次の要確認' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('2312009');
    await page.close();
  }, 60_000);

  it('every control shows its focus (keyboard): header buttons, links, folds', async () => {
    const page = await open(join(submissions, 'index.html'));
    const outline = (selector: string): Promise<string> =>
      page.locator(selector).first().evaluate((el) => {
        (el as HTMLElement).focus();
        const style = getComputedStyle(el);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      });
    await page.keyboard.press('Tab');
    for (const selector of ['#all-table th button', '#review-table a', 'nav.top a']) {
      await expect(outline(selector), selector).resolves.toMatch(/^solid [23]px$/);
    }
    await page.close();
    const student = await open(join(submissions, 'submissions', '07-2312006.html'));
    await student.keyboard.press('Tab');
    const summary = student.locator('details.fold summary').first();
    await summary.focus();
    await expect(summary.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.toBe('solid');
    await student.keyboard.press('Enter');
    await expect(student.locator('details.fold').first().getAttribute('open')).resolves.toBe('');
    await student.close();
  }, 60_000);

  it('no sideways scroll at 390 px (class page, student pages, a pair of copies, hostile pages)', async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 390, height: 844 });
    const pages = [
      join(submissions, 'index.html'),
      ...['07-2312006', '06-2312005', '09-2312008', '10-2312009', '05-2312004'].map((p) => join(submissions, 'submissions', `${p}.html`)),
      join(fairness, 'copies', '10-11.html'),
      join(fairness, 'submissions', '17-2399117.html'),
      ...['01-2399001', '02-2399002', '03-2399003'].map((p) => join(hostile, 'submissions', `${p}.html`)),
    ];
    for (const file of pages) {
      await narrow.goto(pathToFileURL(file).href);
      await expect(narrow.evaluate('document.documentElement.scrollWidth'), file).resolves.toBeLessThanOrEqual(390);
    }
    await narrow.goto(pathToFileURL(join(submissions, 'index.html')).href);
    await narrow.screenshot({ path: join(SCREENSHOTS, 'class-page-390.png'), fullPage: true });
    await narrow.goto(pathToFileURL(join(submissions, 'submissions', '06-2312005.html')).href);
    await narrow.screenshot({ path: join(SCREENSHOTS, 'submission-page-390.png'), fullPage: true });
    await narrow.close();
  }, 60_000);

  it('prints on A4: the table of all files on landscape sheets, log boxes whole, one student per sheet in print.html', async () => {
    const pdfPages = (pdf: Buffer): { width: number; height: number }[] =>
      [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    const a4 = (p: { width: number; height: number }): boolean => Math.abs(Math.min(p.width, p.height) - 595) < 2 && Math.abs(Math.max(p.width, p.height) - 842) < 2;
    const index = await open(join(submissions, 'index.html'));
    await index.pdf({ path: join(SCREENSHOTS, 'class-page.pdf'), preferCSSPageSize: true, printBackground: true });
    const classSheets = pdfPages(await readFile(join(SCREENSHOTS, 'class-page.pdf')));
    expect(classSheets.length).toBeGreaterThanOrEqual(2);
    expect(classSheets.every(a4)).toBe(true);
    expect(classSheets.some((p) => p.width > p.height)).toBe(true);
    expect(classSheets[0]!.width).toBeLessThan(classSheets[0]!.height);
    await index.close();
    const student = await open(join(submissions, 'submissions', '07-2312006.html'));
    await student.emulateMedia({ media: 'print' });
    await expect(student.locator('nav.top').isVisible()).resolves.toBe(false);
    await expect(student.locator('pre.out').evaluateAll((pres) => pres.filter((p) => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1).length)).resolves.toBe(0);
    await expect(student.locator('.chart svg').evaluateAll((svgs) => svgs.filter((s) => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length)).resolves.toBe(0);
    await student.pdf({ path: join(SCREENSHOTS, 'submission-page.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdfPages(await readFile(join(SCREENSHOTS, 'submission-page.pdf'))).every(a4)).toBe(true);
    await student.close();
    const bundle = await open(join(submissions, 'print.html'));
    await bundle.pdf({ path: join(SCREENSHOTS, 'print.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdfPages(await readFile(join(SCREENSHOTS, 'print.pdf'))).length).toBeGreaterThanOrEqual(16);
    await bundle.close();
  }, 120_000);

  it('a pair of suspected copies: one page with both sides', async () => {
    const page = await open(join(fairness, 'index.html'));
    await page.locator('#copies-table a').first().click();
    await page.waitForURL(/copies\/10-11\.html$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('2399110 寺田悠真 と 2399111 村井蓮');
    await expect(page.locator('table.side tbody > tr > td:first-child').count()).resolves.toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: join(SCREENSHOTS, 'pair-page.png'), fullPage: true });
    await page.locator('table.side a', { hasText: 'セル 9' }).last().click();
    await page.waitForURL(/11-2399111\.html#cell-9$/);
    await page.close();
  }, 60_000);

  it('decides in the page: points, reason, grader and 保留 kept in localStorage, exported as the overrides CSV, applied on a rerun', async () => {
    const student = await open(join(submissions, 'submissions', '07-2312006.html'));
    const panel = student.locator('#decide');
    await panel.locator('input[data-criterion="model-architecture"]').fill('2');
    await panel.locator('input[data-field="reason"]').fill('Dense(64) も講義の範囲内と判断');
    await panel.locator('input[data-field="grader"]').fill('田中');
    await expect(panel.locator('.decide-status').textContent()).resolves.toContain('保存しました(このブラウザー内)');
    await panel.locator('input[data-criterion="total"]').fill('25');
    await expect(panel.locator('.decide-status').textContent()).resolves.toContain('範囲外');
    await panel.locator('input[data-criterion="total"]').fill('');
    await student.close();
    const held = await open(join(submissions, 'submissions', '08-2312007.html'));
    await held.locator('#decide input[data-field="hold"]').check();
    await expect(held.locator('#decide input[data-field="grader"]').inputValue()).resolves.toBe('田中');
    await expect(held.locator('#decide .decide-status').textContent()).resolves.toContain('保留として保存しました');
    await held.close();
    // a page opened again shows what this browser holds
    const again = await open(join(submissions, 'submissions', '07-2312006.html'));
    await expect(again.locator('#decide input[data-criterion="model-architecture"]').inputValue()).resolves.toBe('2');
    await again.close();
    const index = await open(join(submissions, 'index.html'));
    await expect(index.locator('#decisions .decide-summary').textContent()).resolves.toBe('判断 1 人、保留 1 人。');
    await expect(index.locator('#decisions .decide-list li').allTextContents()).resolves.toEqual([
      '2312006 伊藤大輔: model-architecture → 2(Dense(64) も講義の範囲内と判断、田中)',
      '2312007 渡辺さくら 保留(田中)',
    ]);
    const [download] = await Promise.all([index.waitForEvent('download'), index.locator('#decisions button[data-action="export"]').click()]);
    const csvPath = join(dir, 'overrides.csv');
    await download.saveAs(csvPath);
    const csv = (await readFile(csvPath, 'utf8')).replace(/^\uFEFF/, '');
    const sha = (await readFile(join(submissions, 'submissions', '07-2312006.html'), 'utf8')).match(/data-sha="([0-9a-f]{64})"/)![1];
    expect(csv.split('\r\n')).toEqual([
      'student_id,criterion,points,reason,grader,sha256,status,tentative_points',
      `2312006,model-architecture,2,Dense(64) も講義の範囲内と判断,田中,${sha},,`,
      expect.stringMatching(/^2312007,total,,保留,田中,[0-9a-f]{64},保留,$/),
      '',
    ]);
    await index.close();
    // the rerun with --overrides: the report shows the decision applied, and the page says so
    const rerun = join(dir, 'rerun-report');
    await writeFiles(rerun, await fixtureReport(await gradeFixture('submissions', { overridesFile: csvPath }), reference));
    const applied = await open(join(rerun, 'submissions', '07-2312006.html'));
    await expect(applied.locator('#score').textContent()).resolves.toMatch(/^20/);
    await expect(applied.locator('#overrides').textContent()).resolves.toContain('モデルの構造: 1 → 2 点(理由: Dense(64) も講義の範囲内と判断、田中)');
    await expect(applied.locator('#crit-model-architecture').textContent()).resolves.toContain('自動 1 → TA 2');
    await expect(applied.locator('#decide .decide-status').textContent()).resolves.toContain('反映済み');
    await applied.screenshot({ path: join(SCREENSHOTS, 'decision-applied.png') });
    await applied.close();
    const rerunIndex = await open(join(rerun, 'index.html'));
    await expect(rerunIndex.locator('#all-table tr', { hasText: '2312006' }).locator('td').nth(5).textContent()).resolves.toBe('20');
    await expect(rerunIndex.locator('#all-table tr', { hasText: '2312007' }).locator('td').nth(5).textContent()).resolves.toBe('19.5');
    await rerunIndex.close();
  }, 180_000);

  it('no script from a notebook runs, nothing is hidden, no link runs script', async () => {
    for (const name of ['index.html', 'submissions/01-2399001.html', 'submissions/02-2399002.html', 'submissions/03-2399003.html']) {
      const page = await open(join(hostile, name));
      await page.waitForTimeout(200);
      await expect(pwned(page), name).resolves.toBeUndefined();
      const title = await page.title();
      expect(['pwned', 'pwned-html'], name).not.toContain(title);
      expect(title, name).toMatch(/^(採点レビュー — |2399)/);
      await expect(page.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').count()).resolves.toBe(0);
      await expect(page.locator('iframe, object, embed, main svg[onload], [onerror], [onload], [onmouseover]').count()).resolves.toBe(0);
      const sources = (await page.evaluate("Array.from(document.images, (img) => img.getAttribute('src') || '')")) as string[];
      expect(sources.filter((src) => !/^data:image\/(png|jpeg);base64,/.test(src)), name).toEqual([]);
      if (name === 'submissions/01-2399001.html') {
        await expect(page.locator('#points').isVisible()).resolves.toBe(true);
        await expect(page.locator('.pin').first().isVisible()).resolves.toBe(true);
        await expect(page.locator('#cell-2 .md').textContent()).resolves.toContain("<script>window.__pwned = 'markdown-script'");
        await expect(page.locator('#cell-2 a').allTextContents()).resolves.toEqual(['safe link', 'mailto:ta@example.com']);
        await page.screenshot({ path: join(SCREENSHOTS, 'hostile-page.png'), fullPage: true });
      }
      await page.close();
    }
    expect(problems.console).toEqual([]);
    expect(problems.requests).toEqual([]);
  }, 120_000);
});
