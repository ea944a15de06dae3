import { describe, expect, it } from 'vitest';
import { id, key, random } from './test-crypto';
import { nextAuditEntry } from '@shared/crypto/audit-chain';
import {
  isPart,
  joinParts,
  MAX_SEALED_BYTES,
  MIN_SEALED_BYTES,
  openCommitDoc,
  PART_BYTES,
  PART_ITEMS,
  sealCommitDoc,
  splitCommit,
  SyncDocError,
  type SyncCommit,
} from '@shared/sync/commit-doc';
import { fromBase64, toBase64 } from '@shared/crypto/bytes';

function commit(rows = 1, note = 'Safety: do not call after 18:00'): SyncCommit {
  const entry = nextAuditEntry(null, {
    at: '2026-12-04T10:00:00.000Z',
    actor: 'Amal',
    action: 'create',
    table: 'cases',
    recordId: crypto.randomUUID(),
    caseId: null,
    fields: [],
  });
  return {
    device: crypto.randomUUID(),
    entries: [entry],
    rows: Array.from({ length: rows }, () => ({
      table: 'cases',
      id: crypto.randomUUID(),
      enc: { v: 1 as const, iv: random(12), ct: new TextEncoder().encode(note) },
    })),
  };
}

async function problem(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof SyncDocError ? e.problem : `other: ${String(e)}`;
  }
}

describe('the sync server’s documents', () => {
  it('round-trips a commit, and shows the server only an id, a version and padded ciphertext', async () => {
    const k = await key();
    const c = commit();
    const doc = await sealCommitDoc(k, random, id(), c);
    expect(Object.keys(doc).sort()).toEqual(['_id', 'c', 'v']);
    expect(JSON.stringify(doc)).not.toMatch(/Amal|Safety|cases/);
    const back = await openCommitDoc(k, doc);
    expect(back.device).toBe(c.device);
    expect(back.entries).toEqual(c.entries);
    expect(back.rows[0]!.enc.ct).toEqual(c.rows[0]!.enc.ct);
  });

  it('pads: small commits of different sizes look the same, larger ones fall in size classes', async () => {
    const k = await key();
    const a = await sealCommitDoc(k, random, id(), commit(1, 'x'));
    const b = await sealCommitDoc(k, random, id(), commit(2, 'a longer safety note '.repeat(10)));
    expect(fromBase64(a.c).length).toBe(MIN_SEALED_BYTES + 12 + 16);
    expect(fromBase64(b.c).length).toBe(fromBase64(a.c).length);
    const big = await sealCommitDoc(k, random, id(), commit(200));
    expect(fromBase64(big.c).length).toBeGreaterThan(MIN_SEALED_BYTES);
  });

  it('refuses a document moved to another id, altered, of another key, malformed or too large, before trusting it', async () => {
    const k = await key();
    const doc = await sealCommitDoc(k, random, id(), commit());
    expect(await problem(openCommitDoc(k, { ...doc, _id: id() }))).toBe('unreadable');
    const bytes = fromBase64(doc.c);
    bytes[40] = bytes[40]! ^ 1;
    expect(await problem(openCommitDoc(k, { ...doc, c: toBase64(bytes) }))).toBe('unreadable');
    expect(await problem(openCommitDoc(await key(), doc))).toBe('unreadable');
    expect(await problem(openCommitDoc(k, { ...doc, v: 2 }))).toBe('malformed');
    expect(await problem(openCommitDoc(k, { ...doc, _id: '../_config' }))).toBe('malformed');
    expect(await problem(openCommitDoc(k, { ...doc, c: 'not base64!' }))).toBe('malformed');
    expect(await problem(openCommitDoc(k, null))).toBe('malformed');
    expect(await problem(openCommitDoc(k, { ...doc, c: 'A'.repeat(Math.ceil(MAX_SEALED_BYTES / 3) * 4 + 400) }))).toBe(
      'too-large',
    );
  });

  it('refuses a well-sealed commit whose content is not a commit (a row for an unknown table, no entries)', async () => {
    const k = await key();
    const bad = { ...commit(), rows: [{ ...commit().rows[0]!, table: 'meta' }] };
    expect(await problem(openCommitDoc(k, await sealCommitDoc(k, random, id(), bad)))).toBe('malformed');
    const empty = { ...commit(), entries: [] };
    expect(await problem(openCommitDoc(k, await sealCommitDoc(k, random, id(), empty)))).toBe('malformed');
  });
});

/** A commit of `n` entries, each writing one row of `bytes` ciphertext. */
function large(n: number, bytes = 16): SyncCommit {
  const device = crypto.randomUUID();
  const entries = Array.from({ length: n }, (_, seq) => ({
    ...nextAuditEntry(null, {
      at: '2026-12-06T10:00:00.000Z',
      actor: 'Amal',
      action: 'create',
      table: 'places',
      recordId: `p-${seq}`,
      caseId: null,
      fields: [],
    }),
    seq,
  }));
  const rows = entries.map((e) => ({
    table: 'places',
    id: e.recordId,
    enc: { v: 1 as const, iv: random(12), ct: new Uint8Array(bytes) },
  }));
  return { device, entries, rows };
}

describe('a commit too large for one document', () => {
  it('goes in parts of at most PART_ITEMS entries or PART_BYTES of rows, each row with its entry, and comes back whole', async () => {
    const c = large(PART_ITEMS * 2 + 7);
    const parts = splitCommit(c);
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(isPart(p)).toBe(true);
      expect(p.entries.length).toBeLessThanOrEqual(PART_ITEMS);
      expect(p.rows.map((r) => r.id)).toEqual(p.entries.map((e) => e.recordId));
    }
    // Each part seals into a document of its own, within the limits.
    const k = await key();
    for (const p of parts) expect(isPart(await openCommitDoc(k, await sealCommitDoc(k, random, id(), p)))).toBe(true);
    expect(joinParts([...parts].reverse())).toEqual(c);

    const heavy = large(8, Math.ceil(PART_BYTES / 3));
    expect(splitCommit(heavy).length).toBeGreaterThan(1);
    // One that fits is sent as it is.
    const small = large(10);
    expect(splitCommit(small)).toEqual([small]);
    expect(isPart(small)).toBe(false);
  });

  it('is not put together from a missing part, a part of another commit, or parts that do not follow each other', () => {
    const parts = splitCommit(large(PART_ITEMS * 2 + 7));
    expect(joinParts(parts.slice(0, 2))).toBeNull();
    const other = splitCommit(large(PART_ITEMS * 3));
    expect(joinParts([parts[0]!, parts[1]!, other[2]!])).toBeNull();
    const shifted = { ...parts[1]!, entries: parts[1]!.entries.map((e) => ({ ...e, seq: e.seq + 1 })) };
    expect(joinParts([parts[0]!, shifted, parts[2]!])).toBeNull();
  });
});
