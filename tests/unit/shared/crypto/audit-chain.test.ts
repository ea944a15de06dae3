import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, nextAuditEntry, verifyAuditChain } from '@shared/crypto/audit-chain';
import type { AuditEntry } from '@shared/domain/records';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (let i = 0; i < n; i++) {
    const e = nextAuditEntry(head, {
      at: `2026-01-0${(i % 9) + 1}T10:00:00.000Z`,
      actor: 'caseworker',
      action: 'update',
      table: 'cases',
      recordId: `r${i}`,
      caseId: null,
      fields: ['status'],
    });
    out.push(e);
    head = e;
  }
  return out;
}

describe('audit hash chain', () => {
  it('links each entry to the one before, from genesis', () => {
    const c = chain(5);
    expect(c[0]?.prevHash).toBe(GENESIS_HASH);
    expect(c[3]?.prevHash).toBe(c[2]?.hash);
    expect(verifyAuditChain(c)).toEqual({ ok: true, count: 5, head: c[4]?.hash });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('detects an edited middle entry', () => {
    const c = chain(6);
    c[2] = { ...c[2]!, fields: ['status', 'tags'] };
    expect(verifyAuditChain(c)).toEqual({ ok: false, count: 6, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('takes each entry’s hash check from whoever hashed it while reading (the verify workers), 0 as altered', () => {
    const c = chain(6);
    const hashOk = new Uint8Array(6).fill(1);
    expect(verifyAuditChain(c, { hashOk }).ok).toBe(true);
    hashOk[3] = 0;
    expect(verifyAuditChain(c, { hashOk })).toEqual({ ok: false, count: 6, brokenAt: 3, reason: 'hash-mismatch' });
    // A position the reader did not answer for is not taken as checked.
    expect(verifyAuditChain(c, { hashOk: new Uint8Array(2).fill(1) })).toMatchObject({ brokenAt: 2 });
  });

  it('detects an edited entry whose hash was recomputed, at the next link', () => {
    const c = chain(6);
    const forged = { ...c[2]!, actor: 'someone else' };
    forged.hash = auditHash(forged.prevHash, forged);
    c[2] = forged;
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 3, reason: 'link-mismatch' });
  });

  it('detects reordering', () => {
    const c = chain(6);
    [c[2], c[3]] = [c[3]!, c[2]!];
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a deleted middle entry', () => {
    const c = chain(6);
    c.splice(3, 1);
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 3, reason: 'sequence-gap' });
  });

  it('detects a deleted entry even when later ones are renumbered', () => {
    const c = chain(6);
    c.splice(3, 1);
    const renumbered = c.map((e, i) => ({ ...e, seq: i }));
    expect(verifyAuditChain(renumbered)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('reports an unreadable entry', () => {
    const c: Array<AuditEntry | null> = chain(4);
    c[1] = null;
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 1, reason: 'unreadable' });
  });
});
