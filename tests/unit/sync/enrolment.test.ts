// Node's own fetch and an in-memory IndexedDB, as in the other sync tests; a real server on loopback.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { Members } from '../../../renderer/src/db/members';
import { randomId } from '../../../renderer/src/db/webcrypto-key';
import { SyncService } from '../../../renderer/src/sync/sync-service';
import { Invitations, InvitationFailed, sameFingerprint } from '../../../renderer/src/sync/invitations';
import { Joining } from '../../../renderer/src/sync/joining';
import { EnrolmentError } from '../../../renderer/src/sync/enrolment';
import { addDevice, enrolmentDatabase as serverEnrolmentDb, SYNC_DB } from '../../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../../sync/server-process';
import { enrolmentDatabase, readInvitation, InvitationError, invitationCode } from '@shared/sync/invitation';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC } from '@shared/domain/records';

const PASS = 'sync test passphrase';
const nodeFetch: typeof fetch = (input, init) => fetch(input, init);

let server: SyncServer;
const dbs: AtharDb[] = [];
const services: SyncService[] = [];
beforeEach(async () => {
  server = await startSyncServer();
});
afterEach(async () => {
  for (const s of services.splice(0)) s.stop();
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
  await server.stop();
});

function newDb(): AtharDb {
  const db = new AtharDb(`enrol-${Math.random()}`);
  dbs.push(db);
  return db;
}

