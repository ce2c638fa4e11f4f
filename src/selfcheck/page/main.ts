/// <reference lib="dom" />
/**
 * The student self-check page's script (bundled by src/browser/bundle-core.ts, inlined by
 * src/selfcheck/build-page.ts). It reads the page's own data block, grades a picked or dropped file with
 * the core, and shows the points and the Japanese feedback the grader will write. Everything a student
 * wrote (file name, notebook text) reaches the page only as textContent: no innerHTML, no URLs, no
 * requests.
 */
// first: before any schema of the core is built
import './no-eval.js';
import { createCore, type Core, type CoreSetup } from '../../core/browser.js';
import type { FeedbackItem } from '../../core/comment/comment.js';
import type { Note } from '../advice.js';
import { MAX_FILE_BYTES } from '../advice.js';
import { examine, type Examination } from '../examine.js';

/** The JSON block the page carries (src/selfcheck/build-page.ts writes it). */
export interface PageData {
  assignment: string;
  setup: Omit<CoreSetup, 'wasm'>;
  /** The tree-sitter runtime's and the Python grammar's .wasm, base64. */
  wasm: { runtime: string; grammar: string };
}

const STATE: Record<FeedbackItem['status'], { mark: string; text: string }> = {
  met: { mark: '○', text: '満たしています' },
  'partly-met': { mark: '△', text: '一部を満たしています' },
  'not-met': { mark: '×', text: '満たしていません' },
  unreadable: { mark: '?', text: '自動では読み取れませんでした。TA が確認します' },
};

type Child = Node | string | null | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== false) node.append(child);
  return node;
}

const byId = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
};

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const formatPoints = (points: number): string => String(points);

function noteList(notes: readonly Note[]): HTMLElement {
  return el(
    'ul',
    { class: 'notes' },
    ...notes.map((note) => el('li', { class: `note note-${note.level}`, 'data-topic': note.topic, 'data-level': note.level }, el('strong', {}, note.title), note.text)),
  );
}

function criterionItem(item: FeedbackItem, titles: ReadonlyMap<string, string>): HTMLElement {
  const state = STATE[item.status];
  const detail: HTMLElement[] = [];
  for (const found of item.found) detail.push(el('li', {}, el('span', { class: 'label' }, '見つかったこと'), found));
  if (item.expected) detail.push(el('li', {}, el('span', { class: 'label' }, '求めていること'), item.expected));
  const cause = item.lostBecauseOf ? titles.get(item.lostBecauseOf) : undefined;
  if (cause) detail.push(el('li', {}, `「${cause}」と同じ理由で、実行結果から確かめられませんでした。`));
  return el(
    'li',
    { class: `crit crit-${item.status}`, 'data-criterion': item.id, 'data-status': item.status },
    el(
      'div',
      { class: 'crit-head' },
      el('span', { class: 'mark', 'aria-hidden': 'true' }, state.mark),
      el('span', { class: 'crit-title' }, item.title, item.status === 'met' && el('span', { class: 'vh' }, `: ${state.text}`)),
      el('span', { class: 'crit-points', 'data-points': String(item.points) }, `${formatPoints(item.points)} / ${formatPoints(item.maxPoints)} 点`),
    ),
    item.status !== 'met' && el('p', { class: 'crit-state' }, state.text),
    detail.length > 0 && el('ul', { class: 'crit-detail' }, ...detail),
  );
}

function lead(exam: Examination): string {
  const { result } = exam;
  if (result.status !== 'graded') return 'このファイルは採点されません (0 点になります)。次の点を確かめてください。';
  const fileProblems = exam.notes.some((note) => note.level === 'error');
  if (fileProblems) return '提出する前に、次の点を直してください。';
  const items = result.feedback.items;
  if (items.every((item) => item.status === 'met') && result.score === result.maxScore) return 'すべての項目を満たしています。';
  if (items.some((item) => item.status === 'unreadable') && items.every((item) => item.status === 'met' || item.status === 'unreadable')) {
    return '自動では読み取れなかった項目があります。その項目は提出後に TA が確認します。';
  }
  return '点が引かれている項目があります。下の説明を見て、直せるところを直してください。';
}

