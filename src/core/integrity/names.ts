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

/** Old and variant forms of kanji common in names, written either way in a file name or a Google account. */
const KANJI_VARIANTS: Record<string, string> = {
  髙: '高', 﨑: '崎', 嵜: '崎', 邊: '辺', 邉: '辺', 齋: '斎', 齊: '斎', 斉: '斎', 澤: '沢', 濱: '浜', 櫻: '桜', 廣: '広',
  國: '国', 眞: '真', 惠: '恵', 瀨: '瀬', 實: '実', 藏: '蔵', 德: '徳', 會: '会', 壽: '寿', 榮: '栄', 槇: '槙', 籠: '篭', 冨: '富',
  曻: '昇', 靜: '静', 禮: '礼', 淺: '浅', 與: '与', 萬: '万', 驒: '騨', 彌: '弥', 條: '条', 將: '将', 增: '増', 團: '団',
};

/** Hepburn and Kunrei spellings of one sound, and long vowels written or not: "Tarou Satou" = "Taro Sato", "Shinji" = "Sinzi". */
function foldRomaji(latin: string): string {
  return latin
    .replace(/sh(?=[aueo])/g, 's')
    .replace(/shi/g, 'si')
    .replace(/ch(?=[aueo])/g, 'ty')
    .replace(/chi/g, 'ti')
    .replace(/tsu/g, 'tu')
    .replace(/fu/g, 'hu')
    .replace(/j(?=[aueo])/g, 'zy')
    .replace(/ji/g, 'zi')
    .replace(/m(?=[bmp])/g, 'n')
    .replace(/([aeiou])h(?![aeiouy])/g, '$1')
    .replace(/ou|oo/g, 'o')
    .replace(/uu/g, 'u')
    .replace(/ei/g, 'e')
    .replace(/ii/g, 'i')
    .replace(/aa/g, 'a');
}

/** NFKC, lower case, katakana as hiragana, kanji variants folded, romaji spellings folded, only letters kept. */
export function normaliseName(name: string): string {
  const letters = [...name.normalize('NFKC').toLowerCase()]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0x30a1 && code <= 0x30f6) return String.fromCodePoint(code - 0x60);
      return KANJI_VARIANTS[ch] ?? ch;
    })
    .filter((ch) => /[\p{L}ー]/u.test(ch))
    .join('');
  return /^[a-z]+$/.test(letters) ? foldRomaji(letters) : letters;
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
