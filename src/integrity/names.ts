/**
 * Does a Colab account's display name belong to the submitter named in the file name? Only names
 * written in the same scripts are compared: 「山田太郎」 and "Taro Yamada", or 「やまだたろう」 and
 * 「山田太郎」, cannot be matched without a dictionary, so they are never called a mismatch. Word order,
 * spaces, width and case do not matter (「さくら 渡辺」 = 「渡辺さくら」, "Sato Hanako" = "hanako sato"),
 * and a name that contains the other (「山田」 in 「山田太郎」) matches.
 */

type Script = 'han' | 'kana' | 'latin' | 'other';

function scriptOf(ch: string): Script {
  if (/\p{Script=Han}/u.test(ch)) return 'han';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}ー]/u.test(ch)) return 'kana';
  if (/\p{Script=Latin}/u.test(ch)) return 'latin';
  return 'other';
}

/** NFKC, lower case, katakana as hiragana, only letters kept. */
export function normaliseName(name: string): string {
  return [...name.normalize('NFKC').toLowerCase()]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
    })
    .filter((ch) => /[\p{L}ー]/u.test(ch))
    .join('');
}

function scripts(normalised: string): string {
  return [...new Set([...normalised].map(scriptOf))].sort().join('+');
}

const sortedChars = (text: string): string => [...text].sort().join('');

export type NameComparison = 'same' | 'different' | 'not-comparable';

export function compareNames(colabName: string, submitter: string): NameComparison {
  const a = normaliseName(colabName);
  const b = normaliseName(submitter);
  if (a === '' || b === '') return 'not-comparable';
  if (scripts(a) !== scripts(b)) return 'not-comparable';
  if (a === b || a.includes(b) || b.includes(a) || sortedChars(a) === sortedChars(b)) return 'same';
  return 'different';
}
