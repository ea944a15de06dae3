import { analyseName, type AnalysedToken } from './index';
import { compareTokens, tokenSimilarity } from './similarity';

/**
 * Scoring a pair of person descriptions, Fellegi–Sunter style (docs/matching.md):
 * each field adds or subtracts a weight in bits (log2 of how much more often
 * it agrees for the same person than for two different people). The weights
 * are set by hand from the literature and the shape of Syrian records, not
 * learned; every score comes with its reasons, and no score merges anything.
 */
export interface PersonProfile {
  /** Every full name on file: Arabic, Latin, aliases. */
  names: string[];
  father: string;
  mother: string;
  birthYear: number | null;
  /** Place (town) id, and its governorate's id, when known. */
  placeId: string | null;
  governorateId: string | null;
  sex: 'male' | 'female' | 'unknown';
  /** National or other identity numbers. */
  nationalIds: string[];
}

export type Agreement = 'agree' | 'partial' | 'disagree' | 'missing';
export type MatchField =
  'given' | 'family' | 'otherNames' | 'father' | 'mother' | 'birthYear' | 'place' | 'sex' | 'nationalId';

export interface FieldScore {
  field: MatchField;
  agreement: Agreement;
  weight: number;
  detail?: string;
}

export type Band = 'probable' | 'review' | 'dropped';

export interface MatchResult {
  score: number;
  band: Band;
  fields: FieldScore[];
}

/** Thresholds, in bits: above PROBABLE a person should look first; above REVIEW a person must look. */
export const PROBABLE = 20;
export const REVIEW = 6;

/** How common a given or family name is among the records on file (0..1); common names prove less. */
export type NameFrequency = (key: string) => number;

const RARE = 0.002;
const MAX_NAME_BITS = 6;

/** log2(m/u) for agreement, with u the chance two different people agree by accident. */
const bits = (m: number, u: number): number => Math.log2(m / Math.max(u, 1e-6));

export interface Analysed {
  tokens: Array<readonly AnalysedToken[]>;
  father: readonly AnalysedToken[];
  mother: readonly AnalysedToken[];
}

export function analyseProfile(p: PersonProfile): Analysed {
  return {
    tokens: p.names
      .filter((n) => n.trim())
      .map(analyseName)
      .filter((t) => t.length > 0),
    father: analyseName(p.father),
    mother: analyseName(p.mother),
  };
}

const keyOf = (t: AnalysedToken): string => t.canonical ?? t.skeleton;

/** The best pair of full names between two profiles (Arabic against Latin, alias against name…). */
function bestNames(
  a: Array<readonly AnalysedToken[]>,
  b: Array<readonly AnalysedToken[]>,
): { x: readonly AnalysedToken[]; y: readonly AnalysedToken[]; score: number } | null {
  let best: { x: readonly AnalysedToken[]; y: readonly AnalysedToken[]; score: number } | null = null;
  for (const x of a)
    for (const y of b) {
      const s = compareTokens(x, y).score;
      if (!best || s > best.score) best = { x, y, score: s };
    }
  return best;
}

function nameField(
  field: MatchField,
  a: AnalysedToken | undefined,
  b: AnalysedToken | undefined,
  freq: NameFrequency,
  m: number,
  disagree: number,
): FieldScore {
  if (!a || !b) return { field, agreement: 'missing', weight: 0 };
  const s = tokenSimilarity(a, b);
  const u = Math.max(freq(keyOf(a)), RARE);
  // Capped: two rare names alone must not make a pair probable without a date, a parent or a place.
  if (s >= 0.85)
    return { field, agreement: 'agree', weight: round(Math.min(MAX_NAME_BITS, bits(m, u)) * Math.min(1, s + 0.05)) };
  if (s >= 0.7) return { field, agreement: 'partial', weight: 1 };
  return { field, agreement: 'disagree', weight: disagree };
}

const round = (x: number): number => Math.round(x * 10) / 10;

