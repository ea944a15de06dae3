import { describe, expect, it } from 'vitest';
import { nextAuditEntry, recordDigest } from '@shared/crypto/audit-chain';
import { fromHex, toHex } from '@shared/crypto/bytes';
import { commitMessage, commitRowsMessage, type SignatureCheck } from '@shared/crypto/signatures';
import type { AuditEntry } from '@shared/domain/records';
import type { Role } from '@shared/domain/permissions';
import type { SyncCommit, SyncRow } from '@shared/sync/commit-doc';
import { verifyIncoming, type DeviceChain, type KnownMember, type OpenedRow } from '@shared/sync/verify-incoming';

const ED = { name: 'Ed25519' };
const ed25519: SignatureCheck = {
  async verify(pub, sig, msg) {
    try {
      const key = await crypto.subtle.importKey('raw', fromHex(pub) as BufferSource, ED, false, ['verify']);
      return await crypto.subtle.verify(ED, key, fromHex(sig) as BufferSource, msg as BufferSource);
    } catch {
      return false;
    }
  },
};

async function keys(): Promise<{ pub: string; priv: CryptoKey }> {
  const kp = (await crypto.subtle.generateKey(ED, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { pub: toHex(new Uint8Array(await crypto.subtle.exportKey('raw', kp.publicKey))), priv: kp.privateKey };
}

type Write = {
  table: string;
  id: string;
  value?: Record<string, unknown>;
  action?: AuditEntry['action'];
  fields?: string[];
  member?: AuditEntry['member'];
};

/** A commit as another device's store makes it: entries chained after `head`, signed at the end by `by`. */
async function commitOf(
  by: string,
  signer: CryptoKey,
  head: { seq: number; hash: string } | null,
  writes: Write[],
): Promise<SyncCommit> {
  const entries: AuditEntry[] = [];
  let h = head;
  for (const w of writes) {
    const e = nextAuditEntry(h, {
      at: '2026-12-04T10:00:00.000Z',
      actor: 'someone',
      action: w.action ?? 'create',
      table: w.table,
      recordId: w.id,
      caseId: null,
      fields: w.fields ?? [],
      by,
      ...(w.value ? { digest: recordDigest(w.value) } : {}),
      ...(w.member ? { member: w.member } : {}),
    });
    entries.push(e);
    h = e;
  }
  const last = entries.at(-1)!;
  const from = entries[0]!.seq;
  last.sig = {
    from,
    value: toHex(new Uint8Array(await crypto.subtle.sign(ED, signer, commitMessage(from, last) as BufferSource))),
  };
  const rows: SyncRow[] = writes
    .filter((w) => w.value)
    .map((w) => ({ table: w.table, id: w.id, enc: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(0) } }));
  const rowsSig = toHex(
    new Uint8Array(await crypto.subtle.sign(ED, signer, commitRowsMessage(from, last, rows) as BufferSource)),
  );
  return { device: crypto.randomUUID(), entries, rows, rowsSig };
}

const values = new Map<string, unknown>();
const opener =
  (overrides: Record<string, OpenedRow> = {}) =>
  async (row: SyncRow): Promise<OpenedRow> =>
    overrides[row.id] ?? (values.has(row.id) ? { value: values.get(row.id) } : { unreadable: true });

const chainAt = (head: { seq: number; hash: string } | null, held: Map<number, string> = new Map()): DeviceChain => ({
  head,
  hashAt: async (seq) => held.get(seq) ?? null,
});

function member(
  id: string,
  pub: string,
  roles: Role[],
  status: 'active' | 'removed' = 'active',
  former: string[] = [],
): KnownMember {
  return { id, roles, status, signingKey: pub, formerSigningKeys: former };
}

function aCase(): { id: string; value: Record<string, unknown> } {
  const id = crypto.randomUUID();
  const value = { id, reference: 'ATH-2026-00001', note: 'x' };
  values.set(id, value);
  return { id, value };
}

describe('a commit arriving from another device', () => {
  it('carries exactly the rows its member signed when it was sent: none left out, none added, the signature there', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const c1 = aCase();
    const c2 = aCase();
    const commit = await commitOf(b, k.priv, null, [
      { table: 'cases', ...c1 },
      { table: 'cases', ...c2 },
    ]);
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    const judge = (c: SyncCommit) => verifyIncoming(c, chainAt(null), members, ed25519, opener());
    expect(await judge(commit)).toEqual({ kind: 'accept' });
    // A copy with a row left out: the entries and their signature are intact, the rows' signature is not.
    expect(await judge({ ...commit, rows: commit.rows.slice(1) })).toMatchObject({
      kind: 'quarantine',
      reason: 'row-mismatch',
    });
    const { rowsSig: _dropped, ...unsigned } = commit;
    expect(await judge(unsigned)).toMatchObject({ kind: 'quarantine', reason: 'row-mismatch' });
    const other = await keys();
    const forged = toHex(
      new Uint8Array(
        await crypto.subtle.sign(
          ED,
          other.priv,
          commitRowsMessage(commit.entries[0]!.seq, commit.entries.at(-1)!, commit.rows.slice(1)) as BufferSource,
        ),
      ),
    );
    expect(await judge({ ...commit, rows: commit.rows.slice(1), rowsSig: forged })).toMatchObject({
      kind: 'quarantine',
      reason: 'row-mismatch',
    });
  });

  it('is accepted when it continues the device’s chain, is signed by an active member, and is within their roles', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const c = aCase();
    const commit = await commitOf(b, k.priv, null, [{ table: 'cases', ...c }]);
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    expect(await verifyIncoming(commit, chainAt(null), members, ed25519, opener())).toEqual({ kind: 'accept' });
    // The next commit continues from it.
    const c2 = aCase();
    const second = await commitOf(b, k.priv, commit.entries.at(-1)!, [{ table: 'cases', ...c2 }]);
    expect(await verifyIncoming(second, chainAt(commit.entries.at(-1)!), members, ed25519, opener())).toEqual({
      kind: 'accept',
    });
  });

  it('waits for a missing predecessor, skips what it has, and quarantines a replay or a fork of a known position', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    const one = await commitOf(b, k.priv, null, [{ table: 'cases', ...aCase() }]);
    const two = await commitOf(b, k.priv, one.entries.at(-1)!, [{ table: 'cases', ...aCase() }]);
    expect(await verifyIncoming(two, chainAt(null), members, ed25519, opener())).toEqual({
      kind: 'wait',
      expected: 0,
      why: 'earlier-commit',
    });
    const held = new Map([[0, one.entries[0]!.hash]]);
    const head = { seq: 0, hash: one.entries[0]!.hash };
    expect(await verifyIncoming(one, chainAt(head, held), members, ed25519, opener())).toEqual({
      kind: 'already-have',
    });
    const fork = await commitOf(b, k.priv, null, [{ table: 'cases', ...aCase() }]);
    expect(await verifyIncoming(fork, chainAt(head, held), members, ed25519, opener())).toMatchObject({
      kind: 'quarantine',
      reason: 'replayed',
    });
  });

  it('quarantines an edited entry, a broken link, and entries not all signed by the one member', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    const good = await commitOf(b, k.priv, null, [
      { table: 'cases', ...aCase() },
      { table: 'persons', ...aCase() },
    ]);
    const edited = structuredClone(good);
    edited.entries[0]!.actor = 'someone else';
    expect(await verifyIncoming(edited, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'broken-chain',
      seq: 0,
    });
    const unlinked = await commitOf(b, k.priv, { seq: -1, hash: 'f'.repeat(64) }, [{ table: 'cases', ...aCase() }]);
    expect(await verifyIncoming(unlinked, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'broken-chain',
    });
    const noSig = structuredClone(good);
    delete noSig.entries.at(-1)!.sig;
    expect(await verifyIncoming(noSig, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'unsigned',
    });
  });

  it('holds what an unknown member signed; quarantines a key that is not the member’s, and a removed member who really signed', async () => {
    const k = await keys();
    const stranger = await keys();
    const b = crypto.randomUUID();
    const commit = await commitOf(b, k.priv, null, [{ table: 'cases', ...aCase() }]);
    // Their record may still come through another laptop's chain.
    expect(await verifyIncoming(commit, chainAt(null), new Map(), ed25519, opener())).toMatchObject({
      kind: 'wait',
      why: 'unknown-member',
      member: b,
    });
    const forged = await commitOf(b, stranger.priv, null, [{ table: 'cases', ...aCase() }]);
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    expect(await verifyIncoming(forged, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'bad-signature',
    });
    const removed = new Map([[b, member(b, k.pub, ['caseworker'], 'removed')]]);
    expect(await verifyIncoming(commit, chainAt(null), removed, ed25519, opener())).toMatchObject({
      reason: 'revoked-member',
    });
    expect(await verifyIncoming(forged, chainAt(null), removed, ed25519, opener())).toMatchObject({
      reason: 'bad-signature',
    });
    // A key the member had before a reset still verifies what they signed with it.
    const reset = new Map([[b, member(b, stranger.pub, ['caseworker'], 'active', [k.pub])]]);
    expect(await verifyIncoming(commit, chainAt(null), reset, ed25519, opener())).toEqual({ kind: 'accept' });
  });

  it('holds what the member’s roles do not allow, by the permission table, until a role arrives', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const reviewer = new Map([[b, member(b, k.pub, ['reviewer'])]]);
    const aCaseCommit = await commitOf(b, k.priv, null, [{ table: 'cases', ...aCase() }]);
    expect(await verifyIncoming(aCaseCommit, chainAt(null), reviewer, ed25519, opener())).toMatchObject({
      kind: 'wait',
      why: 'not-permitted',
      refusal: { reason: 'role' },
    });
    const caseworker = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    const grant = {
      roles: ['administrator' as const],
      status: 'active' as const,
      signingKey: k.pub,
      agreementKey: k.pub,
    };
    const promote = await commitOf(b, k.priv, null, [
      { table: 'members', id: b, action: 'update', fields: ['roles'], member: grant },
    ]);
    expect(await verifyIncoming(promote, chainAt(null), caseworker, ed25519, opener())).toMatchObject({
      kind: 'wait',
      why: 'not-permitted',
    });
    const del = await commitOf(b, k.priv, null, [{ table: 'cases', id: crypto.randomUUID(), action: 'delete' }]);
    expect(await verifyIncoming(del, chainAt(null), reviewer, ed25519, opener())).toMatchObject({
      kind: 'wait',
      why: 'not-permitted',
    });
  });

  it('quarantines a row no entry wrote, a row whose content is not what was signed, and one sent twice; takes a withheld row as it is', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const members = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    const c = aCase();
    const commit = await commitOf(b, k.priv, null, [{ table: 'cases', ...c }]);
    const extra = { ...commit, rows: [...commit.rows, { ...commit.rows[0]!, id: crypto.randomUUID() }] };
    expect(await verifyIncoming(extra, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'row-mismatch',
    });
    const twice = { ...commit, rows: [commit.rows[0]!, commit.rows[0]!] };
    expect(await verifyIncoming(twice, chainAt(null), members, ed25519, opener())).toMatchObject({
      reason: 'row-mismatch',
    });
    const swapped = opener({ [c.id]: { value: { ...c.value, note: 'changed on the server' } } });
    expect(await verifyIncoming(commit, chainAt(null), members, ed25519, swapped)).toMatchObject({
      reason: 'row-mismatch',
    });
    expect(
      await verifyIncoming(commit, chainAt(null), members, ed25519, opener({ [c.id]: { unreadable: true } })),
    ).toMatchObject({
      reason: 'row-mismatch',
    });
    expect(
      await verifyIncoming(commit, chainAt(null), members, ed25519, opener({ [c.id]: { withheld: true } })),
    ).toMatchObject({ reason: 'row-mismatch' });
    const sealedInCompartment = { ...commit, rows: [{ ...commit.rows[0]!, k: 'compartment-1:1' }] };
    expect(
      await verifyIncoming(
        sealedInCompartment,
        chainAt(null),
        members,
        ed25519,
        opener({ [c.id]: { withheld: true } }),
      ),
    ).toEqual({ kind: 'accept' });
  });

  it('holds a member’s record to its entry’s grant, and a field-limited update to the fields it names', async () => {
    const k = await keys();
    const b = crypto.randomUUID();
    const caseworker = new Map([[b, member(b, k.pub, ['caseworker'])]]);
    // A rename of oneself whose record makes the member an administrator.
    const grant = { roles: ['caseworker' as const], status: 'active' as const, signingKey: k.pub, agreementKey: k.pub };
    const self = {
      id: b,
      name: 'New name',
      roles: ['administrator'],
      status: 'active',
      signingKey: k.pub,
      agreementKey: k.pub,
    };
    values.set(b, self);
    const rename = await commitOf(b, k.priv, null, [
      { table: 'members', id: b, action: 'update', fields: ['name'], member: grant, value: self },
    ]);
    expect(await verifyIncoming(rename, chainAt(null), caseworker, ed25519, opener())).toMatchObject({
      reason: 'not-permitted',
    });
    // An administrator adding a member whose record says more than the grant the chain records.
    const admin = new Map([[b, member(b, k.pub, ['administrator'])]]);
    const newcomer = crypto.randomUUID();
    const viewerGrant = {
      roles: ['viewer' as const],
      status: 'active' as const,
      signingKey: k.pub,
      agreementKey: k.pub,
    };
    values.set(newcomer, { id: newcomer, name: 'N', ...viewerGrant, roles: ['administrator'] });
    const added = await commitOf(b, k.priv, null, [
      { table: 'members', id: newcomer, member: viewerGrant, value: values.get(newcomer) as Record<string, unknown> },
    ]);
    expect(await verifyIncoming(added, chainAt(null), admin, ed25519, opener())).toMatchObject({
      reason: 'not-permitted',
    });
    const honestSelf = { ...self, roles: ['caseworker'] };
    values.set(b, honestSelf);
    const honest = await commitOf(b, k.priv, null, [
      { table: 'members', id: b, action: 'update', fields: ['name'], member: grant, value: honestSelf },
    ]);
    const before = async () => ({ ...honestSelf, name: 'Old name' });
    expect(await verifyIncoming(honest, chainAt(null), caseworker, ed25519, opener(), before)).toEqual({
      kind: 'accept',
    });

    // A viewer may add to a file's custody; an update that says "custody" but rewrites the file is not that.
    const viewer = new Map([[b, member(b, k.pub, ['viewer'])]]);
    const docId = crypto.randomUUID();
    const held = { id: docId, title: 'Scan', custody: [{ action: 'viewed' }] };
    const rewritten = { id: docId, title: 'Another file', custody: [{ action: 'viewed' }, { action: 'viewed' }] };
    values.set(docId, rewritten);
    const custody = await commitOf(b, k.priv, null, [
      { table: 'documents', id: docId, action: 'update', fields: ['custody'], value: rewritten },
    ]);
    expect(await verifyIncoming(custody, chainAt(null), viewer, ed25519, opener(), async () => held)).toMatchObject({
      reason: 'row-mismatch',
    });
    expect(await verifyIncoming(custody, chainAt(null), viewer, ed25519, opener())).toMatchObject({
      reason: 'not-permitted',
    });
    const onlyCustody = { ...held, custody: [...held.custody, { action: 'viewed' }] };
    values.set(docId, onlyCustody);
    const fair = await commitOf(b, k.priv, null, [
      { table: 'documents', id: docId, action: 'update', fields: ['custody'], value: onlyCustody },
    ]);
    expect(await verifyIncoming(fair, chainAt(null), viewer, ed25519, opener(), async () => held)).toEqual({
      kind: 'accept',
    });
  });
});