async function until<T>(what: () => Promise<T> | T, ok: (v: T) => boolean, label: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never reached: ${label}`);
}

/** The administrator's laptop, connected to the server, with a case on it. */
async function administrator() {
  const db = newDb();
  const vault = new Vault({ db });
  const opened = await vault.create(PASS, PASS, 'A');
  const storage = await VaultStorage.open(db, opened, { founderName: 'Amal' });
  const sync = new SyncService(storage.store, storage.meta, nodeFetch, storage.cases);
  services.push(sync);
  await sync.start();
  const a = await addDevice(server.admin, 'laptop-a');
  await sync.connect({ server: server.url, database: SYNC_DB, user: a.user, password: a.password });
  const made = await storage.cases.create(
    {
      kind: 'enforced-disappearance',
      status: 'disappeared',
      priority: 'normal',
      assignee: '',
      confidentiality: 'standard',
      tags: [],
      summary: EMPTY_DOC,
      statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'r' }],
    },
    personFields({ nameLatin: 'Samir Testcase', nameAr: 'سمير' }),
  );
  const invitations = new Invitations(
    storage.meta,
    storage.store,
    new Members(vault, storage),
    sync,
    nodeFetch,
    storage.cases,
  );
  return { storage, invitations, made };
}

async function inviteB(invitations: Invitations): Promise<string> {
  const b = await addDevice(server.admin, 'laptop-b');
  return invitations.issue({ name: 'Basma', roles: ['caseworker'], user: b.user, password: b.password, prefix: 'bey' });
}

describe('enrolling a laptop', () => {
  it('names the enrolment database the same on the server and in the app', () => {
    expect(enrolmentDatabase(SYNC_DB)).toBe(serverEnrolmentDb(SYNC_DB));
  });

  it('joins only once the administrator typed the fingerprint the member read out, and then receives the team', async () => {
    const { storage: a, invitations, made } = await administrator();
    const code = await inviteB(invitations);
    expect(await invitations.requestFingerprint(readInvitation(code).member)).toBeNull();

    const joining = await Joining.begin(code, nodeFetch);
    const member = joining.invitation.member;
    const seen = await until(
      () => invitations.requestFingerprint(member),
      (f) => f !== null,
      'request on A',
    );
    expect(seen).toBe(joining.fingerprint);

    // A wrong reading wraps nothing and signs nothing.
    const wrong = joining.fingerprint.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(invitations.confirm(member, wrong)).rejects.toMatchObject({ problem: 'fingerprint-differs' });
    expect(await a.store.get('members', member)).toBeUndefined();
    const early = new AbortController();
    setTimeout(() => early.abort(), 500);
    await expect(joining.answer(early.signal)).rejects.toThrow();

    // Read out with spaces and in lower case, as people do.
    await invitations.confirm(member, joining.fingerprint.toLowerCase());
    expect((await a.store.get('members', member))?.roles).toEqual(['caseworker']);
    const grant = await joining.answer(new AbortController().signal);

    // An answer wrapping any key but the team's (someone else who saw the code answered first) is refused, and
    // nothing is written.
    const elsewhere = newDb();
    await expect(
      new Vault({ db: elsewhere }).join({
        vaultId: joining.invitation.vault,
        device: randomId(),
        memberId: member,
        label: 'B',
        passphrase: PASS,
        confirmation: PASS,
        grant,
        keys: joining.keys,
        keyCheck: 'ab'.repeat(32),
        meta: joining.meta(),
      }),
    ).rejects.toMatchObject({ code: 'invitation-key' });
    expect(await new Vault({ db: elsewhere }).exists()).toBe(false);
    expect(await elsewhere.meta.count()).toBe(0);

    const db = newDb();
    const opened = await new Vault({ db }).join({
      vaultId: joining.invitation.vault,
      device: randomId(),
      memberId: member,
      label: 'B',
      passphrase: PASS,
      confirmation: PASS,
      grant,
      keys: joining.keys,
      keyCheck: joining.invitation.keyCheck,
      meta: joining.meta(),
    });
    joining.forget();
    const b = await VaultStorage.open(db, opened);
    const sync = new SyncService(b.store, b.meta, nodeFetch, b.cases);
    services.push(sync);
    await sync.start();
    await until(() => b.memberArrived(), Boolean, 'member on B');
    expect(b.member.name).toBe('Basma');
    await until(
      () => b.store.get('cases', made.id),
      (c) => c !== undefined,
      'case on B',
    );
    expect(await b.store.remote.quarantined()).toEqual([]);
    // B numbers its cases under its own prefix: never the founder's ATH-2026-00001 again.
    const fromB = await b.cases.create(
      {
        kind: 'missing',
        status: 'open',
        priority: 'normal',
        assignee: '',
        confidentiality: 'standard',
        tags: [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: 'open', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'r' }],
      },
      personFields({ nameLatin: 'Nadia Frombeirut', nameAr: 'نادية' }),
    );
    expect(made.reference).toMatch(/^ATH-\d{4}-00001$/);
    expect(fromB.reference).toMatch(/^ATH-BEY-\d{4}-00001$/);
    // The same unlock again, from the lock screen.
    const again = await new Vault({ db }).unlock(PASS);
    expect(again.device).toBe(opened.device);
  }, 120_000);

  it('refuses a second laptop that holds the same code, and a code that was altered or has expired', async () => {
    const { invitations } = await administrator();
    const code = await inviteB(invitations);
    await Joining.begin(code, nodeFetch);
    await expect(Joining.begin(code, nodeFetch)).rejects.toBeInstanceOf(EnrolmentError);
    // The prefix is the laptop's own in the team.
    await expect(
      invitations.issue({ name: 'Other', roles: ['viewer'], user: 'u', password: 'p', prefix: 'BEY' }),
    ).rejects.toMatchObject({ problem: 'prefix-taken' });
    await expect(
      invitations.issue({ name: 'Other', roles: ['viewer'], user: 'u', password: 'p', prefix: 'B-1' }),
    ).rejects.toMatchObject({ problem: 'prefix-invalid' });
    expect(() => readInvitation(code.slice(0, -8))).toThrow(InvitationError);
    expect(() => readInvitation('hello')).toThrow(InvitationError);
    const inv = readInvitation(code);
    expect(() => readInvitation(invitationCode({ ...inv, expires: '2020-01-01T00:00:00.000Z' }))).toThrow(
      expect.objectContaining({ problem: 'expired' }),
    );
    expect(() => readInvitation(invitationCode({ ...inv, server: 'http://192.0.2.1:5984' }))).toThrow(
      expect.objectContaining({ problem: 'address' }),
    );
  }, 120_000);

  it('cannot issue an invitation from a laptop that is not connected to a server', async () => {
    const db = newDb();
    const vault = new Vault({ db });
    const opened = await vault.create(PASS, PASS, 'A');
    const storage = await VaultStorage.open(db, opened, { founderName: 'Amal' });
    const sync = new SyncService(storage.store, storage.meta, nodeFetch);
    services.push(sync);
    await sync.start();
    const inv = new Invitations(
      storage.meta,
      storage.store,
      new Members(vault, storage),
      sync,
      nodeFetch,
      storage.cases,
    );
    await expect(
      inv.issue({ name: 'x', roles: ['viewer'], user: 'u', password: 'p', prefix: 'XY' }),
    ).rejects.toBeInstanceOf(InvitationFailed);
    expect(sameFingerprint('ABCD '.repeat(8), 'abcd-'.repeat(8))).toBe(true);
    expect(sameFingerprint('ABCD', 'abcd')).toBe(false);
  });
});
