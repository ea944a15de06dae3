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

  it('deletes a record only where it is the version the deletion was made from, or one it settled', () => {
    const deletion = (from: unknown, resolves?: string[]): AuditEntry =>
      ({ ...update(null, from), action: 'delete', digest: undefined, ...(resolves ? { resolves } : {}) }) as never;
    const changed = { ...base, name: 'changed apart' };
    expect(placeArrival('events', deletion(base), undefined, base)).toEqual({
      kind: 'store',
      settles: [recordDigest(base)],
    });
    expect(placeArrival('events', deletion(base), undefined, undefined).kind).toBe('store');
    // Changed here apart from it: the change stays, the deletion beside it.
    expect(placeArrival('events', deletion(base), undefined, changed)).toEqual({ kind: 'aside', conflict: true });
    // A deletion chosen by a person who saw this version settles it.
    expect(placeArrival('events', deletion(base, [recordDigest(changed)]), undefined, changed).kind).toBe('store');
    // The team's records are never left for a choice; an entry from before bases deletes as it did.
    expect(placeArrival('compartments', deletion(base), undefined, changed).kind).toBe('store');
    expect(placeArrival('events', { ...deletion(base), base: undefined }, undefined, changed).kind).toBe('store');
  });

  it('keeps a change beside the deletion made here apart from it, unless it settles that deletion', () => {
    const next = { ...base, name: 'second' };
    const deletedHere = 'd'.repeat(64);
    expect(placeArrival('events', update(next), next, undefined, deletedHere)).toEqual({
      kind: 'aside',
      conflict: true,
    });
    expect(placeArrival('events', { ...update(next), resolves: [deletedHere] }, next, undefined, deletedHere)).toEqual({
      kind: 'store',
      settles: [recordDigest(base), deletedHere],
    });
    expect(placeArrival('members', update(next), next, undefined, deletedHere).kind).toBe('store');
  });
});
