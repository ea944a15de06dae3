import { describe, expect, it } from 'vitest';
import { guessMapping, readRow } from '@shared/list-import/mapping';

describe('column mapping', () => {
  it('guesses from English and Arabic headers', () => {
    expect(
      guessMapping(
        ['الاسم', 'Name (Latin)', 'اسم الأب', 'Mother', 'Gender', 'تاريخ الولادة', 'البلدة', 'الرقم الوطني', 'Remarks'],
        [],
      ),
    ).toEqual([
      'nameAr',
      'nameLatin',
      'fatherName',
      'motherName',
      'sex',
      'birthDate',
      'birthPlace',
      'nationalId',
      'notes',
    ]);
  });

  it('falls back to the content: a column of Arabic script is the Arabic name', () => {
    expect(
      guessMapping(
        ['c1', 'c2', 'c3'],
        [
          ['محمد', 'Mohammed', '1985'],
          ['أحمد', 'Ahmad', '1990'],
        ],
      ),
    ).toEqual(['nameAr', 'nameLatin', 'ignore']);
  });
});

describe('reading a row', () => {
  const mapping = ['nameAr', 'nameLatin', 'sex', 'birthDate', 'alias', 'nationalId'] as const;
  it('turns cells into a person', () => {
    const r = readRow(
      ['محمد الحسن', 'Mohammed Al-Hassan', 'ذكر', 'حوالي ١٩٨٥', 'Abu Ali; أبو علي', '0123'],
      [...mapping],
      6,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.person).toMatchObject({
      nameAr: 'محمد الحسن',
      nameLatin: 'Mohammed Al-Hassan',
      sex: 'male',
      aliases: ['Abu Ali', 'أبو علي'],
      nationalIds: ['0123'],
    });
    expect(r.person.birthDate).toEqual({ precision: 'approximate', year: 1985 });
  });

  it('names every problem of a broken row', () => {
    const r = readRow(['', '', 'maybe', '31 Febtember'], [...mapping], 6);
    expect(r).toEqual({ ok: false, problems: ['columns', 'sex', 'birth-date', 'name-missing'] });
    expect(readRow(['x'.repeat(201)], ['nameLatin'])).toEqual({ ok: false, problems: ['too-long', 'name-missing'] });
  });
});
