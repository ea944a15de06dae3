/**
 * Latin spellings keep what the skeleton drops: which vowels a name has, how long, and which consonant is
 * doubled. Arabic names of one root differ by exactly that (فاعل سالم / فعيل سليم / فعّال بسّام, سلمى / سليمة),
 * so two Latin spellings whose consonants agree can still be two names. Only marks that are reliable in the
 * spellings families and lists use are read: "ee" is a long i and a lone "e" a short vowel; "a" is never a
 * "u"; a vowel between two consonants is there or not. An "i" may be either length, and a doubled "s" is often
 * only French spelling, so neither decides anything alone.
 */

/**
 * A vowel as a spelling marks it: a, aa (A), e, i, ee (I), u/ou, a diphthong, or a lone o, which is a u in
 * Omar and an a after ʿayn in Olwan (علوان), so says nothing of its quality.
 */
type Vowel = 'a' | 'A' | 'e' | 'i' | 'I' | 'u' | 'o' | 'ai';

interface Slot {
  vowel: Vowel;
  /** The consonants written before it. */
  before: string;
  /** Nothing but vowels follows: the ending, which `endingOf` already judges. */
  final: boolean;
}

const DIGRAPHS: Array<[string, Vowel]> = [
  ['ee', 'I'],
  ['ii', 'I'],
  ['ie', 'I'],
  ['aa', 'A'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['uu', 'u'],
  ['ai', 'ai'],
  ['ay', 'ai'],
  ['ei', 'ai'],
  ['ey', 'ai'],
];
const SINGLE: Record<string, Vowel> = { a: 'a', e: 'e', i: 'i', o: 'o', u: 'u', y: 'i' };

const isVowelAt = (s: string, i: number): boolean =>
  /[aeiou]/.test(s[i] ?? '') || (s[i] === 'y' && i > 0 && !/[aeiou]/.test(s[i + 1] ?? ''));

function slotsOf(folded: string): Slot[] {
  const s = folded.replace(/[^a-z]/g, '');
  const slots: Slot[] = [];
  let before = '';
  for (let i = 0; i < s.length;) {
    if (!isVowelAt(s, i)) {
      before += s[i];
      i++;
      continue;
    }
    const two = s.slice(i, i + 2);
    const digraph = DIGRAPHS.find(([d]) => d === two && (d[1] !== 'y' || !/[aeiou]/.test(s[i + 2] ?? '')));
    const vowel = digraph ? digraph[1] : SINGLE[s[i]!]!;
    i += digraph ? 2 : 1;
    slots.push({ vowel, before, final: false });
    before = '';
  }
  const last = slots.at(-1);
  if (last && !before) last.final = true;
  // French silent e (Salaheddine): no vowel at all.
  if (last?.final && last.vowel === 'e' && last.before && slots.length > 1) slots.pop();
  return slots;
}

const doubled = (run: string): boolean => /(.)\1/.test(run);
const isA = (v: Vowel): boolean => v === 'a' || v === 'A';
const isI = (v: Vowel): boolean => v === 'i' || v === 'I';

/** Two vowels in one place that cannot be one sound: a short e against a marked long i, an a against a u. */
function vowelsDiffer(x: Vowel, y: Vowel): boolean {
  const one = (p: Vowel, q: Vowel): boolean => (p === 'e' && q === 'I') || (isA(p) && q === 'u');
  return one(x, y) || one(y, x);
}

/** Could one be the other with nothing but the length of the vowel or the doubling left to tell? */
const sameQuality = (x: Vowel, y: Vowel): boolean =>
  x === y || (isA(x) && isA(y)) || (isI(x) && isI(y)) || [x, y].some((v) => v === 'e' || v === 'o');

/**
 * Whether two Latin spellings whose consonants agree are two names: Salem / Saleem (a short e against a long
 * ee), Jaber / Jabbar and Basem / Bassam (a doubled consonant, and after it an a against an e), Salma / Salima
 * and Rana / Rania (an i between two consonants that the other lacks), Hassan / Hassoun (a against u).
 */
export function latinShapesClash(a: string, b: string): boolean {
  const x = slotsOf(a);
  const y = slotsOf(b);
  if (x.length === y.length) {
    for (let i = 0; i < x.length; i++) {
      const p = x[i]!;
      const q = y[i]!;
      if (vowelsDiffer(p.vowel, q.vowel)) return true;
      const oneDoubled = doubled(p.before) !== doubled(q.before);
      if (oneDoubled && i > 0 && ((isA(p.vowel) && q.vowel === 'e') || (isA(q.vowel) && p.vowel === 'e'))) return true;
    }
    return false;
  }
  if (Math.abs(x.length - y.length) !== 1) return false;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  // The extra vowel is one whose taking out leaves the same vowels. It tells two names apart only when every
  // such vowel is an i inside the word: Salaheddine / Salahdin could lose its e as well. An i before another
  // vowel is a glide (Rania, Mariam): it is the other's written y (Maryam) if it has one there.
  const extra = long.flatMap((_, i) =>
    short.every((t, j) => sameQuality(t.vowel, long[j < i ? j : j + 1]!.vowel)) ? [i] : [],
  );
  return (
    extra.length > 0 &&
    extra.every((i) => {
      const s = long[i]!;
      if (!isI(s.vowel) || s.final || i === 0) return false;
      const glide = long[i + 1]?.before === '';
      return !glide || !short[i]?.before.includes('y');
    })
  );
}

/**
 * Whether a Latin spelling and an Arabic one are two names: a marked long "ee" where the Arabic has no ي inside
 * the word (Saleem / سالم), or an Arabic ي between two consonants, a long ī or ay, where the Latin has no i,
 * ee or diphthong anywhere (Salem / سليم).
 */
export function crossShapesClash(latin: string, arabic: string): boolean {
  const slots = slotsOf(latin).filter((s) => !s.final);
  const inner = [...arabic.slice(1, -1)];
  const hasYa = inner.includes('ي');
  if (slots.some((s) => s.vowel === 'I') && !hasYa) return true;
  const letters = [...arabic];
  const longYa = letters.some(
    (c, i) =>
      c === 'ي' &&
      i > 0 &&
      i < letters.length - 1 &&
      !'اوي'.includes(letters[i - 1]!) &&
      !'اويه'.includes(letters[i + 1]!),
  );
  // A written consonant y (Maryam, Sayed) is the ي too.
  const latinYa = slots.some((s) => isI(s.vowel) || s.vowel === 'ai' || s.before.includes('y'));
  return longYa && !latinYa;
}
