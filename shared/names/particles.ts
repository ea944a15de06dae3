import { isArabic } from './normalize';

/**
 * Step 5: name particles. عبد/Abd… and أبو/Abu glue to the next token (never
 * to each other: Abd is not Abu); X + الدين / الله join into one name; بن / ابن
 * / bin / ibn separate generations and are dropped. Works on tokens already
 * folded (looseArabic or latinFold).
 */
const ABD_AR = new Set(['عبد']);
const ABD_LA = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdol', 'abdu', 'abdi']);
const ABU_AR = new Set(['ابو']);
const ABU_LA = new Set(['abu', 'abou', 'abo']);
const SEPARATORS = new Set(['بن', 'ابن', 'bin', 'ibn', 'ben', 'bint', 'بنت']);
const ARTICLES_LA = new Set([
  'al',
  'el',
  'ul',
  'ad',
  'ed',
  'ud',
  'an',
  'ar',
  'as',
  'ash',
  'at',
  'az',
  'ez',
  'es',
  'er',
  'en',
  'et',
]);
const DIN_LA = new Set(['din', 'deen', 'dine', 'ddin', 'ddine', 'eddin', 'eddine', 'uddin', 'addin']);
const ALLAH_LA = new Set(['allah', 'ullah', 'ollah', 'alla', 'lah', 'llah', 'ulla']);

/** `glued` keeps a Latin token whose leading al/el was taken for an article: it may be part of the name (Alwan = علوان). */
export interface NameToken {
  text: string;
  hadArticle: boolean;
  glued?: string;
}

export function applyParticles(tokens: string[]): NameToken[] {
  const out: NameToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    if (SEPARATORS.has(t)) continue;
    const ar = isArabic(t);
    // Written joined: عبدالرحمن, ابوالخير, نورالدين, عبدالله — the inner article goes, as in the Latin forms.
    if (ar) t = t.replace(/^(عبد|ابو)ال(?=..)/, '$1').replace(/(?<=..)ال(دين|له)$/, '$1');
    // Latin articles written apart: "al Hasan", "el-Hasan".
    if (!ar && ARTICLES_LA.has(t) && i + 1 < tokens.length) {
      const next = tokens[i + 1]!;
      // "Nour al-Din": the article belongs to the joined name.
      if (out.length && (DIN_LA.has(next) || ALLAH_LA.has(next))) {
        out[out.length - 1]!.text += stripLatinArticle(next).text === 'din' ? 'din' : 'lah';
        i++;
        continue;
      }
      out.push({ text: next, hadArticle: true });
      i++;
      continue;
    }
    if ((ar ? ABD_AR : ABD_LA).has(t) || (ar ? ABU_AR : ABU_LA).has(t)) {
      const head = ar ? t : ABD_LA.has(t) ? 'abd' : 'abu';
      let j = i + 1;
      if (!ar && j < tokens.length && ARTICLES_LA.has(tokens[j]!)) j++;
      const next = tokens[j];
      if (next !== undefined) {
        const rest = ar ? next.replace(/^ال(?=..)/, '') : stripLatinArticle(next).text;
        out.push({ text: head + rest, hadArticle: false });
        i = j;
        continue;
      }
    }
    // Glued Latin forms: Abdulrahman, Abdelrahman → abd + rahman; Abulhasan → abu + hasan.
    if (!ar) {
      const glued = /^(abdul|abdel|abdal|abdol|abd)(?:al|el|ul|ar|er|ur|as|es|us|an|en|un)?(.{2,})$/.exec(t) ?? null;
      if (glued && !['abdullah', 'abdallah', 'abdulla', 'abdalla', 'abdellah'].includes(t)) t = `abd${glued[2]}`;
      else if (/^abd(u|e|a)?ll?ah?$/.test(t)) t = 'abdlah';
      const abu = /^(abou|abu|abo)(?:al|el|ul)?(.{2,})$/.exec(t);
      if (abu && !glued) t = `abu${abu[2]}`;
    }
    if ((ar && (t === 'الدين' || t === 'الله')) || (!ar && (DIN_LA.has(t) || ALLAH_LA.has(t)))) {
      if (out.length) {
        out[out.length - 1]!.text += ar ? t.slice(2) : DIN_LA.has(t) ? 'din' : 'lah';
        continue;
      }
    }
    if (ar && t.startsWith('ال') && t.length > 3) {
      out.push({ text: t.slice(2), hadArticle: true });
      continue;
    }
    if (!ar) {
      const a = stripLatinArticle(t);
      out.push(a);
      continue;
    }
    out.push({ text: t, hadArticle: false });
  }
  return out;
}

/** "alhasan" / "el-hasan" (already split) → "hasan"; short words like "ali" or "alaa" are left alone. */
function stripLatinArticle(t: string): NameToken {
  const m = /^(al|el)(.{3,})$/.exec(t);
  if (m && !['alaa', 'alia', 'alin', 'alim', 'elias', 'elie', 'ellen', 'alan'].includes(t))
    return { text: m[2]!, hadArticle: true, glued: t };
  return { text: t, hadArticle: false };
}
