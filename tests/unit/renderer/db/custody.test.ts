import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { VaultStorage } from '../../../../renderer/src/db/vault-storage';
import { Members } from '../../../../renderer/src/db/members';
import { ed25519, generateMemberKeys, signWith } from '../../../../renderer/src/db/member-keys';
import { custodyMessage, verifyCustody } from '@shared/crypto/custody-signatures';
import type { EvidenceDocument } from '@shared/domain/records';

const A_PASS = 'administrator passphrase';
const B_PASS = 'investigator passphrase';
let db: AtharDb;
beforeEach(() => {
  db = new AtharDb(`custody-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const at = '2026-01-01T00:00:00.000Z';

describe('chain of custody', () => {
  it('signs each entry a member adds with their key, over the entry before it; a forged, moved or removed entry shows', async () => {
    const vault = new Vault({ db });
    const a = await VaultStorage.open(db, await vault.create(A_PASS, A_PASS, 'A'), { founderName: 'Amal' });
    const b = await new Members(vault, a).add({
      name: 'Basel',
      label: 'B',
      roles: ['investigator'],
      passphrase: B_PASS,
      confirmation: B_PASS,
    });
    const bs = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
    const doc = {
      id: crypto.randomUUID(),
      createdAt: at,
      updatedAt: at,
      author: 'Basel',
      caseId: null,
      originalName: 'photo.jpg',
      mediaType: 'image/jpeg',
      size: 4,
      sha256: 'a'.repeat(64),
      sha512: 'b'.repeat(128),
      chunkCount: 1,
      custody: [{ at, by: 'Basel', action: 'acquired', detail: 'sha256:aaaa', hashOk: null }],
    };
    await bs.store.commit([{ table: 'documents', put: doc }]);
    let stored = (await bs.store.get('documents', doc.id))!;
    await bs.store.commit([
      {
        table: 'documents',
        put: {
          ...stored,
          custody: [...stored.custody, { at, by: 'Basel', action: 'viewed', detail: '', hashOk: null }],
        },
      },
    ]);
    // A, the administrator, records a verification: signed by A.
    stored = (await a.store.get('documents', doc.id))!;
    await a.store.commit([
      {
        table: 'documents',
        put: {
          ...stored,
          custody: [...stored.custody, { at, by: 'Amal', action: 'verified', detail: '', hashOk: true }],
        },
      },
    ]);
    stored = (await bs.store.get('documents', doc.id))!;
    const members = new Map((await bs.store.all('members')).map((m) => [m.id, [m.signingKey, ...m.formerSigningKeys]]));
    const keysOf = (id: string) => members.get(id) ?? [];
    const standings = async (d: EvidenceDocument) =>
      (await verifyCustody(d.id, d.custody, keysOf, ed25519)).map((s) => (s.kind === 'verified' ? s.member : s.kind));
    expect(await standings(stored)).toEqual([b.id, b.id, a.member.id]);

    // An entry signed with a key that is no member's, though it names B.
    const stranger = await generateMemberKeys();
    const forged = { at, by: 'Basel', action: 'exported' as const, detail: 'nowhere', hashOk: null, member: b.id };
    const sig = await signWith(stranger.keys.signing, custodyMessage(doc.id, 3, forged, stored.custody[2]!.sig!));
    expect(await standings({ ...stored, custody: [...stored.custody, { ...forged, sig }] })).toEqual([
      b.id,
      b.id,
      a.member.id,
      'invalid',
    ]);
    // An entry removed from the middle: the one after it no longer verifies.
    expect(await standings({ ...stored, custody: [stored.custody[0]!, stored.custody[2]!] })).toEqual([
      b.id,
      'invalid',
    ]);
    // Moved to another file: nothing verifies.
    expect(await standings({ ...stored, id: crypto.randomUUID() })).toEqual(['invalid', 'invalid', 'invalid']);
    // Signed by someone who is no member here (it came with a package): not called forged, not called verified.
    expect(await standings({ ...stored, custody: [{ ...forged, member: crypto.randomUUID(), sig }] })).toEqual([
      'foreign',
    ]);
    // An entry without a signature.
    expect(
      await standings({ ...stored, custody: [{ at, by: 'x', action: 'viewed', detail: '', hashOk: null }] }),
    ).toEqual(['unsigned']);
  }, 60_000);

  it('lets any member who can read a file record that they verified it, and nobody rewrite its custody', async () => {
    const vault = new Vault({ db });
    const a = await VaultStorage.open(db, await vault.create(A_PASS, A_PASS, 'A'), { founderName: 'Amal' });
    const c = await new Members(vault, a).add({
      name: 'Carla',
      label: 'C',
      roles: ['reviewer'],
      passphrase: B_PASS,
      confirmation: B_PASS,
    });
    const doc = {
      id: crypto.randomUUID(),
      createdAt: at,
      updatedAt: at,
      author: 'Amal',
      caseId: null,
      originalName: 'photo.jpg',
      mediaType: 'image/jpeg',
      size: 4,
      sha256: 'a'.repeat(64),
      sha512: 'b'.repeat(128),
      chunkCount: 1,
      custody: [{ at, by: 'Amal', action: 'acquired', detail: '', hashOk: null }],
    };
    await a.store.commit([{ table: 'documents', put: doc }]);
    const cs = await VaultStorage.open(db, await vault.unlock(B_PASS, c.id));
    const stored = (await cs.store.get('documents', doc.id))!;
    const verified = { at, by: 'Carla', action: 'verified' as const, detail: '', hashOk: true };
    await cs.store.commit([{ table: 'documents', put: { ...stored, custody: [...stored.custody, verified] } }]);
    const after = (await cs.store.get('documents', doc.id))!;
    expect(after.custody.at(-1)).toMatchObject({ member: c.id, sig: expect.stringMatching(/^[0-9a-f]{128}$/) });
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => 'written',
        (e: { refusal?: { reason: string } }) => e.refusal?.reason,
      );
    // Anything else of the record is an investigator's to change.
    expect(await refused(cs.store.commit([{ table: 'documents', put: { ...after, description: 'edited' } }]))).toBe(
      'role',
    );
    // Nor does anyone append an entry in someone else's name, or with a signature that is not theirs.
    const forgedEntry = { at, by: 'Amal', action: 'viewed' as const, detail: '', hashOk: null, member: a.member.id };
    expect(
      await refused(
        cs.store.commit([{ table: 'documents', put: { ...after, custody: [...after.custody, forgedEntry] } }]),
      ),
    ).toBe('custody-kept');
    expect(
      await refused(
        cs.store.commit([
          {
            table: 'documents',
            put: { ...after, custody: [...after.custody, { ...verified, member: c.id, sig: 'ab'.repeat(64) }] },
          },
        ]),
      ),
    ).toBe('custody-kept');
    // And no one rewrites what custody already says, not even its author.
    expect(
      await refused(a.store.commit([{ table: 'documents', put: { ...after, custody: after.custody.slice(1) } }])),
    ).toBe('custody-kept');
  }, 60_000);
});
