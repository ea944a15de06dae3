import { describe, expect, it } from 'vitest';
import { nextAuditEntry } from '@shared/crypto/audit-chain';
import { fromHex, toHex } from '@shared/crypto/bytes';
import { custodyMessage, type SignableCustody } from '@shared/crypto/custody-signatures';
import type { SignatureCheck } from '@shared/crypto/signatures';
import type { AuditEntry } from '@shared/domain/records';
import type { Role } from '@shared/domain/permissions';
import { arrivalRefusal, SEALABLE_TABLES, type ArrivalContext, type ArrivalMember } from '@shared/sync/arrival-rules';
import { COMPARTMENT_TABLES } from '../../../../renderer/src/db/schema';
import { designationId } from '@shared/sanctions/designation-id';

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

const sign = async (priv: CryptoKey, msg: Uint8Array): Promise<string> =>
  toHex(new Uint8Array(await crypto.subtle.sign(ED, priv, msg as BufferSource)));

let seq = 0;
function entry(
  table: string,
  recordId: string,
  action: AuditEntry['action'] = 'update',
  more: Partial<AuditEntry> = {},
) {
  return {
    ...nextAuditEntry(null, {
      at: '2026-12-05T10:00:00.000Z',
      actor: 'x',
      action,
      table,
      recordId,
      caseId: null,
      fields: [],
    }),
    seq: seq++,
    ...more,
  } as AuditEntry;
}

const who = (id: string, pub: string, roles: Role[]): ArrivalMember => ({
  id,
  roles,
  status: 'active',
  signingKey: pub,
  formerSigningKeys: [],
});

function context(held: Record<string, unknown> = {}, compartments: Record<string, string> = {}): ArrivalContext {
  return {
    compartmentOfCase: async (caseId) => compartments[caseId],
    knowsCompartment: async (id) => Object.values(compartments).includes(id),
    held: async (table, id) => held[`${table}/${id}`],
  };
}

