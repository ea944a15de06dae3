import { describe, expect, it } from 'vitest';
import { blankEventDraft, eventChange, eventDraftFrom } from '../../../../renderer/src/features/events/event-draft';
import {
  blankLogDraft,
  contactChange,
  contactDraftFrom,
  logEntryChange,
} from '../../../../renderer/src/features/contacts/contact-draft';
import {
  custodyAppended,
  detailsChange,
  detailsDraftFrom,
  intakeChanges,
} from '../../../../renderer/src/features/evidence/evidence-draft';
import { blankLinkDraft, linkChange } from '../../../../renderer/src/features/links/link-draft';
import { recipientChange } from '../../../../renderer/src/features/packages/recipient-draft';
import type { Change } from '../../../../renderer/src/db/record-store';
import { documentSchema, eventSchema, familyContactSchema, linkSchema, recipientSchema } from '@shared/domain/records';

const CASE = '00000000-0000-4000-8000-00000000000c';
const now = new Date('2026-12-01T10:00:00Z');
const at = '2026-01-01T00:00:00.000Z';
let n = 0;
const newId = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const put = (c: Change): Record<string, unknown> => {
  if (!('put' in c)) throw new Error('expected a put');
  return c.put;
};
const planned = (r: { ok: boolean; change?: Change }): Record<string, unknown> => {
  if (!r.ok || !r.change) throw new Error('expected ok');
  return put(r.change);
};

describe('event form', () => {
  it('makes a valid event of the case, and refuses an unreadable date', () => {
    const d = { ...blankEventDraft(), kind: 'sighting' as const, dateText: 'about 2013', description: ' seen ' };
    const e = eventSchema.parse(
      planned(eventChange(d, { caseId: CASE, existing: undefined, actor: 'Layla', now, newId })),
    );
    expect(e).toMatchObject({
      caseId: CASE,
      kind: 'sighting',
      description: 'seen',
      date: { precision: 'approximate' },
    });
    expect(
      eventChange({ ...d, dateText: '31/02/2013' }, { caseId: CASE, existing: undefined, actor: 'Layla', now, newId }),
    ).toEqual({
      ok: false,
      problem: 'date-invalid-date',
    });
  });

  it('revises a stored event under its id, a person or source listed twice counting once', () => {
    const stored = eventSchema.parse({
      id: newId(),
      caseId: CASE,
      kind: 'arrest',
      createdAt: at,
      updatedAt: at,
      author: 'Omar',
    });
    const p = '00000000-0000-4000-8000-0000000000a1';
    const d = {
      ...eventDraftFrom(stored),
      persons: [
        { personId: p, role: 'victim' as const },
        { personId: p, role: 'victim' as const },
      ],
    };
    const e = planned(eventChange(d, { caseId: CASE, existing: stored, actor: 'Layla', now, newId }));
    expect(e).toMatchObject({ id: stored.id, author: 'Omar', createdAt: at, updatedAt: now.toISOString() });
    expect(e['persons']).toHaveLength(1);
  });
});

describe('family contact form', () => {
  it('needs a name, cleans the lists, and keeps a stored contact’s log', () => {
    const ctx = { caseId: CASE, existing: undefined, actor: 'Layla', now, newId };
    expect(contactChange(contactDraftFrom(null), ctx)).toEqual({ ok: false, problem: 'name-required' });
    const d = {
      ...contactDraftFrom(null),
      name: ' Umm Test ',
      phones: [' +000 1 ', '+000 1', ''],
      dnaGiven: true,
      dnaTo: 'ICMP',
    };
    const c = familyContactSchema.parse(planned(contactChange(d, ctx)));
    expect(c).toMatchObject({
      name: 'Umm Test',
      phones: ['+000 1'],
      dnaSample: { given: true, to: 'ICMP', date: null },
      log: [],
    });
    const logged = { ...c, log: [{ at, channel: 'phone', by: 'Omar', notes: 'called', followUp: null }] };
    const again = planned(
      contactChange({ ...contactDraftFrom(logged), relationship: 'mother' }, { ...ctx, existing: logged }),
    );
    expect(again).toMatchObject({ relationship: 'mother', log: logged.log, id: c.id });
  });

  it('appends a log entry at noon of its day and refuses an impossible day', () => {
    const c = familyContactSchema.parse({
      id: newId(),
      caseId: CASE,
      name: 'X',
      relationship: 'brother',
      createdAt: at,
      updatedAt: at,
      author: 'Omar',
    });
    const entry = { ...blankLogDraft(c.id, 'Layla', '2026-11-30'), notes: ' no news ', followUp: '2026-12-14' };
    const r = familyContactSchema.parse(planned(logEntryChange(entry, c, now)));
    expect(r.log).toEqual([
      { at: '2026-11-30T12:00:00.000Z', channel: 'phone', by: 'Layla', notes: 'no news', followUp: '2026-12-14' },
    ]);
    expect(logEntryChange({ ...entry, day: '2026-13-40' }, c, now)).toEqual({
      ok: false,
      problem: 'date-invalid-date',
    });
    expect(logEntryChange({ ...entry, day: '' }, c, now).ok).toBe(false);
  });
});

