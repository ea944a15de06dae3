import { analyseName, type AnalysedToken } from './index';
import { skeletonsAgree } from './skeleton';
import { crossShapesClash, latinShapesClash } from './vowel-shape';

/**
 * How alike two names are, in [0, 1], across scripts. Known common names
 * compare by their group (محمد ≠ محمود even though their skeletons are
 * close); other names by folded form within a script and by skeleton
 * across scripts. Arabic written both times is compared strictly: after
 * loose folding, Arabic spelling hardly varies, so a different letter
 * usually means a different name (حسن / حسين).
 */

/** Jaro–Winkler similarity of two strings (the classical record-linkage measure; also the benchmark baseline). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Array<boolean>(la).fill(false);
  const mb = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(lb, i + range + 1); j++) {
      if (mb[j] || a[i] !== b[j]) continue;
      ma[i] = mb[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const isArabicToken = (t: AnalysedToken): boolean => /[\u0600-\u06FF]/.test(t.folded);

const PAIRS = new Map<string, number>();
const PAIRS_LIMIT = 500_000;

/** Similarity of two name parts in [0, 1]. Cached by the pair: the same given names meet again and again. */
export function tokenSimilarity(a: AnalysedToken, b: AnalysedToken): number {
  const key = `${a.folded}\u0000${a.gluedSkeleton ?? ''}\u0000${b.folded}\u0000${b.gluedSkeleton ?? ''}`;
  const hit = PAIRS.get(key);
  if (hit !== undefined) return hit;
  const s = computeTokenSimilarity(a, b);
  if (PAIRS.size >= PAIRS_LIMIT) PAIRS.clear();
  PAIRS.set(key, s);
  return s;
}

function computeTokenSimilarity(a: AnalysedToken, b: AnalysedToken): number {
  let s = partSimilarity(a, b);
  if (a.gluedSkeleton)
    s = Math.max(s, partSimilarity({ ...a, skeleton: a.gluedSkeleton, gluedSkeleton: undefined }, b));
  if (b.gluedSkeleton)
    s = Math.max(s, partSimilarity(a, { ...b, skeleton: b.gluedSkeleton, gluedSkeleton: undefined }));
  return s;
}

/**
 * Latin vowels, with the spellings of one sound made one (ee → i, ou → u,
 * ei → ai; e may stand for a or i, so it clashes with neither): Lina / Lana
 * and Anas / Anis differ here though their skeletons agree.
 */
function latinVowels(folded: string): string {
  return folded
    .replace(/ee|ie|y(?![aeiou])/g, 'i')
    .replace(/ou|oo|o/g, 'u')
    .replace(/ei|ey|ay/g, 'ai')
    .replace(/[^aieu]/g, '');
}