function renderResult(section: HTMLElement, exam: Examination, elapsedMs: number, onAgain: () => void): void {
  const { result } = exam;
  const graded = result.status === 'graded';
  const titles = new Map(result.feedback.items.map((item) => [item.id, item.title]));
  const heading = el('h2', { id: 'result-title', tabindex: '-1' }, '結果: ', el('span', { class: 'fname', id: 'result-file' }, exam.fileName));
  const score = el(
    'div',
    { class: `scorebox${graded ? '' : ' not-graded'}` },
    el('span', { class: 'score', id: 'score', 'data-score': String(result.score) }, formatPoints(result.score)),
    el('span', { class: 'score-max' }, `/ ${formatPoints(result.maxScore)} 点`),
    !graded && el('span', {}, '採点できないファイルです'),
  );
  const parts: Child[] = [heading, score, el('p', { class: 'lead' }, lead(exam)), noteList(exam.notes)];
  if (graded) {
    const missed = result.feedback.items.filter((item) => item.status !== 'met');
    const met = result.feedback.items.filter((item) => item.status === 'met');
    if (missed.length > 0) {
      parts.push(el('h3', {}, `点が引かれている項目 (${missed.length})`));
      parts.push(el('ol', { class: 'criteria', id: 'criteria-missed' }, ...missed.map((item) => criterionItem(item, titles))));
    }
    if (met.length > 0) {
      parts.push(el('h3', {}, `満たしている項目 (${met.length})`));
      parts.push(el('ul', { class: 'criteria compact', id: 'criteria-met' }, ...met.map((item) => criterionItem(item, titles))));
    }
    if (result.feedback.hiddenCriteria > 0) parts.push(el('p', { class: 'small' }, '得点には、ここに表示していない採点項目の点も含まれます。'));
  }
  parts.push(
    el('h3', {}, '採点コメント'),
    el('p', { class: 'small' }, '提出後の自動採点で付くコメントと同じ文面です (締め切りについての文は入りません)。'),
    el('p', { class: 'comment', id: 'comment' }, result.comment),
  );
  const again = el('button', { type: 'button', class: 'secondary again', id: 'again' }, '別のファイルを確認する');
  again.addEventListener('click', onAgain);
  parts.push(again);
  section.replaceChildren(...parts.filter((p): p is Node | string => p !== null && p !== false));
  section.dataset['status'] = result.status;
  section.dataset['ms'] = String(Math.round(elapsedMs));
  section.hidden = false;
}

function start(): void {
  const pick = byId<HTMLButtonElement>('pick');
  const input = byId<HTMLInputElement>('file');
  const drop = byId<HTMLElement>('drop');
  const status = byId<HTMLElement>('status');
  const section = byId<HTMLElement>('result');
  const say = (text: string, busy = false): void => {
    status.textContent = text;
    status.classList.toggle('busy', busy);
  };

  const unsupported = (): void => {
    say('このブラウザーではこのページを使えません。新しい版の Chrome、Edge、Firefox、Safari のどれかで開き直してください。');
    pick.disabled = true;
  };
  let core: Core;
  let data: PageData;
  let ready: Promise<boolean>;
  try {
    data = JSON.parse(byId('kadai-data').textContent ?? '') as PageData;
    core = createCore({ ...data.setup, wasm: { runtime: base64Bytes(data.wasm.runtime), grammar: base64Bytes(data.wasm.grammar) } });
    say('準備しています…', true);
    // WebAssembly refused (a browser older than the page's security policy needs) ends here
    ready = core.warmUp().then(
      () => true,
      () => false,
    );
    void ready.then((ok) => (ok ? say('準備ができました。ファイルを選んでください。') : unsupported()));
  } catch {
    unsupported();
    return;
  }

  let runs = 0;
  let checking = false;
  const check = async (file: File): Promise<void> => {
    if (checking) return;
    checking = true;
    const started = performance.now();
    pick.disabled = true;
    section.setAttribute('aria-busy', 'true');
    say('確認しています…', true);
    try {
      const bytes = file.size > MAX_FILE_BYTES ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
      if (!(await ready)) {
        unsupported();
        return;
      }
      const exam = await examine(core, { name: file.name, size: file.size, bytes }, data.assignment, Date.now());
      runs += 1;
      renderResult(section, exam, performance.now() - started, () => {
        input.value = '';
        pick.focus();
        input.click();
      });
      section.dataset['run'] = String(runs);
      say('確認が終わりました。結果は下にあります。');
      byId('result-title').focus();
    } catch {
      say('このファイルを確認できませんでした。ページを開き直して、もう一度試してください。');
    } finally {
      section.removeAttribute('aria-busy');
      pick.disabled = !(await ready);
      checking = false;
    }
  };

  pick.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void check(file);
    input.value = '';
  });
  // a file dropped anywhere is checked (and never opened by the browser in place of this page)
  let depth = 0;
  window.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth += 1;
    drop.classList.add('over');
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) drop.classList.remove('over');
  });
  window.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    drop.classList.remove('over');
    const files = event.dataTransfer?.files;
    const file = files?.[0];
    if (!file) return;
    if (files.length > 1) say('ファイルは 1 つずつ確認します。最初のファイルだけを確認しています…', true);
    void check(file);
  });
}

start();