export function scorePair(
  a: PersonProfile,
  b: PersonProfile,
  freq: NameFrequency = () => RARE,
  pre?: { a?: Analysed; b?: Analysed },
): MatchResult {
  const A = pre?.a ?? analyseProfile(a);
  const B = pre?.b ?? analyseProfile(b);
  const fields: FieldScore[] = [];
  const names = bestNames(A.tokens, B.tokens);
  if (names) {
    const { x, y } = names;
    fields.push(nameField('given', x[0], y[0], freq, 0.95, -5));
    const famX = x.length > 1 ? x[x.length - 1] : undefined;
    const famY = y.length > 1 ? y[y.length - 1] : undefined;
    fields.push(nameField('family', famX, famY, freq, 0.9, -3));
    // Middle parts (father's and grandfather's names written into the full name).
    const midX = x.slice(1, -1);
    const midY = y.slice(1, -1);
    if (midX.length && midY.length) {
      const s = compareTokens(midX, midY).score;
      fields.push({
        field: 'otherNames',
        agreement: s >= 0.85 ? 'agree' : s >= 0.7 ? 'partial' : 'disagree',
        weight: s >= 0.85 ? 4 : s >= 0.7 ? 1 : -3,
        detail: s.toFixed(2),
      });
    } else fields.push({ field: 'otherNames', agreement: 'missing', weight: 0 });
  } else {
    fields.push(
      { field: 'given', agreement: 'missing', weight: 0 },
      { field: 'family', agreement: 'missing', weight: 0 },
      { field: 'otherNames', agreement: 'missing', weight: 0 },
    );
  }
  fields.push(nameField('father', A.father[0], B.father[0], freq, 0.9, -4));
  // The mother's name separates cousins who share father's and grandfather's names.
  fields.push(nameField('mother', A.mother[0], B.mother[0], freq, 0.9, -5));
  fields.push(birthYearField(a.birthYear, b.birthYear));
  fields.push(placeField(a, b));
  fields.push(sexField(a.sex, b.sex));
  fields.push(idField(a.nationalIds, b.nationalIds));
  const score = round(fields.reduce((s, f) => s + f.weight, 0));
  // Some disagreements cannot be outweighed (same name, father and birth year, different mothers): review at most.
  const veto = fields.some(
    (f) => f.agreement === 'disagree' && (f.field === 'mother' || f.field === 'sex' || f.field === 'nationalId'),
  );
  const band: Band = score >= PROBABLE && !veto ? 'probable' : score >= REVIEW ? 'review' : 'dropped';
  return { score, band, fields };
}

function birthYearField(a: number | null, b: number | null): FieldScore {
  if (a === null || b === null) return { field: 'birthYear', agreement: 'missing', weight: 0 };
  const d = Math.abs(a - b);
  if (d === 0) return { field: 'birthYear', agreement: 'agree', weight: 4, detail: '0' };
  if (d === 1) return { field: 'birthYear', agreement: 'partial', weight: 2, detail: '1' };
  if (d <= 3) return { field: 'birthYear', agreement: 'partial', weight: 0, detail: String(d) };
  return { field: 'birthYear', agreement: 'disagree', weight: -5, detail: String(d) };
}

function placeField(a: PersonProfile, b: PersonProfile): FieldScore {
  if (a.placeId && b.placeId && a.placeId === b.placeId) return { field: 'place', agreement: 'agree', weight: 3 };
  if (a.governorateId && b.governorateId) {
    return a.governorateId === b.governorateId
      ? { field: 'place', agreement: 'partial', weight: 1 }
      : { field: 'place', agreement: 'disagree', weight: -1 };
  }
  return { field: 'place', agreement: 'missing', weight: 0 };
}

function sexField(a: PersonProfile['sex'], b: PersonProfile['sex']): FieldScore {
  if (a === 'unknown' || b === 'unknown') return { field: 'sex', agreement: 'missing', weight: 0 };
  return a === b
    ? { field: 'sex', agreement: 'agree', weight: 0.5 }
    : { field: 'sex', agreement: 'disagree', weight: -8 };
}

const idDigits = (s: string): string =>
  s
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase();

function idField(a: string[], b: string[]): FieldScore {
  const x = a.map(idDigits).filter(Boolean);
  const y = new Set(b.map(idDigits).filter(Boolean));
  if (!x.length || !y.size) return { field: 'nationalId', agreement: 'missing', weight: 0 };
  return x.some((v) => y.has(v))
    ? { field: 'nationalId', agreement: 'agree', weight: 12 }
    : { field: 'nationalId', agreement: 'disagree', weight: -6 };
}

/**
 * Blocking keys: two profiles are compared only if they share one. Several
 * passes, because any single key splits many true pairs apart (Sadosky et
 * al. 2015): given name + birth year; given + family; father + mother;
 * family + governorate; any identity number.
 */
export function blockingKeys(p: PersonProfile, pre?: Analysed): string[] {
  const A = pre ?? analyseProfile(p);
  const keys = new Set<string>();
  // Skeletons, not canonical names: Latin "Hassan" must meet both حسن and حسان.
  // Each part's coarse skeleton and every common-name group it may stand for (Mhd only meets محمد through its group).
  const forms = (t: AnalysedToken | undefined): string[] =>
    t?.skeleton
      ? [t.skeleton.replace(/θ|[tdzs]/g, 'T').replace(/[gj]/g, 'J'), ...t.canonicals.map((c) => `=${c}`)]
      : [];
  for (const tokens of A.tokens) {
    const family = tokens.length > 1 ? forms(tokens[tokens.length - 1]) : [];
    for (const given of forms(tokens[0])) {
      if (p.birthYear !== null) keys.add(`gy:${given}|${p.birthYear}`);
      for (const f of family) keys.add(`gf:${given}|${f}`);
      if (tokens.length === 1) keys.add(`g:${given}`);
    }
    if (p.governorateId) for (const f of family) keys.add(`fg:${f}|${p.governorateId}`);
  }
  for (const father of forms(A.father[0])) for (const mother of forms(A.mother[0])) keys.add(`fm:${father}|${mother}`);
  for (const id of p.nationalIds.map(idDigits).filter(Boolean)) keys.add(`id:${id}`);
  return [...keys];
}
