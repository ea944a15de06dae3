import { describe, expect, it } from 'vitest';
import {
  analyseName,
  baseForm,
  latinFold,
  looseArabic,
  matchKeys,
  nameSkeleton,
  strictKey,
  tokenize,
} from '@shared/names/index';

describe('normalisation steps (docs/matching.md)', () => {
  it('uses NFKC, never NFKD, and removes format marks and tatweel', () => {
    expect(baseForm('أحمد')).toBe('أحمد');
    expect([...baseForm('أحمد')]).toHaveLength(4);
    expect(baseForm('\u200Fمحـــمد\u200B \u2066Ali\u2069')).toBe('محمد Ali');
    expect(baseForm('ﻣﺤﻤﺪ')).toBe('محمد');
  });

  it('strict key drops vowel marks and the dagger alef', () => {
    expect(strictKey('مُحَمَّد')).toBe('محمد');
    expect(strictKey('رحمٰن')).toBe('رحمن');
  });

  it('loose key folds hamza, alef, ya, ta marbuta, Persian letters and digits', () => {
    expect(looseArabic('أإآٱ')).toBe('اااا');
    expect(looseArabic('مصطفى')).toBe('مصطفي');
    expect(looseArabic('فاطمة')).toBe('فاطمه');
    expect(looseArabic('مؤمن')).toBe('مومن');
    expect(looseArabic('هانئ')).toBe('هاني');
    expect(looseArabic('علاء')).toBe('علا');
    expect(looseArabic('کریم')).toBe('كريم');
    expect(looseArabic('١٩٨٥ ۱۹۸۵')).toBe('1985 1985');
  });

  it('folds Latin transliteration marks and splits on hyphens and apostrophes', () => {
    expect(latinFold('Ḥasan ʿAbd al-Raḥmān')).toBe('hasan abd al-rahman');
    expect(tokenize("abd al-rahman o'neil d’Ali")).toEqual(['abd', 'al', 'rahman', 'o', 'neil', 'd', 'Ali']);
  });
});

describe('particles', () => {
  it('glues Abd and Abu to the next name but never merges Abd with Abu', () => {
    expect(matchKeys('عبد الرحمن')).toEqual(matchKeys('Abdulrahman'));
    expect(matchKeys('أبو خليل')).toEqual(matchKeys('Abu Khalil'));
    expect(matchKeys('عبد الخالق')[0]).not.toBe(matchKeys('أبو الخالق')[0]);
  });

  it('drops bin / ibn / بن / ابن between generations', () => {
    expect(matchKeys('أحمد بن محمد')).toEqual(matchKeys('Ahmad ibn Muhammad'));
    expect(matchKeys('Ahmad bin Muhammad')).toEqual(['ahmad', 'muhammad']);
  });

  it('keeps a copy without the article: al-Hasan, Alhasan, el Hasan and الحسن compare equal', () => {
    const forms = ['الحسن', 'Al-Hassan', 'Alhasan', 'el Hasan', 'Hasan'];
    for (const f of forms) expect(matchKeys(f), f).toEqual(['hasan']);
    expect(analyseName('الحسن')[0]?.hadArticle).toBe(true);
    expect(analyseName('Hasan')[0]?.hadArticle).toBe(false);
    // Short names that merely start with "al" keep it.
    expect(analyseName('Alaa')[0]?.folded).toBe('alaa');
  });
});

describe('the examples of docs/matching.md', () => {
  const same = [
    ['محمد', 'مُحَمَّد', 'Mohammed', 'Muhammad', 'Mohamad', 'Mhd'],
    ['عبد الرحمن', 'عبدالرحمن', 'Abdul Rahman', 'Abdelrahman', 'Abd al-Rahman'],
    ['الحسن', 'Al-Hassan', 'Alhasan', 'el Hasan'],
    ['أحمد', 'احمد', 'Ahmad', 'Ahmed'],
    ['فاطمة', 'فاطمه', 'Fatima'],
    ['نور الدين', 'Nour al-Din', 'Nureddine'],
  ];
  for (const group of same) {
    it(`matches ${group.join(' / ')}`, () => {
      const keys = group.map((n) => JSON.stringify(matchKeys(n)));
      expect(new Set(keys).size, keys.join(' ')).toBe(1);
    });
  }

  it('matches the four spellings of one detainee, full name to full name', () => {
    const forms = [
      'محمد عبد الرحمن الحسن',
      'Mohammed Abdul Rahman Al-Hassan',
      'Muhammad Abdelrahman Alhasan',
      'Mhd Abd al-Rahman el Hasan',
    ];
    for (const f of forms) expect(matchKeys(f), f).toEqual(['muhammad', 'abdrahman', 'hasan']);
    // The skeleton, used to find candidates, agrees across scripts for the unabbreviated forms.
    expect(new Set(forms.slice(0, 3).map(nameSkeleton)).size).toBe(1);
  });

  const different: Array<[string, string]> = [
    ['محمد', 'محمود'],
    ['حسن', 'حسين'],
    ['حسن', 'حسان'],
    ['عمر', 'عمرو'],
    ['أمين', 'أيمن'],
    ['جمال', 'كمال'],
    ['Hassan', 'Hussein'],
  ];
  for (const [a, b] of different) {
    it(`keeps ${a} and ${b} apart`, () => {
      expect(matchKeys(a)).not.toEqual(matchKeys(b));
    });
  }

  it('gives names outside the dictionary a skeleton that agrees across scripts', () => {
    expect(matchKeys('وائل')).toEqual(matchKeys('Wael'));
    expect(matchKeys('خليل')).toEqual(matchKeys('Khalil'));
    expect(matchKeys('شادي')).toEqual(matchKeys('Chadi'));
    expect(matchKeys('شادي')).toEqual(matchKeys('Shadi'));
    expect(matchKeys('قاسم')).toEqual(matchKeys('Kassem'));
    expect(matchKeys('ياسين')).toEqual(matchKeys('Yassin'));
  });
});
