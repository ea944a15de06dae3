import { describe, expect, it } from 'vitest';
import {
  eventsByCase,
  incidentsLike,
  incidentTies,
  mergeIntoIncident,
  ownEventAsIncident,
  tieLinks,
} from '@shared/domain/incidents';
import { parsePartialDate, type PartialDate } from '@shared/domain/partial-date';
import { eventSchema, type DetentionEvent, type Link } from '@shared/domain/records';
import { canonicalJson } from '@shared/crypto/canonical-json';
import { blankEventDraft, eventChange } from '../../../../renderer/src/features/events/event-draft';
import { ev } from './test-events';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';
let n = 0;
const tie = (incident: DetentionEvent, caseId: string, type: Link['type'] = 'concerns'): Link => ({
  id: `l${++n}`,
  createdAt: '',
  updatedAt: '',
  author: '',
  type,
  fromTable: 'events',
  fromId: incident.id,
  toTable: 'cases',
  toId: caseId,
  note: '',
});
const ofCase = (e: DetentionEvent, caseId: string): DetentionEvent => ({ ...e, caseId });
const date = (s: string): PartialDate => {
  const d = parsePartialDate(s);
  if (!d.ok) throw new Error(s);
  return d.value;
};
const ids = (events: readonly DetentionEvent[] | undefined) => (events ?? []).map((e) => e.id).sort();

