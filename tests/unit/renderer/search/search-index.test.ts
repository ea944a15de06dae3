import { personFields } from '@shared/domain/new-record';
import { describe, expect, it } from 'vitest';
import { SearchIndex, snippetOf } from '../../../../renderer/src/search/search-index';
import type { Case, Person, Place, Testimony } from '@shared/domain/records';

const at = '2026-01-01T00:00:00.000Z';
let n = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const person = (over: Partial<Person>): Person => ({
  id: uuid(),
  role: 'subject',
  ...personFields({ sex: 'male' }),
  createdAt: at,
  updatedAt: at,
  author: 'test',
  ...over,
});
const caseFor = (p: Person, reference: string): Case => ({
  id: uuid(),
  reference,
  subjectId: p.id,
  kind: 'enforced-disappearance',
  status: 'disappeared',
  priority: 'normal',
  assignee: '',
  confidentiality: 'restricted',
  tags: ['homs-2012'],
  statusHistory: [{ status: 'disappeared', at, by: 'x', reason: '' }],
  summary: { type: 'doc', content: [] },
  createdAt: at,
  updatedAt: at,
  author: 'x',
});

function fixture() {
  const index = new SearchIndex();
  const hasan = person({
    nameAr: 'محمد عبد الرحمن الحسن',
    nameLatin: 'Mohammed Abdul Rahman Al-Hassan',
    birthDate: { precision: 'year', year: 1985 },
  });
  const husayn = person({ nameAr: 'حسين علي الخطيب', nameLatin: 'Hussein Ali Khatib' });
  const witness = person({ role: 'witness', nameLatin: 'Real Name Kept', pseudonym: 'W-7', protectionLevel: 'high' });
  const c1 = caseFor(hasan, 'ATH-2026-00012');
  const c2 = caseFor(husayn, 'ATH-2026-00013');
  const place: Place = {
    id: 'town-homs',
    kind: 'town',
    nameEn: 'Homs',
    nameAr: 'حمص',
    parentId: null,
    operatorEn: '',
    operatorAr: '',
    notes: '',
    createdAt: at,
    updatedAt: at,
    author: 'x',
  };
  const testimony: Testimony = {
    id: uuid(),
    caseId: c1.id,
    witnessId: witness.id,
    date: null,
    placeId: null,
    interviewer: '',
    language: '',
    interpreter: '',
    recordedHow: '',
    attachmentIds: [],
    consent: { scope: 'internal', recipientIds: [], mechanisms: [], obtainedAt: null, how: '', withdrawnAt: null },
    content: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'He was taken to the airport branch and held in a basement cell for months.' },
          ],
        },
      ],
    },
    createdAt: at,
    updatedAt: at,
    author: 'x',
  };
  for (const p of [hasan, husayn, witness]) index.apply('persons', p.id, p);
  index.apply('cases', c1.id, c1);
  index.apply('cases', c2.id, c2);
  index.apply('places', place.id, place);
  index.apply('testimonies', testimony.id, testimony);
  return { index, hasan, husayn, witness, c1, c2, testimony };
}

describe('search index', () => {
  it('finds a person from any spelling in either script and opens their case', () => {
    const { index, hasan, c1 } = fixture();
    for (const q of ['Muhammad Alhasan', 'مُحَمَّد الحسن', 'Mhd Abd al-Rahman el Hasan', 'محمد عبدالرحمن', 'mohamed']) {
      const hits = index.search(q).filter((h) => h.kind === 'person');
      expect(hits[0]?.recordId, q).toBe(hasan.id);
      expect(hits[0]?.caseId).toBe(c1.id);
    }
  });

  it('finds a place by another of its names', () => {
    const { index } = fixture();
    expect(index.search('Testhoms Citadel').filter((h) => h.kind === 'place')).toEqual([]);
    const at = new Date(0).toISOString();
    const prison: Place = {
      id: 'fac-test',
      kind: 'facility',
      nameEn: 'Test Central Prison',
      nameAr: 'سجن الاختبار',
      parentId: null,
      operatorEn: '',
      operatorAr: '',
      aliases: ['Testhoms Citadel', 'قلعة الاختبار'],
      notes: '',
      createdAt: at,
      updatedAt: at,
      author: 'x',
    };
    index.apply('places', prison.id, prison);
    for (const q of ['Testhoms Citadel', 'قلعة الاختبار'])
      expect(index.search(q).filter((h) => h.kind === 'place')[0]?.recordId, q).toBe(prison.id);
  });

  it('does not confuse Hasan with Husayn', () => {
    const { index, hasan, husayn } = fixture();
    const ids = index.search('حسين').map((h) => h.recordId);
    expect(ids).toContain(husayn.id);
    expect(ids).not.toContain(hasan.id);
  });

  it('finds as you type, cases by reference, places, and testimonies by their words with a snippet', () => {
    const { index, hasan, c2, testimony } = fixture();
    expect(index.search('Moham').map((h) => h.recordId)).toContain(hasan.id);
    expect(index.search('ATH-2026-00013').filter((h) => h.kind === 'case')[0]?.recordId).toBe(c2.id);
    expect(index.search('حمص')[0]?.kind).toBe('place');
    const t = index.search('basement').find((h) => h.kind === 'testimony');
    expect(t?.recordId).toBe(testimony.id);
    expect(t?.snippet).toContain('basement');
  });

  it('shows a protected witness by pseudonym only', () => {
    const { index } = fixture();
    const hit = index.search('Real Name Kept').find((h) => h.kind === 'person');
    expect(hit?.titleLatin).toBe('W-7');
  });

  it('follows changes: an edit, a removal, a merge', () => {
    const { index, hasan, husayn } = fixture();
    index.apply('persons', husayn.id, { ...husayn, nameLatin: 'Hussein Ali Khatib', aliases: ['Abu Ali'] });
    expect(index.search('Abu Ali').map((h) => h.recordId)).toContain(husayn.id);
    index.apply('persons', husayn.id, { ...husayn, mergedInto: hasan.id });
    const merged = index.search('Hussein Khatib').find((h) => h.kind === 'person');
    expect(merged?.recordId).toBe(hasan.id);
    index.apply('persons', husayn.id, null);
    expect(index.search('Hussein Khatib').filter((h) => h.kind === 'person')).toEqual([]);
  });

  it('matches a profile against everyone on file', () => {
    const { index, hasan } = fixture();
    const found = index.match({
      names: ['Muhammad Abdelrahman Alhasan'],
      father: '',
      mother: '',
      birthYear: 1985,
      placeId: null,
      governorateId: null,
      sex: 'male',
      nationalIds: [],
    });
    expect(found[0]?.id).toBe(hasan.id);
  });

  it('snippets centre on the first matching word', () => {
    const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') + ' needle ' + 'x '.repeat(30);
    expect(snippetOf(text, ['needle'])).toMatch(/^… .*needle.* …$/);
  });
});