function vowelsClash(a: string, b: string): boolean {
  const x = latinVowels(a);
  const y = latinVowels(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if ((x[i] === 'a' && y[i] === 'i') || (x[i] === 'i' && y[i] === 'a')) return true;
  return false;
}

function partSimilarity(a: AnalysedToken, b: AnalysedToken): number {
  const arA = isArabicToken(a);
  const arB = isArabicToken(b);
  if (arA === arB && a.folded === b.folded) return 1;
  if (a.canonicals.length && b.canonicals.length) {
    const shared = a.canonicals.some((c) => b.canonicals.includes(c));
    if (!shared) return 0;
    // "Hassan" matches حسن and حسان, but cannot say which: strong, not certain.
    return a.canonicals.length > 1 || b.canonicals.length > 1 ? 0.88 : 1;
  }
  if (arA && arB) return 0.8 * jaroWinkler(a.folded, b.folded);
  if (!a.skeleton || !b.skeleton) return 0;
  // Samir / Samira, Rami / Rima: the skeleton drops vowels, so the ending decides.
  const clash = endingsClash(endingOf(a.folded, arA), endingOf(b.folded, arB)) ? 0.7 : 1;
  if (skeletonsAgree(a.skeleton, b.skeleton)) {
    if (arA === arB)
      return clash * (vowelsClash(a.folded, b.folded) || latinShapesClash(a.folded, b.folded) ? 0.7 : 0.93);
    const [latin, arabic] = arA ? [b.folded, a.folded] : [a.folded, b.folded];
    return clash * (crossShapesClash(latin, arabic) ? 0.7 : 0.92);
  }
  return clash * 0.85 * jaroWinkler(a.skeleton, b.skeleton);
}

/**
 * How a name ends: 'a' (Latin -a/-ah/-eh, Arabic ة/ه/ا), 'i' (Latin -i/-y/-ee,
 * Arabic ي, which may also be a written ى, so 'ia'), 'u' (-o/-u, و), a
 * consonant 'c', 'ac' for Latin -ah/-eh (either), or '' when it says
 * nothing (French silent -e).
 */
type Ending = 'a' | 'i' | 'ia' | 'u' | 'c' | 'ac' | '';
function endingOf(folded: string, arabic: boolean): Ending {
  if (arabic) {
    const last = folded.at(-1) ?? '';
    if (last === 'ه' || last === 'ا') return 'a';
    if (last === 'ي') return 'ia';
    if (last === 'و') return 'u';
    return 'c';
  }
  if (/a$/.test(folded)) return 'a';
  // Saleh / صالح, Fatmeh / فاطمه: a final h may be a letter or the feminine ending.
  if (/(?:ah|eh)$/.test(folded)) return 'ac';
  if (/(?:i|y|ie|ee)$/.test(folded)) return 'i';
  if (/(?:o|u|ou)$/.test(folded)) return 'u';
  if (/e$/.test(folded)) return '';
  return 'c';
}

function endingsClash(x: Ending, y: Ending): boolean {
  if (!x || !y || x === y) return false;
  const ok = (p: Ending, q: Ending): boolean =>
    (p === 'ia' && (q === 'i' || q === 'a')) ||
    (p === 'u' && q === 'c') ||
    (p === 'ac' && (q === 'a' || q === 'c' || q === 'ia'));
  return !ok(x, y) && !ok(y, x);
}

/** Below this, a part counts against the whole name. */
const AGREE = 0.85;

/** A skipped name part (a grandfather's name only one list has) costs this much. */
const SKIP = 0.35;

/**
 * Best order-preserving alignment of two names' parts (dynamic programming),
 * so "Mhd Abd al-Rahman el Hasan" lines up with "محمد عبد الرحمن الحسن" and a
 * name with an extra grandfather's name still aligns. The first parts
 * (given names) must be aligned with each other.
 */
export function compareTokens(
  a: readonly AnalysedToken[],
  b: readonly AnalysedToken[],
): { score: number; pairs: Array<[number, number, number]> } {
  if (!a.length || !b.length) return { score: 0, pairs: [] };
  const n = a.length;
  const m = b.length;
  const sim = a.map((x) => b.map((y) => tokenSimilarity(x, y)));
  // best[i][j]: best total for a[i..], b[j..]
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const move: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let v = -Infinity;
      let mv = 0;
      if (i < n && j < m) {
        v = sim[i]![j]! + best[i + 1]![j + 1]!;
        mv = 0;
      }
      if (i < n && best[i + 1]![j]! - SKIP > v) {
        v = best[i + 1]![j]! - SKIP;
        mv = 1;
      }
      if (j < m && best[i]![j + 1]! - SKIP > v) {
        v = best[i]![j + 1]! - SKIP;
        mv = 2;
      }
      best[i]![j] = v;
      move[i]![j] = mv;
    }
  }
  const pairs: Array<[number, number, number]> = [];
  let i = 0;
  let j = 0;
  // Given names are aligned with each other, whatever the rest does.
  pairs.push([0, 0, sim[0]![0]!]);
  let total = sim[0]![0]! + best[1]![1]!;
  i = 1;
  j = 1;
  while (i < n || j < m) {
    const mv = move[i]![j]!;
    if (mv === 0) {
      pairs.push([i, j, sim[i]![j]!]);
      i++;
      j++;
    } else if (mv === 1) i++;
    else j++;
  }
  const shorter = Math.min(n, m);
  // Averaged over the shorter name; the longer name's extra parts were charged as skips.
  total = Math.max(0, total + SKIP * (Math.max(n, m) - shorter)) / shorter;
  const skipped = Math.max(n, m) - pairs.length;
  // A name is a conjunction: one part that clearly disagrees (Rana / Rasha) sinks the pair, however well the rest agrees.
  const disagreement = pairs.reduce((sum, [, , s]) => sum + Math.max(0, AGREE - s), 0);
  const score = Math.max(0, Math.min(1, total - 0.04 * skipped - disagreement));
  // A single given name against a full name proves little.
  return { score: shorter === 1 && Math.max(n, m) > 1 ? score * 0.8 : score, pairs };
}

/** How alike two full names are, in [0, 1]. */
export function nameSimilarity(a: string, b: string): number {
  return compareTokens(analyseName(a), analyseName(b)).score;
}

/** The threshold at which a name pair goes to a person for review: the figure `npm run bench` reports precision and recall at. */
export const NAME_REVIEW_THRESHOLD = 0.85;
