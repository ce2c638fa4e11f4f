/**
 * What the self-check page tells a student about their file before the points: is it a notebook, can
 * the grader read it, were its cells run and saved, and does its name read as 学籍番号_名前_4.ipynb with
 * the same tolerance as the grader's ingest (src/core/identity.ts). Pure: plain data in, Japanese notes
 * out, so the page and the tests share it. The wording is short and kind, names no internals, and keeps
 * to characters CP932 has.
 */
import { parseIdentity } from '../core/identity.js';

export type NoteLevel = 'ok' | 'info' | 'warn' | 'error';

export interface Note {
  /** Stable, for tests and styling: 'name', 'kind', 'run', 'size' … */
  topic: string;
  level: NoteLevel;
  title: string;
  text: string;
}

/** What the file is, by its name. Only `notebook` (.ipynb, any case) is graded, as in the CLI. */
export type NameKind = 'notebook' | 'python' | 'html' | 'pdf' | 'zip' | 'image' | 'other';

/** What the bytes look like, for files that are not what their name says. */
export type ContentKind = 'empty' | 'zip' | 'html' | 'python' | 'json' | 'other';

/** Larger files are not read (the grader's own limit for one file). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const DOWNLOAD = 'Colab で「ファイル」→「ダウンロード」→「.ipynb をダウンロード」を選び、保存されたファイルを使ってください。';

export function kindFromName(fileName: string): NameKind {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.ipynb')) return 'notebook';
  if (/\.(?:py|pyw)$/.test(name)) return 'python';
  if (/\.(?:html?|mhtml?|webarchive)$/.test(name)) return 'html';
  if (name.endsWith('.pdf')) return 'pdf';
  if (/\.(?:zip|7z|rar|tar|gz|tgz)$/.test(name)) return 'zip';
  if (/\.(?:png|jpe?g|gif|bmp|webp|heic|svg)$/.test(name)) return 'image';
  return 'other';
}

/** A look at the first bytes: enough to tell a renamed .py, a saved web page or a zip from a notebook. */
export function sniffContent(bytes: Uint8Array): ContentKind {
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  const head = decodeHead(bytes);
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') return 'empty';
  if (text.startsWith('{')) return 'json';
  if (/^<(?:!doctype\s+html|html|head|body|meta|!--)/i.test(text)) return 'html';
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text.slice(0, 1024))) return 'other';
  const first = /^[^\r\n]*/.exec(text)![0];
  if (/^(?:#|import\s+[A-Za-z_]|from\s+\.*[A-Za-z_][\w.]*\s+import\b|[rRuU]?(?:"""|''')|def\s+[A-Za-z_]|class\s+[A-Za-z_]|@[A-Za-z_]|print\s*\()/.test(first)) return 'python';
  return 'other';
}

function decodeHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096);
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2, head.length - (head.length % 2)));
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2, head.length - (head.length % 2)));
  return new TextDecoder('utf-8').decode(head);
}

const KIND_TITLES: Record<Exclude<NameKind, 'notebook'>, string> = {
  python: 'Python ファイル (.py) です',
  html: 'Web ページとして保存したファイル (.html) です',
  pdf: 'PDF ファイルです',
  zip: '圧縮ファイル (zip など) です',
  image: '画像ファイルです',
  other: 'ノートブック (.ipynb) ではありません',
};

/** A file whose name does not end in .ipynb: why it cannot be graded and what to do. */
export function notANotebookNote(fileName: string, bytes: Uint8Array): Note {
  const kind = kindFromName(fileName);
  const title = kind === 'notebook' ? KIND_TITLES.other : KIND_TITLES[kind];
  const ending = /\.[^.\\/]{1,12}$/.exec(fileName.trim())?.[0];
  if (kind === 'zip') return { topic: 'kind', level: 'error', title, text: `採点できるのはノートブック (.ipynb) だけです。中の .ipynb ファイルを取り出して、そのファイルを選んでください。` };
  if (kind === 'other' && sniffContent(bytes) === 'json') {
    return {
      topic: 'kind',
      level: 'error',
      title: 'ファイル名の最後が .ipynb ではありません',
      text: `中身はノートブックのようですが、ファイル名が「${ending ?? '(拡張子なし)'}」で終わっているため採点されません。ファイル名の最後を「_4.ipynb」にしてください (Windows では拡張子が表示されない設定のことがあります)。`,
    };
  }
  return { topic: 'kind', level: 'error', title, text: `採点できるのはノートブック (.ipynb) だけです。${DOWNLOAD}` };
}

