/**
 * Copies in one place per pair (fixtures/fairness: 2399110 and 2399111 share a training log and a Colab
 * account): who submitted first, the identical log lines side by side, the Colab account and whose name
 * it carries, cells as links; Japanese first, the detector's English as small print; integrity findings
 * in Japanese with the flag id kept for searching.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFile } from '../../src/report/html/index.js';
import { FIXTURES, fixtureReport, gradeFixture } from './fixture-run.js';

let files: ReportFile[];
const byPath = (path: string): string => files.find((f) => f.path === path)?.content ?? '';

beforeAll(async () => {
  files = await fixtureReport(await gradeFixture('fairness', { submissionTimesFile: join(FIXTURES, 'fairness-submission-times.csv') }));
}, 180_000);

describe('suspected copies, one page per pair', () => {
  it('lists each pair once on the class page, with what matched and who submitted first', () => {
    expect(files.filter((f) => f.path.startsWith('copies/')).map((f) => f.path)).toEqual(['copies/10-11.html']);
    const index = byPath('index.html');
    const copies = index.slice(index.indexOf('<section id="copies">'), index.indexOf('</section>', index.indexOf('<section id="copies">')));
    expect(copies).toContain('<a href="copies/10-11.html">2399110 寺田悠真 と 2399111 村井蓮</a>');
    expect(copies).toContain('学習ログ 100%、Colab アカウント 100%');
    expect(copies).toContain('先に提出: <b>2399110 寺田悠真</b>(2023-11-16 11:03:00)、後: 2399111 村井蓮(2023-11-16 11:10:00)');
  });

  it('shows the identical log lines side by side, folded in the middle, with the cells as links', () => {
    const pair = byPath('copies/10-11.html');
    expect(pair).toContain('30 エポックで、すべての指標');
    expect(pair).toContain('2399110 寺田悠真(<a href="../submissions/10-2399110.html#cell-9">セル 9</a> の出力)');
    expect(pair).toContain('2399111 村井蓮(<a href="../submissions/11-2399111.html#cell-9">セル 9</a> の出力)');
    const rows = [...pair.matchAll(/<tr><td class="num">(\d+)<\/td><td><pre class="out">([^<]*)<\/pre><\/td><td><pre class="out">([^<]*)<\/pre>/g)];
    expect(rows.map((r) => Number(r[1]))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const r of rows) expect(r[2]!.replace(/ - \d+s \d+ms\/step/, '')).toBe(r[3]!.replace(/ - \d+s \d+ms\/step/, ''));
    expect(pair).toContain('エポック 4〜27(24 エポック)も同じ数値');
  });

  it('names the shared Colab account and whose name it carries, with the cells it ran on both sides', () => {
    const pair = byPath('copies/10-11.html');
    expect(pair).toContain('Colab アカウント「<b>寺田悠真</b>」は <b>2399110 寺田悠真</b> の名前です');
    expect(pair).toContain('このアカウントが実行したセル(10): <a href="../submissions/11-2399111.html#cell-2">セル 2</a>');
    expect(pair).toContain('<small>検出器の記録(英語、検索用): the Colab account &quot;寺田悠真&quot; ran 10 cell(s)');
  });

  it('links each member page to the pair page, and explains integrity findings in Japanese with the flag id in small print', () => {
    const member = byPath('submissions/11-2399111.html');
    expect(member).toContain('<a href="../copies/10-11.html"><b>2399110 寺田悠真</b> との一致を並べて見る</a>');
    expect(member).toContain('<span class="badge flag" title="colab-user-mismatch">別の Colab アカウント</span> Colab の実行ユーザー名がファイル名の氏名と違います');
    expect(member).toContain('<small class="raw-text">colab-user-mismatch: cells 2, 3, 4, 5, 6 … 11 were run by the Colab account');
    expect(member).toContain('<span class="badge cause" title="suspected-copy">コピーの疑い</span>');
  });

  it('starts a notebook that lost points with its first mistake, in its own words', () => {
    const page = byPath('submissions/13-2399113.html');
    expect(page).toContain('<span class="badge cause" title="partly-met">減点</span> <span>コンパイルの設定: セル 5 の 7 行目: 学習率が 10 に変えられています');
  });
});
