/**
 * The review report built from fixtures/submissions: one page per file, links that resolve, nothing
 * loaded from outside, points with reasons one click from the class page; HTML snapshots (charts and
 * image payloads scrubbed).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFile } from '../../src/report/html/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { fixtureReport, gradeFixture, ROOT } from './fixture-run.js';
import { scrubHtml } from './scrub.js';

let files: ReportFile[];
let criteriaCount: number;
const byPath = (path: string): string => files.find((f) => f.path === path)?.content ?? '';

beforeAll(async () => {
  files = await fixtureReport(await gradeFixture('submissions'));
  criteriaCount = (await loadRubric(join(ROOT, 'rubrics/kadai4.yaml'))).criteria.length;
}, 180_000);

describe('report from fixtures/submissions', () => {
  it('has the class page and one page per file, named by place and student id', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.html',
      ...['2312001', '2312002', '2312003', '2312004', '2312004', '2312005', '2312006', '2312007', '2312008', '2312009', '2312010', '2312011', '2312012', '2312013', '2312014', '2312015'].map(
        (id, i) => `submissions/${String(i + 1).padStart(2, '0')}-${id}.html`,
      ),
    ]);
  });

  it('links only to its own pages and anchors, and loads nothing from outside', () => {
    const paths = new Set(files.map((f) => f.path));
    for (const file of files) {
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      for (const [, href] of file.content.matchAll(/ href="([^"]*)"/g)) {
        if (/^(https?:|mailto:)/.test(href!)) continue;
        const [target, anchor] = href!.split('#');
        const resolved = target ? join(dir, target!).replace(/\\/g, '/') : file.path;
        expect(paths.has(resolved), `${file.path} → ${href}`).toBe(true);
        if (anchor) expect(byPath(resolved), `${file.path} → ${href}`).toContain(`id="${anchor}"`);
      }
      for (const [, src] of file.content.matchAll(/ src="([^"]*)"/g)) expect(src!.startsWith('data:image/')).toBe(true);
      expect(file.content).not.toMatch(/<(link|iframe|object|embed|base|form)\b/i);
    }
  });

  it('puts the review queue before the table of all files, and links each row to its page', () => {
    const index = byPath('index.html');
    expect(index.indexOf('id="review-table"')).toBeLessThan(index.indexOf('id="all-table"'));
    const review = index.slice(index.indexOf('id="review-table"'), index.indexOf('</table>', index.indexOf('id="review-table"')));
    expect(review).toContain('href="submissions/09-2312008.html"');
    expect(review).toContain('The file is empty.');
    expect(index).toContain('参照帯なしで表示しています');
  });

  it('shows, one click from the class page, why each point was given or withheld, with the cell it rests on', () => {
    const page = byPath('submissions/07-2312006.html');
    const points = page.slice(page.indexOf('<section id="points">'), page.indexOf('</section>', page.indexOf('<section id="points">')));
    expect(points).toContain('学習可能パラメータ数は 50890 でした(期待値 25450)');
    expect(points).toContain('href="#cell-8"');
    expect(points.match(/<tr id="crit-/g)).toHaveLength(criteriaCount);
    expect(page).toContain('<a href="../index.html">');
  });

  it('gives non-graded files a page with their status and reason', () => {
    expect(byPath('submissions/09-2312008.html')).toContain('ノートブックとして読み込めませんでした。理由: The file is not valid JSON');
    expect(byPath('submissions/03-2312003.html')).toContain('締め切り(2023-11-16 23:59)後の提出(2023-11-17 00:00:41)です');
    expect(byPath('submissions/05-2312004.html')).toContain('href="../submissions/04-2312004.html"');
  });

  it('matches the HTML snapshots', async () => {
    await expect(scrubHtml(byPath('index.html'))).toMatchFileSnapshot('__snapshots__/report/index.html');
    await expect(scrubHtml(byPath('submissions/07-2312006.html'))).toMatchFileSnapshot('__snapshots__/report/07-2312006.html');
    await expect(scrubHtml(byPath('submissions/09-2312008.html'))).toMatchFileSnapshot('__snapshots__/report/09-2312008.html');
  });
});
