/**
 * Suspected copies, one page per linked pair (`copies/<nn>-<nn>.html`): who submitted first, and the
 * shared evidence side by side in Japanese — the identical training-log lines, the shared code lines,
 * the identical images, the Colab account and whose name it carries — each with links to the cells on
 * both students' pages. Built from the structured data (clusters' pairs and kinds, the rows' notebooks
 * and evidence); the detector's English sentence stays as small print. For TAs only.
 */
import { compareNames } from '../../core/integrity/names.js';
import { cellOutputView, linesOf } from '../../core/outputs/cell-lines.js';
import type { CopyKind, CopyPair, GradeRow, Notebook } from '../../types.js';
import { html, raw, type Raw } from './escape.js';
import { epochLines } from './evidence-cells.js';
import { page } from './layout.js';
import { highlightedLines } from './lines.js';
import { baseName, type PageRef, type PairRef, type ReportPlan } from './pages.js';

export const KIND_JA: Record<CopyKind, string> = { 'training-log': '学習ログ', code: 'コード', image: '画像', 'colab-user': 'Colab アカウント' };

const KIND_WHY: Record<CopyKind, string> = {
  'training-log': '学習は毎回ランダムなので、独立に実行した 2 つの学習が同じ数値を出すことはありません(同じ乱数シードを固定した場合を除く。その組は比較していません)。',
  code: '講義のコード(テンプレート)とクラスの多くが書くコードを除いたうえで、同じコードの断片(フィンガープリント)を共有しています。',
  image: '学習結果から描いた画像の出力(PNG/JPEG)がバイト単位で同じです。',
  'colab-user': '同じ Colab アカウントが両方のノートブックのセルを実行しています。',
};

const who = (row: GradeRow): string => [row.studentId ?? '(学籍番号なし)', row.name ?? ''].join(' ').trim();
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Who submitted first (times as written, in the grading time zone); a time from the file's mtime is not to be trusted. */
export function firstSubmitted(pair: PairRef): Raw {
  const [a, b] = [pair.a.row, pair.b.row];
  if (a.submittedAt === b.submittedAt) return html`同時刻の提出(${a.submittedAt})`;
  const [first, second] = a.submittedAt < b.submittedAt ? [a, b] : [b, a];
  const unsure = first.timeSource === 'file-mtime' || second.timeSource === 'file-mtime' ? '(提出時刻の一方はファイルの更新時刻で、確かではありません)' : '';
  return html`先に提出: <b>${who(first)}</b>(${first.submittedAt})、後: ${who(second)}(${second.submittedAt})${unsure}`;
}

/** One line per kind: "学習ログ 100%、Colab アカウント 100%". */
export function pairKinds(pair: PairRef): string {
  return pair.links.map((l) => `${KIND_JA[l.cluster.kind]} ${pct(l.pair.similarity)}`).join('、');
}

const cellLink = (ref: PageRef, cell: number, fromPair: boolean): Raw => html`<a href="${`${fromPair ? '../' : ''}${ref.href}#cell-${cell + 1}`}">セル ${cell + 1}</a>`;

// ─── training logs ───

interface EpochLine {
  cell: number;
  epoch: number;
  key: string;
  text: string;
}

const keyedCache = new WeakMap<GradeRow, EpochLine[]>();

function epochKeyed(row: GradeRow): EpochLine[] {
  const cached = keyedCache.get(row);
  if (cached) return cached;
  const lines = keyEpochs(row);
  keyedCache.set(row, lines);
  return lines;
}

function keyEpochs(row: GradeRow): EpochLine[] {
  const notebook = row.notebook;
  const out: EpochLine[] = [];
  for (const log of row.evidence?.outputs.trainingLogs ?? []) {
    const cell = notebook?.cells[log.at.cell];
    const lines = cell ? epochLines(cell, log) : new Map<number, { header: number; metrics: number | null }>();
    const view = cell ? linesOf(cellOutputView(cell), ['stdout', 'stderr']) : null;
    const textAt = (n: number | null): string => {
      if (n === null || !view) return '';
      const i = view.lineNumbers.indexOf(n);
      return i >= 0 ? (view.texts[i] ?? '') : '';
    };
    for (const record of log.epochs) {
      const names = Object.keys(record).filter((n) => n !== 'epoch').sort();
      if (names.length === 0 || names.some((n) => !Number.isFinite(record[n]))) continue;
      const key = `${record.epoch}|${names.map((n) => `${n}=${record[n]}`).join(' ')}`;
      out.push({ cell: log.at.cell, epoch: record.epoch, key, text: textAt(lines.get(record.epoch)?.metrics ?? null) || names.map((n) => `${n}: ${record[n]}`).join(' - ') });
    }
  }
  return out;
}

