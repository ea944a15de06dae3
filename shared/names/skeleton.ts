/**
 * Step 7: a skeleton shared by both scripts. Each consonant sound maps to one
 * Latin class (emphatics fold into their plain letter, q into k; th, dh,
 * ث and ذ into one class); long vowels, ʿayn and hamza count as vowels and are dropped;
 * doubles collapse. و and ي are consonants only at the start of a word.
 */
const ARABIC_CLASS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 'θ',
  ج: 'j',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'θ',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'c',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: '',
  و: '',
  ي: '',
  ى: '',
  ا: '',
  أ: '',
  إ: '',
  آ: '',
  ء: '',
  ؤ: '',
  ئ: '',
  ع: '',
  ٱ: '',
};

// Digraphs become upper-case placeholders first, so the single-letter classes below (c → k) cannot touch them.
const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/kh/g, 'X'],
  [/sh/g, 'C'],
  [/ch/g, 'C'],
  [/th/g, 'T'],
  [/dh/g, 'T'],
  [/gh/g, 'G'],
  [/ph/g, 'F'],
  [/ou/g, 'u'],
  [/ee/g, 'i'],
  [/oo/g, 'u'],
];
// th and dh are written for both ث and ذ (Othman, Muath, Mu'adh): one class. A lone g is the Egyptian j (Gamal = جمال).
const LATIN_CLASS: Record<string, string> = {
  q: 'k',
  c: 'k',
  v: 'f',
  p: 'b',
  g: 'j',
  X: 'x',
  C: 'c',
  T: 'θ',
  G: 'g',
  F: 'f',
};

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

export function arabicSkeleton(token: string): string {
  let out = '';
  [...token].forEach((ch, i) => {
    if (i === 0 && ch === 'و') {
      out += 'w';
      return;
    }
    if (i === 0 && ch === 'ي') {
      out += 'y';
      return;
    }
    const c = ARABIC_CLASS[ch];
    out += c ?? (/[a-z0-9]/.test(ch) ? ch : '');
  });
  // A final h is usually the feminine ending (فاطمه / Fatima): both scripts drop it.
  return collapse(out).replace(/h$/, '');
}

export function latinSkeleton(token: string): string {
  // Glued particles (abd + hamid) must not make a digraph across the seam ("dh").
  const particle = /^(abd|abu)(.+)$/.exec(token);
  if (particle) return collapse((particle[1] === 'abd' ? 'bd' : 'b') + latinSkeleton(particle[2]!));
  // French "Ou" before a vowel is w: Oualid = Walid.
  let t = token.toLowerCase().replace(/^ou(?=[aei])/, 'w');
  const first = t[0];
  // Latin "sh", "kh"… are one sound; c alone (Carim) is k, but "ch" was folded first.
  for (const [re, to] of LATIN_DIGRAPHS) t = t.replace(re, to);
  let out = '';
  [...t].forEach((ch, i) => {
    if (i === 0 && (ch === 'w' || ch === 'y') && first === ch) {
      out += ch;
      return;
    }
    if ('aeiouyw'.includes(ch)) return;
    out += LATIN_CLASS[ch] ?? ch;
  });
  return collapse(out).replace(/h$/, '');
}

/** Skeletons agree letter by letter; θ (th, dh, ث, ذ) is written as t, d, z or s in other spellings (Osman, Moaz, Riyadh): it matches any of them. */
const THETA_MATES = new Set(['θ', 't', 'd', 'z', 's']);

/** A lone Latin g is usually ج (Gamal), sometimes غ (Dabbag, Tagrid): j and g agree. */
const mates = (x: string, y: string): boolean =>
  (x === 'θ' && THETA_MATES.has(y)) ||
  (y === 'θ' && THETA_MATES.has(x)) ||
  (x === 'j' && y === 'g') ||
  (x === 'g' && y === 'j');

export function skeletonsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (mates(a[i]!, b[i]!)) continue;
    return false;
  }
  return true;
}
