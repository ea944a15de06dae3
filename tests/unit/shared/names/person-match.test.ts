import { describe, expect, it } from 'vitest';
import { blockingKeys, scorePair, PROBABLE, REVIEW, type PersonProfile } from '@shared/names/person-match';
import { MatchIndex } from '@shared/names/match-index';
import { nameSimilarity, tokenSimilarity, jaroWinkler } from '@shared/names/similarity';
import { analyseName } from '@shared/names/index';

const person = (p: Partial<PersonProfile>): PersonProfile => ({
  names: [],
  father: '',
  mother: '',
  birthYear: null,
  placeId: null,
  governorateId: null,
  sex: 'unknown',
  nationalIds: [],
  ...p,
});

const tok = (s: string) => analyseName(s)[0]!;

describe('name similarity', () => {
  it('Jaro–Winkler gives the textbook figures', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', 'a')).toBe(0);
  });

  it('keeps known different names apart even when their skeletons are close', () => {
    expect(tokenSimilarity(tok('محمد'), tok('محمود'))).toBe(0);
    expect(tokenSimilarity(tok('Hassan'), tok('Hussein'))).toBe(0);
    expect(tokenSimilarity(tok('عمر'), tok('Amr'))).toBe(0);
  });

  it('an ambiguous Latin spelling matches both Arabic names, but not with certainty', () => {
    expect(tokenSimilarity(tok('Hassan'), tok('حسن'))).toBeGreaterThan(0.85);
    expect(tokenSimilarity(tok('Hassan'), tok('حسان'))).toBeGreaterThan(0.85);
    expect(tokenSimilarity(tok('Hassan'), tok('حسان'))).toBeLessThan(1);
    expect(tokenSimilarity(tok('حسن'), tok('حسان'))).toBe(0);
  });

  it('endings and vowels separate names whose consonants agree', () => {
    expect(tokenSimilarity(tok('Samira'), tok('Samir'))).toBeLessThan(0.85);
    expect(tokenSimilarity(tok('Rima'), tok('Rami'))).toBeLessThan(0.85);
    expect(tokenSimilarity(tok('Lina'), tok('Lana'))).toBeLessThan(0.85);
    expect(tokenSimilarity(tok('Saleh'), tok('صالح'))).toBeGreaterThan(0.85);
    expect(tokenSimilarity(tok('Fatmeh'), tok('فاطمة'))).toBe(1);
  });

  it('aligns names with an extra part and penalises one clearly different part', () => {
    expect(nameSimilarity('ياسر نبيل الشيخ', 'Yasser Nabil al-Sheikh')).toBeGreaterThan(0.85);
    expect(nameSimilarity('ياسر نبيل الشيخ علي', 'Yasser Nabil al-Sheikh')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Rana Mahmoud Abdallah', 'Rasha Mahmoud Abdallah')).toBeLessThan(0.85);
    expect(nameSimilarity('Ali', 'Ali Hamdan Khatib')).toBeLessThan(0.85);
  });
});

describe('scoring a pair of persons (Fellegi–Sunter)', () => {
  const request = person({
    names: ['Mohammed Abdul Rahman Al-Hassan'],
    father: 'Abdul Rahman',
    mother: 'Fatima',
    birthYear: 1985,
    governorateId: 'gov-hama',
    sex: 'male',
  });

  it('the same man under other spellings is probable, with every field explained', () => {
    const r = scorePair(
      request,
      person({
        names: ['محمد عبد الرحمن الحسن'],
        father: 'عبد الرحمن',
        mother: 'فاطمة',
        birthYear: 1985,
        governorateId: 'gov-hama',
        sex: 'male',
      }),
    );
    expect(r.band).toBe('probable');
    expect(r.score).toBeGreaterThanOrEqual(PROBABLE);
    const by = Object.fromEntries(r.fields.map((f) => [f.field, f.agreement]));
    expect(by).toMatchObject({
      given: 'agree',
      family: 'agree',
      father: 'agree',
      mother: 'agree',
      birthYear: 'agree',
      place: 'partial',
      sex: 'agree',
      nationalId: 'missing',
    });
  });

  it('a cousin with the same name, father and birth year but another mother is not probable', () => {
    const cousin = scorePair(
      request,
      person({
        names: ['محمد عبد الرحمن الحسن'],
        father: 'عبد الرحمن',
        mother: 'خديجة',
        birthYear: 1985,
        governorateId: 'gov-hama',
        sex: 'male',
      }),
    );
    expect(cousin.band).toBe('review');
    expect(cousin.fields.find((f) => f.field === 'mother')?.agreement).toBe('disagree');
  });

  it('birth year: exact, ±1, ±2–3 and far weigh differently', () => {
    const w = (y: number) =>
      scorePair(request, person({ names: ['Muhammad Abdelrahman Alhasan'], birthYear: y })).fields.find(
        (f) => f.field === 'birthYear',
      )!.weight;
    expect(w(1985)).toBeGreaterThan(w(1986));
    expect(w(1986)).toBeGreaterThan(w(1987));
    expect(w(1987)).toBeGreaterThan(w(1975));
  });

  it('a different sex or identity number pulls the pair down; the same number lifts it', () => {
    const base = person({ names: ['Mohammed Abdul Rahman Al-Hassan'], birthYear: 1985, sex: 'male' });
    expect(scorePair(base, { ...base, sex: 'female' }).score).toBeLessThan(scorePair(base, base).score);
    const a = { ...base, nationalIds: ['٠١٢٣٤٥'] };
    expect(
      scorePair(a, { ...base, nationalIds: ['012345'] }).fields.find((f) => f.field === 'nationalId')?.agreement,
    ).toBe('agree');
    expect(
      scorePair(a, { ...base, nationalIds: ['999999'] }).fields.find((f) => f.field === 'nationalId')?.agreement,
    ).toBe('disagree');
  });

  it('common given names weigh less than rare ones', () => {
    const a = person({ names: ['Mohammed Haddad'] });
    const rare = scorePair(a, a, () => 0.001).fields.find((f) => f.field === 'given')!.weight;
    const common = scorePair(a, a, () => 0.2).fields.find((f) => f.field === 'given')!.weight;
    expect(common).toBeLessThan(rare);
  });

  it('bands are probable ≥ PROBABLE, review ≥ REVIEW', () => {
    expect(PROBABLE).toBeGreaterThan(REVIEW);
    const weak = scorePair(person({ names: ['Khaled Masri'] }), person({ names: ['خالد المصري'] }));
    expect(['review', 'probable']).toContain(weak.band);
    const none = scorePair(person({ names: ['Khaled Masri'] }), person({ names: ['Rana Halabi'] }));
    expect(none.band).toBe('dropped');
  });
});

