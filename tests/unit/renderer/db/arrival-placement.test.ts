import { describe, expect, it } from 'vitest';
import { recordDigest } from '@shared/crypto/audit-chain';
import type { AuditEntry } from '@shared/domain/records';
import { placeArrival } from '../../../../renderer/src/db/arrival-placement';

const base = { id: 'r', name: 'first' };
const update = (value: unknown, from: unknown = base): AuditEntry =>
  ({
    seq: 1,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    at: 't',
    actor: 'x',
    action: 'update',
    table: 't',
    recordId: 'r',
    caseId: null,
    fields: [],
    digest: recordDigest(value),
    base: recordDigest(from),
  }) as AuditEntry;

/** Laptop one holds `mine`, laptop two holds `theirs`; each receives the other's. */
function both(table: string, mine: unknown, theirs: unknown) {
  return [placeArrival(table, update(theirs), theirs, mine), placeArrival(table, update(mine), mine, theirs)] as const;
}

describe('where a version from another laptop goes', () => {
  it('is stored when it continues the version held here, or nothing is held', () => {
    const next = { ...base, name: 'second' };
    expect(placeArrival('cases', update(next), next, base)).toEqual({ kind: 'store', settles: [recordDigest(base)] });
    expect(placeArrival('cases', update(next), next, undefined).kind).toBe('store');
    expect(placeArrival('cases', update(next), next, next).kind).toBe('store');
  });

  it('keeps a case record made apart beside the one held, on both laptops, for a person to choose', () => {
    const [one, two] = both('cases', { ...base, name: 'A' }, { ...base, name: 'B' });
    expect(one).toEqual({ kind: 'aside', conflict: true });
    expect(two).toEqual({ kind: 'aside', conflict: true });
  });

  it('picks the same version of a team record on both laptops, whichever came first; a removal wins', () => {
    const active = { ...base, status: 'active', roles: ['caseworker'] };
    const removed = { ...base, status: 'removed', roles: ['caseworker'] };
    const [one, two] = both('members', active, removed);
    // Laptop one stores the removal; laptop two keeps it.
    expect(one).toEqual({ kind: 'store', settles: [] });
    expect(two).toEqual({ kind: 'aside', conflict: false });
    const [p, q] = both('policies', { ...base, v: 1 }, { ...base, v: 2 });
    expect([p.kind, q.kind].sort()).toEqual(['aside', 'store']);
    const [c1, c2] = both('compartments', { ...base, generation: 2 }, { ...base, generation: 3 });
    expect(c1.kind).toBe('store');
    expect(c2.kind).toBe('aside');
  });
});