describe('incidents of many cases', () => {
  it("gives each case its own events and every incident tied to it, once, on every tied case's timeline", () => {
    const arrest = ev('arrest', '2012-08-03', 'daraya');
    const own1 = ofCase(ev('transfer', '2012-09', 'branch-215'), C1);
    const own2 = ofCase(ev('release', '2013', null), C2);
    const ties = incidentTies([tie(arrest, C1), tie(arrest, C2), tie(arrest, C1)]);
    const byCase = eventsByCase([arrest, own1, own2], ties);
    expect(ids(byCase.get(C1))).toEqual(ids([arrest, own1]));
    expect(ids(byCase.get(C2))).toEqual(ids([arrest, own2]));
    expect([...ties.casesOf.get(arrest.id)!].sort()).toEqual([C1, C2]);
  });

  it('ties an incident to each case once, and not again to a case it already concerns', () => {
    const convoy = ev('transfer', '2014-02', 'homs');
    let k = 0;
    const ctx = {
      actor: 'x',
      now: new Date(0),
      newId: () => `00000000-0000-4000-8000-${String(++k).padStart(12, '0')}`,
    };
    const first = tieLinks(convoy.id, [C1, C1], ctx);
    expect(first.map((l) => [l.type, l.fromTable, l.fromId, l.toTable, l.toId])).toEqual([
      ['concerns', 'events', convoy.id, 'cases', C1],
    ]);
    expect(tieLinks(convoy.id, [C1, C2], ctx, incidentTies(first)).map((l) => l.toId)).toEqual([C2]);
  });

  it("does not follow a tie to another case's own event, nor a link of another type", () => {
    const others = ofCase(ev('arrest', '2014', 'x'), C2);
    const incident = ev('massacre', '2013-08-21', 'ghouta');
    const byCase = eventsByCase([others, incident], incidentTies([tie(others, C1), tie(incident, C1, 'mentions')]));
    expect(byCase.get(C1)).toBeUndefined();
    expect(ids(byCase.get(C2))).toEqual([others.id]);
  });

  it('offers the incidents at the typed place whose date can overlap the typed date or range', () => {
    const aug = ev('arrest', '2012-08-03', 'daraya');
    const undated = ev('transfer', null, 'daraya');
    const elsewhere = ev('arrest', '2012-08-03', 'homs');
    const nowhere = ev('massacre', '2012-08', null);
    const caseEvent = ofCase(ev('arrest', '2012-08-03', 'daraya'), C1);
    const all = [aug, undated, elsewhere, nowhere, caseEvent];
    const like = (placeId: string | null, d: string | null) =>
      ids(incidentsLike(all, { placeId, date: d ? date(d) : null }));
    expect(like('daraya', '2012-08')).toEqual(ids([aug, undated, nowhere]));
    expect(like('daraya', '2012-07 .. 2012-09')).toEqual(ids([aug, undated, nowhere]));
    expect(like('daraya', '2013')).toEqual(ids([undated]));
    expect(like('daraya', null)).toEqual(ids([aug, undated]));
    expect(like(null, '2012-08-03')).toEqual(ids([aug, undated, elsewhere, nowhere]));
    expect(like(null, null)).toEqual([]);
  });

  it('reads an event written before incidents existed as it was stored, so its digest is unchanged everywhere', () => {
    const isoAt = '2020-01-01T00:00:00.000Z';
    const before = { ...ofCase(ev('arrest', '2012', 'daraya'), C1), id: C2, createdAt: isoAt, updatedAt: isoAt };
    expect(canonicalJson(eventSchema.parse(before))).toBe(canonicalJson(before));
  });

  it('asks an incident for a name; a case event needs none', () => {
    const ctx = { existing: undefined, actor: 'x', now: new Date(0), newId: () => C1 };
    expect(eventChange(blankEventDraft(), { ...ctx, caseId: null })).toEqual({
      ok: false,
      problem: 'incident-title-required',
    });
    const named = eventChange({ ...blankEventDraft(), title: '  Convoy  ' }, { ...ctx, caseId: null });
    expect(named.ok && named.change).toMatchObject({ put: { caseId: null, title: 'Convoy' } });
    const own = eventChange(blankEventDraft(), { ...ctx, caseId: C2 });
    expect(own.ok && 'put' in own.change && 'title' in own.change.put).toBe(false);
  });

  it("makes a case's own event an incident: the same record, named, no longer the case's, tied back to it", () => {
    let k = 0;
    const ctx = {
      actor: 'x',
      now: new Date(0),
      newId: () => `00000000-0000-4000-8000-${String(++k).padStart(12, '0')}`,
    };
    const own = ofCase(ev('arrest', '2012-08-03', 'daraya', 2), C1);
    expect(ownEventAsIncident(own, '  ', ctx)).toEqual({ ok: false, problem: 'incident-title-required' });
    const moved = ownEventAsIncident(own, 'The Daraya arrests', ctx);
    if (!moved.ok) throw new Error('refused');
    expect(moved.event).toMatchObject({ id: own.id, caseId: null, title: 'The Daraya arrests', sources: own.sources });
    expect(moved.link).toMatchObject({ type: 'concerns', fromId: own.id, toId: C1 });
    // Still on its case's timeline, once.
    const byCase = eventsByCase([moved.event!], incidentTies([moved.link!]));
    expect(ids(byCase.get(C1))).toEqual([own.id]);
    expect(ownEventAsIncident(moved.event!, 'again', ctx)).toEqual({ ok: false, problem: 'not-own-event' });
  });

  it('merges a duplicate written in a case into the incident already on file, tying the case once', () => {
    let k = 0;
    const ctx = {
      actor: 'x',
      now: new Date(0),
      newId: () => `00000000-0000-4000-8000-${String(++k).padStart(12, '0')}`,
    };
    const convoy = ev('transfer', '2014-02', 'homs');
    const copy = ofCase(ev('transfer', '2014-02-10', 'homs'), C2);
    const merged = mergeIntoIncident(copy, convoy.id, incidentTies([]), ctx);
    expect(merged).toMatchObject({ ok: true, event: null, deleted: copy.id, link: { fromId: convoy.id, toId: C2 } });
    // Already tied: only the copy goes.
    const already = mergeIntoIncident(copy, convoy.id, incidentTies([tie(convoy, C2)]), ctx);
    expect(already).toMatchObject({ ok: true, deleted: copy.id, link: null });
  });
});