describe('evidence records', () => {
  const result = { size: 10, chunkCount: 1, sha256: 'a'.repeat(64), sha512: 'b'.repeat(128) };
  const original = '00000000-0000-4000-8000-0000000000f0';

  it('records a stored file with its intake hashes, and a working copy with its link to the original, in one commit', () => {
    const changes = intakeChanges({ name: 'crop.png', type: 'image/png' }, result, {
      documentId: '00000000-0000-4000-8000-0000000000f1',
      caseId: CASE,
      derivedFromId: original,
      actor: 'Layla',
      now,
      newId,
    });
    expect(changes.map((c) => c.table)).toEqual(['documents', 'links']);
    const doc = documentSchema.parse(put(changes[0]!));
    expect(doc).toMatchObject({ sha256: result.sha256, derivedFromId: original, acquiredBy: 'Layla' });
    expect(doc.custody).toEqual([
      { at: now.toISOString(), by: 'Layla', action: 'acquired', detail: `sha256:${result.sha256}`, hashOk: null },
    ]);
    expect(linkSchema.parse(put(changes[1]!))).toMatchObject({ type: 'derived-from', fromId: doc.id, toId: original });
    const plain = intakeChanges({ name: 'a.pdf', type: '' }, result, {
      documentId: original,
      caseId: CASE,
      derivedFromId: null,
      actor: 'Layla',
      now,
      newId,
    });
    expect(plain).toHaveLength(1);
    expect(put(plain[0]!)).toMatchObject({ mediaType: 'application/octet-stream' });
  });

  it('appends to the chain of custody and edits details, never the hashes', () => {
    const [first] = intakeChanges({ name: 'a.pdf', type: 'application/pdf' }, result, {
      documentId: original,
      caseId: CASE,
      derivedFromId: null,
      actor: 'Omar',
      now: new Date(at),
      newId,
    });
    const doc = documentSchema.parse(put(first!));
    const viewed = documentSchema.parse(
      put(custodyAppended(doc, { action: 'viewed', detail: '', hashOk: null }, 'Layla', now)),
    );
    expect(viewed.custody.map((c) => [c.action, c.by])).toEqual([
      ['acquired', 'Omar'],
      ['viewed', 'Layla'],
    ]);
    const d = { ...detailsDraftFrom(viewed), source: ' a defector ', documentDate: '2012-03' };
    const edited = documentSchema.parse(planned(detailsChange(d, viewed, now)));
    expect(edited).toMatchObject({
      source: 'a defector',
      documentDate: { precision: 'month', year: 2012, month: 3 },
      sha256: result.sha256,
      custody: viewed.custody,
    });
    expect(detailsChange({ ...d, acquiredAt: 'yesterday-ish' }, viewed, now)).toEqual({
      ok: false,
      problem: 'date-unrecognised',
    });
  });
});

describe('link form', () => {
  it('joins two records by their table and id, and refuses a missing end or a record linked to itself', () => {
    const d = {
      ...blankLinkDraft(),
      from: `testimonies:${CASE}`,
      to: 'places:branch-215',
      type: 'corroborates' as const,
      note: ' same day ',
    };
    const l = linkSchema.parse(planned(linkChange(d, { actor: 'Layla', now, newId })));
    expect(l).toMatchObject({
      fromTable: 'testimonies',
      fromId: CASE,
      toTable: 'places',
      toId: 'branch-215',
      note: 'same day',
    });
    expect(linkChange({ ...d, to: null }, { actor: 'Layla', now, newId })).toEqual({
      ok: false,
      problem: 'link-ends-required',
    });
    expect(linkChange({ ...d, to: 'places:' }, { actor: 'Layla', now, newId })).toEqual({
      ok: false,
      problem: 'link-ends-required',
    });
    expect(linkChange({ ...d, to: d.from }, { actor: 'Layla', now, newId })).toEqual({
      ok: false,
      problem: 'link-to-itself',
    });
  });
});

describe('recipient form', () => {
  const key = {
    armored: 'k',
    fingerprint: 'A'.repeat(40),
    userIds: ['Test Mechanism'],
    algorithm: 'ed25519',
    created: at,
    expires: null,
  };

  it('needs a name and a key, keeps one copy of each key, and revises a stored recipient', () => {
    const ctx = { existing: null, actor: 'Layla', now, newId };
    expect(recipientChange({ name: ' ', contact: '', notes: '', keys: [key] }, ctx)).toEqual({
      ok: false,
      problem: 'name-required',
    });
    expect(recipientChange({ name: 'Test Mechanism', contact: '', notes: '', keys: [] }, ctx)).toEqual({
      ok: false,
      problem: 'key-required',
    });
    const r = recipientSchema.parse(
      planned(recipientChange({ name: ' Test Mechanism ', contact: '', notes: '', keys: [key, key] }, ctx)),
    );
    expect(r).toMatchObject({ name: 'Test Mechanism', keys: [key] });
    const again = planned(
      recipientChange({ name: 'Test Mechanism', contact: 'desk', notes: '', keys: r.keys }, { ...ctx, existing: r }),
    );
    expect(again).toMatchObject({ id: r.id, contact: 'desk', createdAt: r.createdAt });
  });
});