describe('candidate search (blocking)', () => {
  it('shares a key across scripts, and finds through any of several passes', () => {
    const ar = person({ names: ['محمد الحسن'], birthYear: 1985 });
    const la = person({ names: ['Mhd Al-Hassan'], birthYear: 1985 });
    expect(blockingKeys(ar).some((k) => blockingKeys(la).includes(k))).toBe(true);
    const parents = blockingKeys(person({ names: ['X Y'], father: 'خالد', mother: 'فاطمة' }));
    expect(
      parents.some((k) => blockingKeys(person({ names: ['Z W'], father: 'Khaled', mother: 'Fatima' })).includes(k)),
    ).toBe(true);
  });

  it('MatchIndex finds, scores, updates and forgets persons', () => {
    const index = new MatchIndex();
    index.put('a', person({ names: ['محمد عبد الرحمن الحسن'], birthYear: 1985, sex: 'male' }));
    index.put('b', person({ names: ['Rana Halabi'], birthYear: 1990 }));
    const q = person({ names: ['Mohammed Abdul Rahman Al-Hassan'], birthYear: 1985 });
    expect(index.match(q).map((c) => c.id)).toEqual(['a']);
    index.put('a', person({ names: ['Khaled Masri'], birthYear: 1970 }));
    expect(index.match(q)).toEqual([]);
    index.remove('b');
    expect(index.size).toBe(1);
  });
});

describe('name frequencies in a small vault', () => {
  it('one person on file does not make their name "common"', () => {
    const index = new MatchIndex();
    index.put('only', person({ names: ['Mohammed Abdul Rahman Al-Hassan'] }));
    expect(index.match(person({ names: ['محمد عبد الرحمن الحسن'] }))[0]?.band).toBe('review');
  });
});

describe('oversized blocks', () => {
  it('skips keys thousands share, but an identity number still finds', async () => {
    const { MAX_BLOCK } = await import('@shared/names/match-index');
    const index = new MatchIndex();
    // Thousands of namesakes born the same year.
    for (let i = 0; i <= MAX_BLOCK; i++)
      index.put(`p${i}`, person({ names: ['Mohammed Haddad'], birthYear: 1985, mother: `Mother${i}` }));
    index.put('target', person({ names: ['Mohammed Haddad'], birthYear: 1985, nationalIds: ['0102030405'] }));
    const found = index.match(person({ names: ['محمد الحداد'], birthYear: 1985, nationalIds: ['0102030405'] }));
    expect(found.map((c) => c.id)).toEqual(['target']);
    expect(index.lastCompared).toBe(1);
    // Without the identity number, only the oversized blocks are left: nothing is scored.
    index.match(person({ names: ['محمد الحداد'], birthYear: 1985 }));
    expect(index.lastCompared).toBe(0);
  });
});

describe('name index (the search box)', () => {
  it('needs every word, in any spelling and field, ranks name above kin, and finds as you type', async () => {
    const { NameIndex } = await import('@shared/names/name-index');
    const index = new NameIndex();
    index.put('a', { name: ['محمد عبد الرحمن الحسن', 'Mohammed Abdul Rahman Al-Hassan'], kin: ['Fatima'] });
    index.put('b', { name: ['Khaled Masri'], kin: ['Mohammed'] });
    index.put('c', { name: ['حسين علي'], code: ['0123'] });
    expect(index.search('Mhd al-Hasan', 5).map((h) => h.id)).toEqual(['a']);
    expect(index.search('mohamed', 5).map((h) => h.id)).toEqual(['a', 'b']);
    expect(index.search('حسين', 5).map((h) => h.id)).toEqual(['c']);
    expect(index.search('Khal', 5).map((h) => h.id)).toEqual(['b']);
    expect(index.search('0123', 5).map((h) => h.id)).toEqual(['c']);
    index.remove('a');
    expect(index.search('Mhd al-Hasan', 5)).toEqual([]);
    index.put('a', { name: ['Rana Halabi'] });
    expect(index.search('رنا', 5).map((h) => h.id)).toEqual(['a']);
  });
});
