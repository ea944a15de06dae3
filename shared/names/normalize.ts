/**
 * Name normalisation for matching across Arabic and Latin spellings
 * (docs/matching.md). Pure functions: the raw name is kept for display;
 * these keys exist only in memory, for finding candidates.
 *
 *   strictKey   — NFKC, format marks and tatweel removed, vowel marks removed.
 *   looseArabic — hamza/alef/ya/ta-marbuta folding, Persian letters, digits.
 *   skeleton    — one Latin class per sound for both scripts, vowels dropped,
 *                 doubles collapsed: finds candidates, never proves identity.
 */

const FORMAT_MARKS = /[\u200B-\u200F\u061C\u2066-\u2069\uFEFF]/g;
const TATWEEL = /\u0640/g;
const HARAKAT = /[\u064B-\u065F\u0670]/g;
const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Step 1. NFKC, never NFKD (which would split أ إ آ ؤ ئ into letter + mark). */
export function baseForm(s: string): string {
  return s.normalize('NFKC').replace(FORMAT_MARKS, '').replace(TATWEEL, '').replace(/\s+/g, ' ').trim();
}

/** Step 2. */
export function strictKey(s: string): string {
  return baseForm(s).replace(HARAKAT, '');
}

/** Step 3. */
export function looseArabic(s: string): string {
  return (
    strictKey(s)
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/ؤ/g, 'و')
      .replace(/ئ/g, 'ي')
      .replace(/ی/g, 'ي')
      .replace(/ک/g, 'ك')
      .replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10))
      // A lone hamza (not carried by a letter) is dropped.
      .replace(/ء/g, '')
  );
}

export const isArabic = (s: string): boolean => /[\u0600-\u06FF]/.test(s);

/** Step 6: lowercase, transliteration marks and accents removed (ḥ → h, ā → a, ʿ dropped). */
// Letters of scholarly transliteration (DIN 31635, ISO 233) that stand for two Latin letters in everyday spelling.
const TRANSLIT_LETTERS: Record<string, string> = {
  ḫ: 'kh',
  ẖ: 'kh',
  ġ: 'gh',
  š: 'sh',
  ṯ: 'th',
  ḏ: 'dh',
  ǧ: 'j',
  ğ: 'gh',
  ž: 'zh',
  ç: 'ch',
};

export function latinFold(s: string): string {
  return foldLatinRun(baseForm(s));
}

/** Any text, either script or both: Arabic parts loosely folded, Latin parts folded, spacing kept. */
export function foldMixed(s: string): string {
  return looseArabic(s).replace(/[^\u0600-\u06FF]+/g, foldLatinRun);
}

function foldLatinRun(s: string): string {
  return s
    .toLowerCase()
    .replace(/[ḫẖġšṯḏǧğžç]/g, (c) => TRANSLIT_LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʿʾ'’`]/g, '');
}

/** Step 4: tokens split on spaces, punctuation, hyphens and apostrophes. */
export function tokenize(s: string): string[] {
  return s.split(/[\s\-‐–—_.,;:/\\()[\]{}"«»“”ʿʾ'’`]+/u).filter(Boolean);
}