/** A .ipynb file the grader could not read: what it seems to be instead. */
export function unreadableNote(bytes: Uint8Array, size: number): Note {
  if (size > MAX_FILE_BYTES) return { topic: 'kind', level: 'error', title: 'ファイルが大きすぎます', text: `100 MB を超えるファイルは読み取りません。課題のノートブックは通常 1 MB 程度です。${DOWNLOAD}` };
  switch (sniffContent(bytes)) {
    case 'empty':
      return { topic: 'kind', level: 'error', title: 'ファイルが空です', text: `中身のないファイルです。${DOWNLOAD}` };
    case 'python':
      return { topic: 'kind', level: 'error', title: '中身が Python ファイル (.py) です', text: `.py の名前を .ipynb に変えただけでは採点できません (実行結果が入っていません)。${DOWNLOAD}` };
    case 'html':
      return { topic: 'kind', level: 'error', title: '中身が Web ページ (HTML) です', text: `ブラウザーの「名前を付けて保存」で保存したファイルは採点できません。${DOWNLOAD}` };
    case 'zip':
      return { topic: 'kind', level: 'error', title: '中身が圧縮ファイル (zip) です', text: `名前は .ipynb ですが、中身は zip です。${DOWNLOAD}` };
    default:
      return { topic: 'kind', level: 'error', title: 'ノートブックとして読み込めません', text: `ファイルが途中で切れているか、壊れています。${DOWNLOAD}` };
  }
}

export interface RunFacts {
  codeCells: number;
  executedCells: number;
  executionOrder: string;
}

/** Were the cells run, and their outputs saved? */
export function runNote(run: RunFacts): Note {
  if (run.codeCells === 0) return { topic: 'run', level: 'error', title: 'コードセルがありません', text: '課題のコードを書いたノートブックを選んでください。' };
  if (run.executedCells === 0 || run.executionOrder === 'not-run') {
    return {
      topic: 'run',
      level: 'error',
      title: '実行結果が保存されていません',
      text:
        'このままでは、実行結果が必要な項目がすべて 0 点になります。Colab で「ランタイム」→「すべてのセルを実行」を選び、最後のセルまで終わってから「ファイル」→「ダウンロード」→「.ipynb をダウンロード」でダウンロードし直してください。' +
        'それでも出力が残らないときは、「編集」→「ノートブックの設定」で出力を保存しない設定になっていないか確かめてください。',
    };
  }
  if (run.executedCells < run.codeCells) {
    return {
      topic: 'run',
      level: 'warn',
      title: '実行されていないセルがあります',
      text: `コードセル ${run.codeCells} 個のうち ${run.executedCells} 個だけが実行されています。「ランタイム」→「すべてのセルを実行」を選び、最後まで終わってから保存してください。`,
    };
  }
  return { topic: 'run', level: 'ok', title: '実行結果', text: `コードセル ${run.codeCells} 個すべての実行結果が保存されています。` };
}

/** The file name against 学籍番号_名前_<assignment>.ipynb, read as the grader reads it. */
export function nameNote(fileName: string, assignment: string): Note {
  const pattern = `学籍番号_名前_${assignment}.ipynb`;
  const example = `(例: 2312001_山田太郎_${assignment}.ipynb)`;
  const identity = parseIdentity(fileName, assignment);
  const flags = new Set(identity.flags);
  const title = 'ファイル名';
  if (flags.has('checkpoint-copy')) {
    return { topic: 'name', level: 'error', title, text: `これは Jupyter が自動で作る控えのファイル (-checkpoint) です。元のノートブックを「${pattern}」の名前で提出してください。` };
  }
  if (flags.has('name-unrecognised')) {
    const absent = [identity.studentId === null ? '学籍番号' : null, identity.name === null ? '名前' : null].filter((p) => p !== null);
    const problems = [
      ...(absent.length > 0 ? [`ファイル名に${absent.join('と')}が見つかりません。`] : []),
      ...(identity.assignment === null ? [`ファイル名が「_${assignment}.ipynb」で終わっていません。`] : []),
    ];
    return { topic: 'name', level: 'error', title, text: `${problems.join('')}ファイル名を「${pattern}」にしてください ${example}。` };
  }
  if (flags.has('assignment-mismatch')) {
    return { topic: 'name', level: 'error', title, text: `ファイル名の最後の番号が「${identity.assignment ?? ''}」です。この課題は第 ${assignment} 回なので「_${assignment}.ipynb」で終わる名前にしてください ${example}。` };
  }
  const read = `学籍番号「${identity.studentId ?? ''}」、名前「${identity.name ?? ''}」として読み取れます。学籍番号が正しいか確かめてください。`;
  if (flags.has('id-not-first') || flags.has('separator-missing')) {
    return { topic: 'name', level: 'warn', title, text: `${read}ただし「${pattern}」の形ではありません。学籍番号を先頭にして、名前との間を「_」で区切ってください ${example}。` };
  }
  if (identity.copyIndex !== null) {
    return { topic: 'name', level: 'info', title, text: `${read}名前の後ろの「(1)」や「のコピー」は、ダウンロードのときに付いた印として読み飛ばします。付いたままでも採点できます。` };
  }
  return { topic: 'name', level: 'ok', title, text: read };
}