function logSection(pair: PairRef): Raw {
  const a = epochKeyed(pair.a.row);
  const inB = new Map(epochKeyed(pair.b.row).map((e) => [e.key, e]));
  const shared = a.flatMap((e) => {
    const other = inB.get(e.key);
    return other ? [[e, other] as const] : [];
  });
  if (shared.length === 0) return html`<p class="muted">同じ数値のエポックを、保存された出力から取り出せませんでした。</p>`;
  // one cell per side (the usual case): linked once in the header, not on every line
  const cellA = new Set(shared.map(([x]) => x.cell)).size === 1 ? shared[0]![0].cell : null;
  const cellB = new Set(shared.map(([, y]) => y.cell)).size === 1 ? shared[0]![1].cell : null;
  const side = (ref: PageRef, line: EpochLine, one: number | null): Raw => html`<pre class="out">${line.text}</pre>${one === null ? html`<span class="muted">${cellLink(ref, line.cell, true)}</span>` : ''}`;
  const row = ([x, y]: readonly [EpochLine, EpochLine]): Raw => html`<tr><td class="num">${x.epoch}</td><td>${side(pair.a, x, cellA)}</td><td>${side(pair.b, y, cellB)}</td></tr>`;
  const title = (ref: PageRef, one: number | null): Raw => html`${who(ref.row)}${one !== null ? html`(${cellLink(ref, one, true)} の出力)` : ''}`;
  const head = html`<thead><tr><th class="num">エポック</th><th>${title(pair.a, cellA)}</th><th>${title(pair.b, cellB)}</th></tr></thead>`;
  const body =
    shared.length <= 8
      ? shared.map(row)
      : [...shared.slice(0, 3).map(row), html`<tr class="fold-row"><td colspan="3"><details class="fold"><summary>… エポック ${shared[3]![0].epoch}〜${shared[shared.length - 4]![0].epoch}(${shared.length - 6} エポック)も同じ数値(クリックで表示)</summary><table class="side">${shared.slice(3, -3).map(row)}</table></details></td></tr>`, ...shared.slice(-3).map(row)];
  return html`<p>${shared.length} エポックで、すべての指標(loss、accuracy、val_loss、val_accuracy など)が小数点以下まで同じです。</p><table class="side">${head}<tbody>${body}</tbody></table>`;
}

// ─── code ───

interface Range {
  cell: number;
  from: number;
  to: number;
}

/** The detector names, after each file, the cells and lines its shared fingerprints come from. */
function rangesAfter(sentence: string, file: string): Range[] {
  const at = sentence.indexOf(`${file} cell `);
  if (at < 0) return [];
  const rest = sentence.slice(at + file.length + 1).split(' ↔ ')[0] ?? '';
  return [...rest.matchAll(/cell (\d+) lines (\d+)–(\d+)/g)].map((m) => ({ cell: Number(m[1]) - 1, from: Number(m[2]), to: Number(m[3]) }));
}

