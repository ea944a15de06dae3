import { describe, expect, it } from 'vitest';
import { parseList } from '@shared/sanctions/read-list';
import { designationId } from '@shared/sanctions/designation-id';
import { proposeAcrossAuthorities, proposeMatches } from '@shared/sanctions/designation-match';
import { personSchema, type Person } from '@shared/domain/records';
import { chunked, csvRows, fixture } from './list-input';

const at = '2026-01-01T00:00:00.000Z';
const perpetrator = (id: string, more: Partial<Person>): Person =>
  personSchema.parse({ id, role: 'perpetrator', createdAt: at, updatedAt: at, author: 'T', ...more });
const OFFICER = perpetrator('00000000-0000-4000-8000-000000000001', {
  nameLatin: 'Jamil Testkhoury',
  nameAr: 'جميل تستخوري',
  birthDate: { precision: 'year', year: 1961 },
});
const NAMESAKE = perpetrator('00000000-0000-4000-8000-000000000002', { nameLatin: 'Jamal Testkhoury' });
const withIds = async (format: 'eu-fsf-xml' | 'ofac-sdn-xml', file: string) =>
  (await parseList({ format, chunks: chunked(fixture(file)) })).designations.map((d) => ({
    ...d,
    id: designationId(d.authority, d.ref),
  }));

describe('proposing designations for the perpetrators on file', () => {
  it('proposes the officer from either list, across scripts, with its reasons; a namesake only below him', async () => {
    const eu = await withIds('eu-fsf-xml', 'eu-fsf.xml');
    const us = await withIds('ofac-sdn-xml', 'ofac-sdn.xml');
    const proposals = proposeMatches([...eu, ...us], [OFFICER, NAMESAKE]);
    const officer = proposals.filter((p) => p.otherId === OFFICER.id);
    expect(officer.map((p) => p.designationId).sort()).toEqual(
      [designationId('eu', '9000101'), designationId('us', '90001')].sort(),
    );
    for (const p of officer) {
      // Name and birth year alone are for a person to review; never probable without more.
      expect(p.band).toBe('review');
      expect(p.fields.find((f) => f.field === 'given')?.agreement).toBe('agree');
      expect(p.fields.find((f) => f.field === 'birthYear')?.agreement).toBe('agree');
    }
    // A namesake with another given name (Jamal) may be shown for review, below him and never as agreeing.
    for (const p of proposals.filter((x) => x.otherId === NAMESAKE.id)) {
      expect(p.fields.find((f) => f.field === 'given')?.agreement).not.toBe('agree');
      expect(p.score).toBeLessThan(Math.min(...officer.map((o) => o.score)));
    }
    // Entities are not proposed as people.
    expect(proposals.some((p) => p.designationId === designationId('eu', '9000202'))).toBe(false);
  });

  it('leaves out a pair a person has decided, either way', async () => {
    const eu = await withIds('eu-fsf-xml', 'eu-fsf.xml');
    const key = `${designationId('eu', '9000101')}|${OFFICER.id}`.split('|').sort().join('|');
    expect(proposeMatches(eu, [OFFICER], new Set([key]))).toEqual([]);
  });

  it('counts a passport number the perpetrator’s record holds, and a birth year far off against him', async () => {
    const eu = await withIds('eu-fsf-xml', 'eu-fsf.xml');
    const withPassport = { ...OFFICER, ids: [{ kind: 'passport' as const, value: 'N 0000111', issuer: '' }] };
    const [p] = proposeMatches(eu, [withPassport]);
    expect(p!.fields.find((f) => f.field === 'nationalId')?.agreement).toBe('agree');
    const older = { ...OFFICER, birthDate: { precision: 'year' as const, year: 1940 } };
    const [q] = proposeMatches(eu, [older]);
    expect(q?.score ?? 0).toBeLessThan(p!.score);
  });
});

describe('one person in two authorities’ lists', () => {
  it('proposes the EU’s and the UK’s designations of the officer as one person, once', async () => {
    const eu = await withIds('eu-fsf-xml', 'eu-fsf.xml');
    const uk = (
      await parseList({ format: 'uk-csv', table: csvRows(fixture('uk-sanctions-list.csv')) })
    ).designations.map((d) => ({
      ...d,
      id: designationId(d.authority, d.ref),
    }));
    const pairs = (await proposeAcrossAuthorities([...eu, ...uk])).map((p) =>
      [p.designationId, p.otherId].sort().join(' '),
    );
    expect(pairs).toContain([designationId('eu', '9000101'), designationId('uk', 'SYR9001')].sort().join(' '));
    expect(new Set(pairs).size).toBe(pairs.length);
    // Never within one authority.
    expect(await proposeAcrossAuthorities(eu)).toEqual([]);
    const ctl = new AbortController();
    ctl.abort();
    await expect(proposeAcrossAuthorities([...eu, ...uk], new Set(), { signal: ctl.signal })).rejects.toBeDefined();
  });
});
