/**
 * Step 7: a skeleton shared by both scripts. Each consonant sound maps to one
 * Latin class (emphatics fold into their plain letter, q into k, th into t,
 * dh into d); long vowels, ʿayn and hamza count as vowels and are dropped;
 * doubles collapse. و and ي are consonants only at the start of a word.
 */
const ARABIC_CLASS: Record<string, string> = {
  'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'خ': 'x', 'د': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'c', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k',
  'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ة': '', 'و': '', 'ي': '', 'ى': '', 'ا': '', 'أ': '', 'إ': '',
  'آ': '', 'ء': '', 'ؤ': '', 'ئ': '', 'ع': '', 'ٱ': '',
};

// Digraphs become upper-case placeholders first, so the single-letter classes below (c → k) cannot touch them.
const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/kh/g, 'X'], [/sh/g, 'C'], [/ch/g, 'C'], [/th/g, 'T'], [/dh/g, 'D'], [/gh/g, 'G'], [/ph/g, 'F'], [/ou/g, 'u'], [/ee/g, 'i'], [/oo/g, 'u'],
];
const LATIN_CLASS: Record<string, string> = { q: 'k', c: 'k', v: 'f', p: 'b', X: 'x', C: 'c', T: 't', D: 'd', G: 'g', F: 'f' };

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

export function arabicSkeleton(token: string): string {
  let out = '';
  [...token].forEach((ch, i) => {
    if (i === 0 && ch === 'و') { out += 'w'; return; }
    if (i === 0 && ch === 'ي') { out += 'y'; return; }
    const c = ARABIC_CLASS[ch];
    out += c ?? (/[a-z0-9]/.test(ch) ? ch : '');
  });
  // A final h is usually the feminine ending (فاطمه / Fatima): both scripts drop it.
  return collapse(out).replace(/h$/, '');
}

export function latinSkeleton(token: string): string {
  let t = token.toLowerCase();
  const first = t[0];
  // Latin "sh", "kh"… are one sound; c alone (Carim) is k, but "ch" was folded first.
  for (const [re, to] of LATIN_DIGRAPHS) t = t.replace(re, to);
  let out = '';
  [...t].forEach((ch, i) => {
    if (i === 0 && (ch === 'w' || ch === 'y') && first === ch) { out += ch; return; }
    if ('aeiouyw'.includes(ch)) return;
    out += LATIN_CLASS[ch] ?? ch;
  });
  return collapse(out).replace(/h$/, '');
}
