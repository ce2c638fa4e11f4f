/**
 * The review report built from fixtures/submissions: one page per file, links that resolve, nothing
 * loaded from outside; every review entry starts with its root cause and the criteria that lost points;
 * the deciding line quoted beside each criterion and highlighted in its cell; every file shows its
 * content (late, superseded, unreadable, .py); a print bundle; HTML snapshots (charts and image data scrubbed).
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
const section = (page: string, id: string): string => {
  const start = page.indexOf(`<section id="${id}"`);
  return start < 0 ? '' : page.slice(start, page.indexOf('</section>', start));
};
/** Text without tags, for reading order. */
const text = (fragment: string): string => fragment.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  files = await fixtureReport(await gradeFixture('submissions'));
  criteriaCount = (await loadRubric(join(ROOT, 'rubrics/kadai4.yaml'))).criteria.length;
}, 180_000);

describe('report from fixtures/submissions', () => {
  it('has the class page, one page per file named by place and student id, and the print bundle', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.html',
      ...['2312001', '2312002', '2312003', '2312004', '2312004', '2312005', '2312006', '2312007', '2312008', '2312009', '2312010', '2312011', '2312012', '2312013', '2312014', '2312015'].map(
        (id, i) => `submissions/${String(i + 1).padStart(2, '0')}-${id}.html`,
      ),
      'print.html',
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

  it('puts the review queue first, each entry starting with its root cause, then every criterion that lost points (zeros included)', () => {
    const index = byPath('index.html');
    expect(index.indexOf('id="review-table"')).toBeLessThan(index.indexOf('id="all-table"'));
    const review = index.slice(index.indexOf('id="review-table"'), index.indexOf('</table>', index.indexOf('id="review-table"')));
    const rows = review.split('<tr class="review">').slice(1);
    const entry = (id: string): string => text(rows.find((r) => r.includes(`>${id}</a>`)) ?? '');
    // the cause comes before the student's id in every entry
    for (const row of rows) expect(row.indexOf('class="badge cause"'), row).toBeLessThan(row.search(/>\d{7}<\/a>/));
    expect(entry('2312008')).toMatch(/^1 読み込めない 途中で切れたファイル/);
    expect(entry('2312013')).toContain('読み込めない 空のファイル');
    expect(entry('2312003')).toContain('締め切り後 締め切り(2023-11-16 23:59)後の提出(2023-11-17 00:00:41)');
    expect(entry('2312005')).toMatch(/未実行 実行結果が保存されていません。.*ノートブックの実行 0\/2 同じ原因で: データの読み込み 0\/1 画像の前処理 \(784 次元・255 で割る\) 1\.5\/2/);
    expect(entry('2312005')).toContain('画像の表示 0/1');
    expect(entry('2312006')).toMatch(/減点 モデルの構造: セル 8 の 5 行目: 1 番目の層のユニット数は 64 でした\(期待値 32\)。 モデルの構造 1\/2/);
    expect(review).toContain('href="submissions/06-2312005.html#crit-data-shapes"');
    expect(index).toContain('参照帯なしで表示しています');
  });

  it('says where the expected values come from in Japanese, the English as small print', () => {
    const index = byPath('index.html');
    expect(index).toContain('<p class="provenance">期待値(各層と合計のパラメータ数、データの形、1 エポックのステップ数)は、ルーブリックに書いた講義のモデルから計算しています');
    expect(index).toMatch(/正解率の合格ライン val_accuracy ≥ 0\.9519 は、参照トレーナーで講義のモデルを学習させた 5 回\(シード\)の最終 val_accuracy の最低値 0\.9619 から 0\.01 を引いた値です/);
    expect(index).toContain('<small class="raw-text">(computed from the rubric&#39;s model');
  });

  it('shows flags in Japanese with the raw id as a tooltip and small print', () => {
    expect(byPath('index.html')).toContain('<span class="badge flag" title="name-unrecognised">ファイル名が不正</span>');
    const page = byPath('submissions/16-2312015.html');
    expect(page).toContain('<dt><span class="badge flag" title="id-from-submission-times">学籍番号は提出一覧から</span> <small class="raw-text">id-from-submission-times</small></dt>');
  });

  it('shows, one click from the class page, why each point was given or withheld, quoting the line that decides it', () => {
    const page = byPath('submissions/07-2312006.html');
    const points = section(page, 'points');
    expect(points).toContain('学習可能パラメータ数は 50890 でした(期待値 25450)');
    expect(points).toContain('href="#cell-8"');
    expect(points.match(/<tr id="crit-/g)).toHaveLength(criteriaCount);
    // model-architecture: the finding's code line quoted, linked to its cell
    const architecture = points.slice(points.indexOf('id="crit-model-architecture"'), points.indexOf('id="crit-compile-settings"'));
    expect(architecture).toMatch(/<a href="#cell-8">セル 8 の[^<]*行目<\/a><pre class="qsrc">[^<]*Dense\(64/);
    // the training log's last epoch, quoted in the row of the criterion it decides
    const accuracy = points.slice(points.indexOf('id="crit-accuracy"'), points.indexOf('id="crit-predictions"'));
    expect(accuracy).toMatch(/出力の \d+〜\d+ 行目<\/a><pre class="qout">Epoch 30\/30\n[^<]*val_accuracy: 0\.\d+/);
    expect(page).toContain('<a href="../index.html">');
    // the cause box leads the page and links each lost criterion to its row
    expect(page.indexOf('id="cause"')).toBeLessThan(page.indexOf('id="points"'));
    expect(section(page, 'cause')).toContain('<a href="#crit-model-architecture">モデルの構造 <b>1/2</b></a>');
  });

  it('highlights the deciding lines in the notebook and folds a long log around them, keeping the last epochs in view', () => {
    const page = byPath('submissions/07-2312006.html');
    const notebook = section(page, 'notebook');
    const logCell = notebook.slice(notebook.indexOf('Epoch 1/30') - 2000, notebook.indexOf('Epoch 30/30') + 400);
    expect(logCell).toContain('<details class="fold"><summary>… エポック ');
    expect(logCell).toMatch(/<mark class="hl">Epoch 30\/30<\/mark>\n<mark class="hl">[^<]*val_accuracy: /);
    expect(notebook).toMatch(/<mark class="hl">[^\n]*Dense[^\n]*64/);
    // a pin says the output is the evidence only where the cell has one
    expect(notebook).not.toMatch(/\(出力なし\)<\/p><\/div><div class="pins"><div class="pin [^"]*"><div class="t">[^]*?このセルの出力/);
  });

  it('gives every file a page with its content: unreadable (where it breaks), .py (the code), late, superseded (no big 0)', () => {
    const cut = byPath('submissions/09-2312008.html');
    expect(cut).toContain('<span class="badge cause" title="unreadable">読み込めない</span> <span>途中で切れたファイル(JSON が最後まで続いていない)');
    expect(cut).toContain('<small class="raw-text">The file is not valid JSON: the text ends unexpectedly (the file looks cut off).</small>');
    expect(section(cut, 'content')).toMatch(/で途切れています: JSON が閉じないまま終わっています/);
    expect(section(cut, 'content')).toContain('&quot;nbformat&quot;: 4');
    expect(section(cut, 'content')).toContain('⟵ ここで途切れています');
    expect(section(byPath('submissions/14-2312013.html'), 'content')).toContain('ファイルは空です');
    const py = section(byPath('submissions/10-2312009.html'), 'content');
    expect(py).toContain('Python のファイルです');
    expect(py).toContain('<pre class="src"><code class="hljs language-python">');
    const late = byPath('submissions/03-2312003.html');
    expect(late).toContain('締め切り後に提出されたノートブック');
    expect(section(late, 'content')).toContain('id="cell-1"');
    const superseded = byPath('submissions/05-2312004.html');
    expect(superseded).toContain('<div class="score superseded" id="score">採点対象外');
    expect(superseded).not.toMatch(/<div class="score" id="score">0/);
    expect(superseded).toContain('href="../submissions/04-2312004.html"');
    expect(superseded).toContain('差し替えられたノートブック');
  });

  it('prints one student per sheet from print.html, the review queue first, linking to each page', () => {
    const print = byPath('print.html');
    const students = print.split('<section class="student">').slice(1);
    expect(students).toHaveLength(16);
    expect(students[0]).toContain('<a href="submissions/09-2312008.html">2312008 山本翔</a>');
    expect(print).not.toContain('id="crit-');
    expect(byPath('index.html')).toContain('<a href="print.html">');
  });

  it('lets a TA decide on the student page (kept in this browser only), and the class page export them', () => {
    const page = byPath('submissions/07-2312006.html');
    const panel = section(page, 'decide');
    expect(panel).toMatch(/^<section id="decide" data-student="2312006" data-sha="[0-9a-f]{64}" data-name="伊藤大輔" data-page="submissions\/07-2312006.html">/);
    expect(panel.match(/<input type="number"[^>]* data-criterion="/g)).toHaveLength(criteriaCount + 1);
    expect(panel).toContain('data-criterion="total"');
    expect(panel).toContain('<input type="checkbox" data-field="hold"> 保留(まだ決めない)');
    const reportId = page.match(/<body data-report="([0-9a-f]{16})">/)?.[1];
    expect(byPath('index.html')).toContain(`<body data-report="${reportId}">`);
    expect(section(byPath('index.html'), 'decisions')).toContain('<button type="button" data-action="export">overrides CSV を書き出す</button>');
    // a superseded file is not where the student's grade is decided; an unreadable one can only get a total
    expect(byPath('submissions/05-2312004.html')).toContain('この学生の判断は、成績になる提出のページで記録します');
    expect(section(byPath('submissions/09-2312008.html'), 'decide').match(/data-criterion="/g)).toHaveLength(1);
    expect(byPath('print.html')).not.toContain('id="decide"');
  });

  it('matches the HTML snapshots', async () => {
    await expect(scrubHtml(byPath('index.html'))).toMatchFileSnapshot('__snapshots__/report/index.html');
    await expect(scrubHtml(byPath('submissions/07-2312006.html'))).toMatchFileSnapshot('__snapshots__/report/07-2312006.html');
    await expect(scrubHtml(byPath('submissions/09-2312008.html'))).toMatchFileSnapshot('__snapshots__/report/09-2312008.html');
  });
});
