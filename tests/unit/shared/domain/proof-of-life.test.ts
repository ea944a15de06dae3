import { describe, expect, it } from 'vitest';
import { proofOfLife, sourceInfo } from '@shared/domain/proof-of-life';
import { personFields } from '@shared/domain/new-record';
import type { DetentionEvent, Person } from '@shared/domain/records';
import { ev } from './test-events';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cite = (e: DetentionEvent, ...recordIds: string[]): DetentionEvent => ({
  ...e,
  sources: recordIds.map((recordId) => ({ recordId, reliability: '' })),
});
const witness = (n: number, mergedInto: string | null = null): Person => ({
  ...personFields({ nameLatin: `Witness ${n}`, mergedInto }),
  id: id(n),
  role: 'witness',
  createdAt: '',
  updatedAt: '',
  author: '',
});

// Testimonies T1 and T2 are one witness's; T3 another's, merged into the first; T4 a third witness's.
// Documents D1 and D2 are two copies of one file; D3 another file.
const w1 = witness(1);
const w2 = witness(2, w1.id);
const w3 = witness(3);
const testimonies = new Map([
  ['T1', { witnessId: w1.id }],
  ['T2', { witnessId: w1.id }],
  ['T3', { witnessId: w2.id }],
  ['T4', { witnessId: w3.id }],
]);
const documents = new Map([
  ['D1', { sha256: 'a'.repeat(64) }],
  ['D2', { sha256: 'a'.repeat(64) }],
  ['D3', { sha256: 'b'.repeat(64) }],
]);
const source = sourceInfo(testimonies, documents, new Map([w1, w2, w3].map((p) => [p.id, p])));

describe('proof of life', () => {
  it('counts one witness once however many testimonies, merged records included, and one file once', () => {
    const seen = cite(ev('sighting', '2014-06', 'sednaya'), 'T1', 'T2', 'T3', 'D1', 'D2');
    const r = proofOfLife([ev('arrest', '2013-02-01', 'douma'), seen], source);
    expect(r.last?.eventIds).toEqual([seen.id]);
    expect(r.last?.sources).toHaveLength(5);
    expect(r.last?.independent).toBe(2);
    expect(r.last?.byKind).toEqual({ testimony: 1, document: 1, unknown: 0 });
  });

  it('counts different witnesses, different files and records it cannot read as independent', () => {
    const seen = cite(ev('sighting', '2014-06', 'sednaya'), 'T1', 'T4', 'D3', 'X9');
    const r = proofOfLife([seen], source);
    expect(r.last?.independent).toBe(4);
    expect(r.last?.byKind).toEqual({ testimony: 2, document: 1, unknown: 1 });
  });

  it('takes the latest sighting alive, gathering every event of that same date, and ignores undated ones', () => {
    const a = cite(ev('sighting', '2015-03', 'sednaya'), 'T1');
    const b = cite(ev('interrogation', '2015-03', 'sednaya'), 'T4');
    const r = proofOfLife(
      [ev('arrest', '2013', 'douma'), a, b, ev('sighting', null, 'sednaya'), ev('death', null, null)],
      source,
    );
    expect(r.last?.eventIds.sort()).toEqual([a.id, b.id].sort());
    expect(r.last?.independent).toBe(2);
    expect(r.undated).toBe(1);
    expect(r.contradictions.map((c) => c.kind)).toEqual(['undated-death']);
  });

  it('names the latest sourced sighting when the last one cites nothing', () => {
    const sourced = cite(ev('sighting', '2014-06', 'sednaya'), 'D3');
    const r = proofOfLife([sourced, ev('transfer', '2015-01', 'branch-215')], source);
    expect(r.last?.independent).toBe(0);
    expect(r.lastSourced?.eventIds).toEqual([sourced.id]);
    expect(proofOfLife([sourced], source).lastSourced).toBeNull();
  });

  it('flags a later death notice, a death before the sighting and a release before it, not an overlapping death', () => {
    const seen = cite(ev('sighting', '2014-06', 'sednaya'), 'T4');
    const later = ev('death', '2016-01-10', null);
    expect(proofOfLife([seen, later], source).contradictions).toEqual([
      { kind: 'later-death', eventId: later.id, date: later.date },
    ]);
    const before = ev('death', '2013-05', null);
    expect(proofOfLife([seen, before], source).contradictions.map((c) => c.kind)).toEqual(['death-before']);
    // "Died in 2014" and "seen in June 2014" may both be true.
    expect(proofOfLife([seen, ev('death', '2014', null)], source).contradictions).toEqual([]);
    expect(proofOfLife([seen, ev('death', '2014-06-20', null)], source).contradictions).toEqual([]);
    const release = ev('release', '2013-12', null);
    expect(proofOfLife([ev('arrest', '2013-01', 'douma'), release, seen], source).contradictions).toEqual([
      { kind: 'release-before', eventId: release.id, date: release.date },
    ]);
    // A new arrest after the release explains the custody, even one in the sighting's own month.
    const rearrest = ev('arrest', '2014-02', 'douma');
    expect(proofOfLife([release, rearrest, seen], source).contradictions).toEqual([]);
    const sameMonth = ev('arrest', '2014-06', 'douma');
    expect(proofOfLife([release, sameMonth, seen], source).contradictions).toEqual([]);
    // A death on file with no date is said, not dropped.
    const undatedDeath = ev('death', null, null);
    expect(proofOfLife([seen, undatedDeath], source).contradictions).toEqual([
      { kind: 'undated-death', eventId: undatedDeath.id, date: null },
    ]);
  });

  it('has nothing to say without a dated sighting alive', () => {
    expect(proofOfLife([ev('death', '2014', null), ev('disappearance', '2013', null)], source)).toEqual({
      last: null,
      lastSourced: null,
      contradictions: [],
      undated: 0,
    });
  });
});