describe('where the team began', () => {
  async function founding() {
    const k = await keys();
    const id = crypto.randomUUID();
    const grant = {
      roles: ['administrator'] as Role[],
      status: 'active' as const,
      signingKey: k.pub,
      agreementKey: k.pub,
    };
    const value = { id, roles: grant.roles, status: 'active', signingKey: k.pub, agreementKey: k.pub };
    values.set(id, value);
    const commit = await commitOf(id, k.priv, null, [{ table: 'members', id, value, member: grant }]);
    return { k, id, commit };
  }

  it('takes the founder’s own signed arrival from the founding copy alone, while no member is known', async () => {
    const { k, commit } = await founding();
    const origin = { device: commit.device, founderKey: k.pub };
    expect(await verifyIncoming(commit, chainAt(null), new Map(), ed25519, opener(), undefined, origin)).toEqual({
      kind: 'accept',
    });
    // Any other chain founding itself is someone with the data key and no member's key.
    expect(
      await verifyIncoming(commit, chainAt(null), new Map(), ed25519, opener(), undefined, {
        device: crypto.randomUUID(),
        founderKey: k.pub,
      }),
    ).toMatchObject({ kind: 'wait', why: 'unknown-member' });
    // Nor once the team has members.
    const other = crypto.randomUUID();
    const known = new Map([[other, member(other, (await keys()).pub, ['administrator'])]]);
    expect(await verifyIncoming(commit, chainAt(null), known, ed25519, opener(), undefined, origin)).toMatchObject({
      kind: 'wait',
      why: 'unknown-member',
    });
    // Nor with a key other than the one the invitation pinned.
    expect(
      await verifyIncoming(commit, chainAt(null), new Map(), ed25519, opener(), undefined, {
        ...origin,
        founderKey: (await keys()).pub,
      }),
    ).toMatchObject({ kind: 'wait', why: 'unknown-member' });
    expect(
      await verifyIncoming(commit, chainAt(null), new Map(), ed25519, opener(), undefined, {
        ...origin,
        founderKey: k.pub,
      }),
    ).toEqual({ kind: 'accept' });
  });

  it('refuses a founding that brings anything but the founder, or a founder who is not an administrator', async () => {
    const k = await keys();
    const id = crypto.randomUUID();
    const grant = {
      roles: ['caseworker'] as Role[],
      status: 'active' as const,
      signingKey: k.pub,
      agreementKey: k.pub,
    };
    const value = { id, roles: grant.roles, status: 'active', signingKey: k.pub, agreementKey: k.pub };
    values.set(id, value);
    const notAdmin = await commitOf(id, k.priv, null, [{ table: 'members', id, value, member: grant }]);
    expect(
      await verifyIncoming(notAdmin, chainAt(null), new Map(), ed25519, opener(), undefined, {
        device: notAdmin.device,
        founderKey: k.pub,
      }),
    ).toMatchObject({ kind: 'wait', why: 'unknown-member' });
    const admin = { ...grant, roles: ['administrator'] as Role[] };
    values.set(id, { ...value, roles: admin.roles });
    const more = await commitOf(id, k.priv, null, [
      { table: 'members', id, value: { ...value, roles: admin.roles }, member: admin },
      { table: 'cases', ...aCase() },
    ]);
    expect(
      await verifyIncoming(more, chainAt(null), new Map(), ed25519, opener(), undefined, {
        device: more.device,
        founderKey: k.pub,
      }),
    ).toMatchObject({ kind: 'wait', why: 'unknown-member' });
  });

  it('keeps the founding copy’s history from before members aside, with its rows checked, and nobody else’s', async () => {
    const c = aCase();
    const entry = nextAuditEntry(null, {
      at: '2026-01-01T00:00:00.000Z',
      actor: 'Layla',
      action: 'create',
      table: 'cases',
      recordId: c.id,
      caseId: c.id,
      fields: [],
      digest: recordDigest(c.value),
    });
    const row: SyncRow = { table: 'cases', id: c.id, enc: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(0) } };
    const run: SyncCommit = { device: crypto.randomUUID(), entries: [entry], rows: [row] };
    const origin = { device: run.device, founderKey: (await keys()).pub };
    // Applied only with the founder's first signed commit, which continues it.
    expect(await verifyIncoming(run, chainAt(null), new Map(), ed25519, opener(), undefined, origin)).toEqual({
      kind: 'provisional',
    });
    // Not once the chain has a signer: no one slips unsigned entries into it later.
    expect(
      await verifyIncoming(
        run,
        { ...chainAt(null), member: crypto.randomUUID() },
        new Map(),
        ed25519,
        opener(),
        undefined,
        origin,
      ),
    ).toMatchObject({ kind: 'quarantine', reason: 'unsigned' });
    expect(
      await verifyIncoming(
        run,
        chainAt(null),
        new Map(),
        ed25519,
        opener({ [c.id]: { value: { ...c.value, note: 'y' } } }),
        undefined,
        origin,
      ),
    ).toMatchObject({ kind: 'quarantine', reason: 'row-mismatch' });
    expect(await verifyIncoming(run, chainAt(null), new Map(), ed25519, opener())).toMatchObject({
      kind: 'quarantine',
      reason: 'unsigned',
    });
    const k = await keys();
    const other = crypto.randomUUID();
    const known = new Map([[other, member(other, k.pub, ['administrator'])]]);
    expect(await verifyIncoming(run, chainAt(null), known, ed25519, opener(), undefined, origin)).toMatchObject({
      kind: 'quarantine',
      reason: 'unsigned',
    });
  });
});
