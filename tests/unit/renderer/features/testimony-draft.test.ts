import { describe, expect, it } from 'vitest';
import {
  blankTestimonyDraft,
  testimonyChanges,
  testimonyDraftFrom,
  type TestimonyContext,
} from '../../../../renderer/src/features/testimonies/testimony-draft';
import {
  personSchema,
  testimonySchema,
  linkSchema,
  type Link,
  type RichText,
  type Testimony,
} from '@shared/domain/records';

const CASE = '00000000-0000-4000-8000-00000000000c';
const TESTIMONY = '00000000-0000-4000-8000-0000000000a1';
const PLACE_MENTION: RichText = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Held at ' },
        { type: 'mention', attrs: { id: 'places:branch-215', label: 'Branch 215' } },
      ],
    },
  ],
};
let n = 0;
const ctx = (over: Partial<TestimonyContext> = {}): TestimonyContext => ({
  caseId: CASE,
  existing: undefined,
  mentionLinks: [],
  actor: 'Layla',
  now: new Date('2026-12-01T10:00:00Z'),
  newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  ...over,
});

describe('testimony form', () => {
  it('needs a witness, and a pseudonym for a new one, and readable dates', () => {
    const d = blankTestimonyDraft(TESTIMONY, 'Layla');
    expect(testimonyChanges(d, ctx())).toEqual({ ok: false, problem: 'witness-required' });
    const unnamed = {
      ...d,
      newWitness: { nameAr: 'سمر', nameLatin: '', pseudonym: ' ', protectionLevel: 'high' as const },
    };
    expect(testimonyChanges(unnamed, ctx())).toEqual({ ok: false, problem: 'pseudonym-required' });
    const badDate = { ...d, witnessId: '00000000-0000-4000-8000-0000000000b1', dateText: 'sometime' };
    expect(testimonyChanges(badDate, ctx())).toEqual({ ok: false, problem: 'date-unrecognised' });
  });

  it('writes the new witness, the testimony and its mention links as one commit of valid records', () => {
    const d = {
      ...blankTestimonyDraft(TESTIMONY, 'Layla'),
      newWitness: { nameAr: 'سمر', nameLatin: '', pseudonym: 'Witness K', protectionLevel: 'high' as const },
      dateText: '2014-05',
      content: PLACE_MENTION,
    };
    const r = testimonyChanges(d, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.changes.map((c) => [c.table, 'put' in c ? 'put' : 'delete'])).toEqual([
      ['persons', 'put'],
      ['testimonies', 'put'],
      ['links', 'put'],
    ]);
    const [witness, testimony, link] = r.changes.map((c) => ('put' in c ? c.put : null));
    expect(personSchema.parse(witness)).toMatchObject({
      role: 'witness',
      pseudonym: 'Witness K',
      nameLatin: 'Witness K',
    });
    expect(testimonySchema.parse(testimony)).toMatchObject({ witnessId: r.witnessId, caseId: CASE, author: 'Layla' });
    expect(linkSchema.parse(link)).toMatchObject({
      type: 'mentions',
      fromId: TESTIMONY,
      toTable: 'places',
      toId: 'branch-215',
    });
  });

  it('keeps the recipients consented to by record, the names of an older version until removed, and neither outside named scope', () => {
    const IIIM = '00000000-0000-4000-8000-0000000000e1';
    const stored = testimonySchema.parse({
      id: TESTIMONY,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      author: 'Layla',
      caseId: CASE,
      witnessId: '00000000-0000-4000-8000-0000000000b1',
      content: PLACE_MENTION,
      // As an older version stored it: names only.
      consent: { scope: 'mechanisms', mechanisms: ['IIIM'], how: 'oral' },
    });
    expect(stored.consent.recipientIds).toEqual([]);
    const d = testimonyDraftFrom(stored);
    const saved = (draft: typeof d): Testimony => {
      const r = testimonyChanges(draft, ctx({ existing: stored }));
      if (!r.ok) throw new Error(r.problem);
      const put = r.changes.find((c) => c.table === 'testimonies' && 'put' in c);
      return testimonySchema.parse(put && 'put' in put ? put.put : null);
    };
    expect(saved(d).consent).toMatchObject({ recipientIds: [], mechanisms: ['IIIM'] });
    const chosen = { ...d, consent: { ...d.consent, recipientIds: [IIIM], mechanisms: [] } };
    expect(saved(chosen).consent).toMatchObject({ recipientIds: [IIIM], mechanisms: [] });
    const internal = { ...chosen, consent: { ...chosen.consent, scope: 'internal' as const } };
    expect(saved(internal).consent).toMatchObject({ scope: 'internal', recipientIds: [], mechanisms: [] });
    // A draft sealed by an older version has no recipient ids at all.
    const { recipientIds: _, ...oldConsent } = d.consent;
    expect(saved({ ...d, consent: oldConsent as typeof d.consent }).consent.recipientIds).toEqual([]);
  });

  it('drops the link of a mention taken out of the text, and keeps what it already has', () => {
    const stored: Testimony = testimonySchema.parse({
      id: TESTIMONY,
      caseId: CASE,
      witnessId: '00000000-0000-4000-8000-0000000000b1',
      content: PLACE_MENTION,
      consent: { scope: 'internal' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      author: 'Omar',
    });
    const link = (toId: string): Link =>
      linkSchema.parse({
        id: `00000000-0000-4000-8000-0000000001${toId === 'branch-215' ? '01' : '02'}`,
        type: 'mentions',
        fromTable: 'testimonies',
        fromId: TESTIMONY,
        toTable: 'places',
        toId,
        createdAt: stored.createdAt,
        updatedAt: stored.createdAt,
        author: 'Omar',
      });
    const draft = testimonyDraftFrom(stored);
    const r = testimonyChanges(draft, ctx({ existing: stored, mentionLinks: [link('branch-215'), link('saydnaya')] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.changes).toEqual([
      { table: 'testimonies', put: { ...stored, updatedAt: '2026-12-01T10:00:00.000Z' } },
      { table: 'links', delete: link('saydnaya').id },
    ]);
  });
});
