/**
 * File-name clean-up before the identity is read: extensions, and the marks that browsers, file managers
 * and Colab add to copies (`… (1)`, `…(2)`, `… のコピー`, `… - コピー`, `… copy 2`, `Copy of …`,
 * `コピー ～ …`, Jupyter's `…-checkpoint`). All functions preserve string length up to the cut, so an
 * index found in the half-width text is also valid in the text as written.
 */

/** Full-width ASCII (Ａ, ０, ＿, （) → ASCII, U+3000 → space, hyphen look-alikes → '-'. One unit for one unit. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013 || code === 0x2212) out += '-';
    else out += ch;
  }
  return out;
}

const EXTENSION = /\.(?:ipynb|json|txt|py|html?|pdf)$/i;

export function stripExtensions(name: string): string {
  let stem = name;
  while (EXTENSION.test(stem)) stem = stem.replace(EXTENSION, '');
  return stem;
}

export interface CopyMarkers {
  /** The stem without copy marks, as written. */
  stem: string;
  /** n of "(n)" or "のコピー n"; 1 for an unnumbered copy mark; null when there was none. */
  copyIndex: number | null;
  /** Jupyter's .ipynb_checkpoints copy ("…-checkpoint"). */
  checkpoint: boolean;
}

const SUFFIXES: RegExp[] = [
  /\s*\(\s*(\d+)\s*\)$/,
  /\s*-\s*(?:コピー|copy)(?:\s*\(\s*(\d+)\s*\))?$/i,
  /\s*のコピー(?:\s*(\d+))?$/,
  /\s+copy(?:\s+(\d+))?$/i,
];
const PREFIXES: RegExp[] = [/^copy of\s+/i, /^コピー\s*(?:\(\s*(\d+)\s*\)\s*)?[~〜]\s*/];
const CHECKPOINT = /-checkpoint$/;

export function stripCopyMarkers(stemAsWritten: string): CopyMarkers {
  let stem = stemAsWritten.trim();
  let copyIndex: number | null = null;
  let checkpoint = false;
  const note = (n: string | undefined): void => {
    if (copyIndex === null || (n !== undefined && copyIndex === 1)) copyIndex = n === undefined ? 1 : Number(n);
  };
  for (let changed = true; changed; ) {
    changed = false;
    const half = toHalfWidth(stem);
    if (CHECKPOINT.test(half)) {
      checkpoint = true;
      stem = stem.slice(0, half.length - '-checkpoint'.length);
      changed = true;
      continue;
    }
    for (const re of SUFFIXES) {
      const m = re.exec(half);
      if (m && m.index > 0) {
        note(m[1]);
        stem = stem.slice(0, m.index).trimEnd();
        changed = true;
        break;
      }
    }
    if (changed) continue;
    for (const re of PREFIXES) {
      const m = re.exec(half);
      if (m && m[0].length < half.length) {
        note(m[1]);
        stem = stem.slice(m[0].length).trimStart();
        changed = true;
        break;
      }
    }
  }
  return { stem, copyIndex, checkpoint };
}