const normalise = (line: string): string => line.replace(/#.*$/, '').replace(/\s+/g, '');

function codeSide(ref: PageRef, ranges: Range[], other: Set<string>): Raw {
  const notebook = ref.row.notebook;
  return html`${ranges.map((r) => {
    const cell = notebook?.cells[r.cell];
    if (!cell) return html`<p class="muted">セル ${r.cell + 1} の ${r.from}〜${r.to} 行目</p>`;
    const lines = highlightedLines(cell.source).slice(r.from - 1, r.to);
    const plain = cell.source.split('\n').slice(r.from - 1, r.to);
    const body = lines.map((line, i) => (other.has(normalise(plain[i] ?? '')) && normalise(plain[i] ?? '') !== '' ? `<mark class="hl">${line || ' '}</mark>` : line)).join('\n');
    return html`<div class="quote"><div class="muted">${cellLink(ref, r.cell, true)} の ${r.from}〜${r.to} 行目</div><pre class="src"><code class="hljs language-python">${raw(body)}</code></pre></div>`;
  })}`;
}

function linesIn(notebook: Notebook | null, ranges: Range[]): Set<string> {
  const set = new Set<string>();
  for (const r of ranges) for (const line of notebook?.cells[r.cell]?.source.split('\n').slice(r.from - 1, r.to) ?? []) set.add(normalise(line));
  return set;
}

function codeSection(pair: PairRef, link: CopyPair): Raw {
  const sentence = link.evidence.join(' ');
  const shared = /^(\d+) code fingerprints/.exec(sentence)?.[1];
  const ra = rangesAfter(sentence, pair.a.row.file);
  const rb = rangesAfter(sentence, pair.b.row.file);
  if (ra.length === 0 && rb.length === 0) return html`<p class="muted">共有しているコードの場所を取り出せませんでした。</p>`;
  return html`<p>${shared ? `${shared} 個のフィンガープリント(12 トークンの並び)を共有しています。` : ''}両側の同じ行を強調しています(空白とコメントは無視)。</p><div class="side-by-side"><div><h4>${who(pair.a.row)}</h4>${codeSide(pair.a, ra, linesIn(pair.b.row.notebook, rb))}</div><div><h4>${who(pair.b.row)}</h4>${codeSide(pair.b, rb, linesIn(pair.a.row.notebook, ra))}</div></div>`;
}

// ─── images ───

function imageCell(sentence: string, file: string): number | null {
  const m = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cell (\\d+)`).exec(sentence);
  return m ? Number(m[1]) - 1 : null;
}

function imageSide(ref: PageRef, cell: number | null): Raw {
  const images = cell === null ? [] : (ref.row.notebook?.cells[cell]?.outputs.flatMap((o) => o.rasters ?? []) ?? []);
  return html`<div><h4>${who(ref.row)}</h4>${cell !== null ? html`<div class="muted">${cellLink(ref, cell, true)}</div>` : ''}${images.map((image) => html`<img class="out-img" alt="出力画像" src="${`data:${image.mime};base64,${image.base64}`}">`)}</div>`;
}

function imageSection(pair: PairRef, link: CopyPair): Raw {
  const sentence = link.evidence.join(' ');
  return html`<div class="side-by-side">${imageSide(pair.a, imageCell(sentence, pair.a.row.file))}${imageSide(pair.b, imageCell(sentence, pair.b.row.file))}</div>`;
}

// ─── Colab account ───

function accountSection(pair: PairRef, link: CopyPair): Raw {
  const label = /the Colab account "(.*)" ran/.exec(link.evidence.join(' '))?.[1] ?? null;
  if (label === null) return html``;
  const carries = [pair.a, pair.b].filter((ref) => ref.row.name && compareNames(label, ref.row.name) === 'same');
  const cellsOf = (ref: PageRef): number[] => (ref.row.notebook?.cells ?? []).filter((c) => c.colab?.user === label).map((c) => c.index);
  const side = (ref: PageRef): Raw => {
    const cells = cellsOf(ref);
    return html`<div><h4>${who(ref.row)}</h4><p>このアカウントが実行したセル(${cells.length}): ${cells.map((c, i) => html`${i > 0 ? '、' : ''}${cellLink(ref, c, true)}`)}</p></div>`;
  };
  return html`<p>Colab アカウント「<b>${label}</b>」${
    carries.length > 0 ? html`は <b>${carries.map((r) => who(r.row)).join('、')}</b> の名前です` : html`の名前は、どちらの学生の名前とも一致しません(または比べられない表記です)`
  }。</p><div class="side-by-side">${side(pair.a)}${side(pair.b)}</div>`;
}

const SECTIONS: Record<CopyKind, (pair: PairRef, link: CopyPair) => Raw> = {
  'training-log': (pair) => logSection(pair),
  code: codeSection,
  image: imageSection,
  'colab-user': accountSection,
};

export function pairPage(pair: PairRef, plan: ReportPlan): string {
  const [a, b] = [pair.a, pair.b];
  const sections = pair.links.map(({ cluster, pair: link }) => {
    const kind = cluster.kind;
    const others = cluster.members.length > 2 ? html`<p class="muted">このまとまり(${cluster.id})には ${cluster.members.length} 人が含まれます: ${cluster.members.map((m, i) => {
      const ref = plan.pages.find((p) => p.row.file === m.file);
      return html`${i > 0 ? '、' : ''}${ref ? html`<a href="${`../${ref.href}`}">${m.studentId ?? baseName(m.file)}</a>` : m.studentId ?? baseName(m.file)}`;
    })}</p>` : '';
    return html`<section id="${`kind-${kind}`}"><h2>${KIND_JA[kind]}が一致(類似度 ${pct(link.similarity)})</h2><p class="muted">${KIND_WHY[kind]}</p>${SECTIONS[kind](pair, link)}${others}<p class="raw-text"><small>検出器の記録(英語、検索用): ${link.evidence.join(' / ')} [${cluster.id}, ${kind}]</small></p></section>`;
  });
  const side = (ref: PageRef): Raw => html`<div class="card"><a href="${`../${ref.href}`}"><b>${who(ref.row)}</b></a><div class="muted">${baseName(ref.row.file)}</div><div>提出 ${ref.row.submittedAt} · ${ref.row.score} / ${ref.row.maxScore} 点</div></div>`;
  const body = html`<nav class="top"><a href="../index.html">← クラスの一覧</a><a href="../index.html#copies">コピーの疑い</a><span class="spacer"></span><a href="${`../${a.href}`}">${who(a.row)}</a><a href="${`../${b.href}`}">${who(b.row)}</a></nav><main>
<h1>コピーの疑い: ${who(a.row)} と ${who(b.row)}</h1>
<p class="cause-line"><span class="badge cause">コピーの疑い</span> ${pairKinds(pair)} が一致。${firstSubmitted(pair)}。</p>
<div class="cards">${side(a)}${side(b)}</div>
<p class="note">一致しているのは、独立に取り組めば一致しないものです。どちらが写したかは分かりません: 両方の学生に確認してください(点数は自動では変えていません)。</p>
${sections}
</main>`;
  return page({ title: `コピーの疑い — ${who(a.row)} と ${who(b.row)}`, root: '../', body });
}