describe('the record store’s own rules, on what arrives', () => {
  it('names every table a compartment may seal, as the store does', () => {
    expect([...SEALABLE_TABLES].sort()).toEqual(COMPARTMENT_TABLES.filter((t) => t !== 'caseIndex').sort());
  });

  it('refuses a team record sealed in a compartment, and a row sealed in a compartment nobody knows', async () => {
    const k = await keys();
    const m = who(crypto.randomUUID(), k.pub, ['administrator']);
    const e = entry('members', m.id);
    const withheld = await arrivalRefusal(m, [e], [{ entry: e, mark: 'c1:1' }], new Map(), ed25519, context());
    expect(withheld).toMatchObject({ refusal: { reason: 'not-assigned' } });
    const c = entry('cases', crypto.randomUUID());
    expect(await arrivalRefusal(m, [c], [{ entry: c, mark: 'nobody:1' }], new Map(), ed25519, context())).toMatchObject(
      { refusal: { reason: 'not-assigned' } },
    );
    expect(
      await arrivalRefusal(m, [c], [{ entry: c, mark: 'c1:1' }], new Map(), ed25519, context({}, { x: 'c1' })),
    ).toBeNull();
  });

  it('refuses a sanctions designation whose id is not the one its authority and reference give', async () => {
    const k = await keys();
    const m = who(crypto.randomUUID(), k.pub, ['investigator']);
    const good = { id: designationId('eu', '9000101'), authority: 'eu', ref: '9000101' };
    const judge = (after: unknown) => {
      const e = entry('designations', (after as { id: string }).id, 'create');
      return arrivalRefusal(m, [e], [{ entry: e, after }], new Map(), ed25519, context());
    };
    expect(await judge(good)).toBeNull();
    // Another person's reference under this id, or this one moved to another authority: one record would be two people.
    expect(await judge({ ...good, ref: '9000202' })).toMatchObject({ refusal: { reason: 'designation-id' } });
    expect(await judge({ ...good, authority: 'uk' })).toMatchObject({ refusal: { reason: 'designation-id' } });
    expect(await judge({ ...good, authority: 'xx' })).toMatchObject({ refusal: { reason: 'designation-id' } });
  });

  it('keeps a file’s chain of custody growing only by the writer’s own signed entries', async () => {
    const k = await keys();
    const other = await keys();
    const m = who(crypto.randomUUID(), k.pub, ['investigator']);
    const id = crypto.randomUUID();
    const first: SignableCustody = { at: 't0', by: 'x', action: 'added', detail: '', hashOk: true };
    const before = { id, custody: [first] };
    const next: SignableCustody = { at: 't1', by: 'x', action: 'viewed', detail: '', hashOk: true, member: m.id };
    const signed = { ...next, sig: await sign(k.priv, custodyMessage(id, 1, next, '')) };
    const e = entry('documents', id);
    const judge = (after: unknown) =>
      arrivalRefusal(m, [e], [{ entry: e, before, after }], new Map(), ed25519, context());
    expect(await judge({ id, custody: [first, signed] })).toBeNull();
    // An entry already recorded, changed.
    expect(await judge({ id, custody: [{ ...first, detail: 'edited' }, signed] })).toMatchObject({
      refusal: { reason: 'custody-kept' },
    });
    // One dropped.
    expect(await judge({ id, custody: [] })).toMatchObject({ refusal: { reason: 'custody-kept' } });
    // Signed by someone else's key, or in another member's name.
    const forged = { ...next, sig: await sign(other.priv, custodyMessage(id, 1, next, '')) };
    expect(await judge({ id, custody: [first, forged] })).toMatchObject({ refusal: { reason: 'custody-kept' } });
    expect(await judge({ id, custody: [first, { ...signed, member: crypto.randomUUID() }] })).toMatchObject({
      refusal: { reason: 'custody-kept' },
    });
  });

  it('takes a team key once, and never a change to one or its deletion', async () => {
    const k = await keys();
    const admin = who(crypto.randomUUID(), k.pub, ['administrator']);
    const id = crypto.randomUUID();
    const made = entry('teamKeys', id, 'create');
    expect(
      await arrivalRefusal(admin, [made], [{ entry: made, after: { id } }], new Map(), ed25519, context()),
    ).toBeNull();
    // A second record under an id already held, even as a "create", would replace the key under it.
    expect(
      await arrivalRefusal(
        admin,
        [made],
        [{ entry: made, after: { id } }],
        new Map(),
        ed25519,
        context({ [`teamKeys/${id}`]: { id } }),
      ),
    ).toMatchObject({ refusal: { reason: 'team-keys-kept' } });
    for (const action of ['update', 'delete'] as const) {
      const e = entry('teamKeys', id, action);
      const writes = action === 'update' ? [{ entry: e, after: { id } }] : [];
      expect(await arrivalRefusal(admin, [e], writes, new Map(), ed25519, context())).toMatchObject({
        refusal: { reason: 'team-keys-kept' },
      });
    }
  });

  it('keeps an active administrator', async () => {
    const k = await keys();
    const admin = who(crypto.randomUUID(), k.pub, ['administrator']);
    const members = new Map([[admin.id, admin]]);
    const e = entry('members', admin.id, 'update', {
      member: { roles: ['caseworker'], status: 'active', signingKey: k.pub, agreementKey: k.pub },
    });
    expect(await arrivalRefusal(admin, [e], [], members, ed25519, context())).toMatchObject({
      refusal: { reason: 'last-administrator' },
    });
  });

  it('makes, changes and lets go of a compartment only as the store does', async () => {
    const k = await keys();
    const holder = who(crypto.randomUUID(), k.pub, ['caseworker']);
    const stranger = who(crypto.randomUUID(), k.pub, ['caseworker']);
    const caseId = crypto.randomUUID();
    const subjectId = crypto.randomUUID();
    const comp = {
      id: 'c1',
      caseId,
      subjectId,
      level: 'restricted',
      releasing: null,
      grants: [{ member: holder.id }],
    };
    const create = entry('compartments', 'c1', 'create');
    const caseEntry = entry('cases', caseId, 'update');
    const made = (by: ArrivalMember, caseValue?: unknown, entries = [create, caseEntry]) =>
      arrivalRefusal(
        by,
        entries,
        [
          { entry: create, after: comp },
          ...(caseValue ? [{ entry: caseEntry, after: caseValue }] : [{ entry: caseEntry, mark: 'c1:1' }]),
        ],
        new Map(),
        ed25519,
        context({}, {}),
      );
    expect(await made(holder, { id: caseId, subjectId, confidentiality: 'restricted' })).toBeNull();
    // Its maker must hold it, its case must be made restricted with it, and of the same subject.
    expect(await made(stranger, { id: caseId, subjectId, confidentiality: 'restricted' })).not.toBeNull();
    expect(await made(holder, { id: caseId, subjectId, confidentiality: 'standard' })).not.toBeNull();
    expect(
      await made(holder, { id: caseId, subjectId: crypto.randomUUID(), confidentiality: 'restricted' }),
    ).not.toBeNull();
    expect(await made(holder, undefined, [create])).not.toBeNull();
    // A second compartment over a case that has one.
    expect(
      await arrivalRefusal(
        holder,
        [create, caseEntry],
        [{ entry: create, after: comp }],
        new Map(),
        ed25519,
        context({}, { [caseId]: 'other' }),
      ),
    ).not.toBeNull();

    // An update: only by a holder, never to another case or subject, its level only with the case.
    const update = entry('compartments', 'c1', 'update');
    const held = { 'compartments/c1': comp };
    const changed = (by: ArrivalMember, after: unknown, entries: AuditEntry[] = [update]) =>
      arrivalRefusal(by, entries, [{ entry: update, after }], new Map(), ed25519, context(held, { [caseId]: 'c1' }));
    const grown = { ...comp, grants: [...comp.grants, { member: stranger.id }] };
    expect(await changed(holder, grown)).toBeNull();
    expect(await changed(stranger, grown)).not.toBeNull();
    expect(await changed(holder, { ...grown, subjectId: crypto.randomUUID() })).not.toBeNull();
    expect(await changed(holder, { ...comp, level: 'strict' })).not.toBeNull();
    expect(await changed(holder, { ...comp, level: 'strict' }, [update, caseEntry])).toBeNull();

    // Let go only while releasing (its case back to standard), by a holder.
    const del = entry('compartments', 'c1', 'delete');
    const letGo = (by: ArrivalMember, stored: unknown) =>
      arrivalRefusal(by, [del], [], new Map(), ed25519, context({ 'compartments/c1': stored }));
    expect(await letGo(holder, comp)).not.toBeNull();
    expect(await letGo(holder, { ...comp, releasing: { grants: [] } })).toBeNull();
    expect(await letGo(stranger, { ...comp, releasing: { grants: [] } })).not.toBeNull();
  });
});
