// A team of laptops for sync tests: each its own in-memory IndexedDB (fake-indexeddb must be loaded first by the
// test), one real sync server on loopback, Node's own fetch.
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { Members } from '../../../renderer/src/db/members';
import { generateMemberKeys } from '../../../renderer/src/db/member-keys';
import { randomId } from '../../../renderer/src/db/webcrypto-key';
import { SyncService, type SyncStatus } from '../../../renderer/src/sync/sync-service';
import type { SyncSettings } from '../../../renderer/src/sync/sync-settings';
import { addDevice, SYNC_DB } from '../../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../../sync/server-process';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC } from '@shared/domain/records';

export const PASS = 'sync test passphrase';
const nodeFetch: typeof fetch = (input, init) => fetch(input, init);

export const synced = (s: SyncStatus): boolean => s.state === 'synced';

export async function until<T>(
  what: () => Promise<T> | T,
  ok: (v: T) => boolean,
  label = 'condition',
  tries = 300,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never reached: ${label}`);
}

/** Registers the server's start and every laptop's clean-up around each test of the file that calls it. */
export function teamHarness() {
  const h = {
    server: null as unknown as SyncServer,
    dbs: [] as AtharDb[],
    services: [] as SyncService[],
  };
  beforeEach(async () => {
    h.server = await startSyncServer();
  });
  afterEach(async () => {
    for (const s of h.services.splice(0)) s.stop();
    for (const db of h.dbs.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
    await h.server.stop();
  });

  const newDb = (): AtharDb => {
    const db = new AtharDb(`sync-team-${Math.random()}`);
    h.dbs.push(db);
    return db;
  };

  const settingsFor = async (name: string): Promise<SyncSettings> => {
    const d = await addDevice(h.server.admin, name);
    return { server: h.server.url, database: SYNC_DB, user: d.user, password: d.password };
  };

  /** A laptop's sync, with its evidence files. */
  const service = (storage: VaultStorage): SyncService => {
    const s = new SyncService(storage.store, storage.meta, nodeFetch, storage.cases, storage.files);
    h.services.push(s);
    return s;
  };

  /** Another laptop joins A's team as a caseworker, as an invitation and its answer would make it. */
  const joinTeam = async (a: VaultStorage, vaultA: Vault, syncA: SyncService, name: string, device: string) => {
    const keys = await generateMemberKeys();
    const { member, grant, teamKeys } = await new Members(vaultA, a).addRemote({
      name,
      roles: ['caseworker'],
      signingKey: keys.keys.signingKey,
      agreementKey: keys.keys.agreementKey,
    });
    const db = newDb();
    const opened = await new Vault({ db }).join({
      vaultId: a.store.vaultId!,
      device: randomId(),
      memberId: member.id,
      label: name,
      passphrase: PASS,
      confirmation: PASS,
      grant,
      teamKeys,
      keys,
      keyCheck: await new Members(vaultA, a).dataKeyCheck(),
    });
    const storage = await VaultStorage.open(db, opened);
    await storage.meta.save('sync', {
      settings: await settingsFor(device),
      salt: '00'.repeat(32),
      sentUpTo: -1,
      paused: false,
      origin: await syncA.origin(),
    });
    const sync = service(storage);
    await sync.start();
    return { storage, db, opened, sync };
  };

  /** The founding laptop (A), and a second laptop (B) that joined the team as a caseworker. */
  const team = async () => {
    const dbA = newDb();
    const vaultA = new Vault({ db: dbA });
    const openedA = await vaultA.create(PASS, PASS, 'A');
    const a = await VaultStorage.open(dbA, openedA, { founderName: 'Amal' });
    const syncA = service(a);
    await syncA.start();
    await syncA.connect(await settingsFor('laptop-a'));
    const { storage: b, db: dbB, opened: openedB, sync: syncB } = await joinTeam(a, vaultA, syncA, 'Basma', 'laptop-b');
    return { a, b, dbB, vaultA, openedA, openedB, syncA, syncB };
  };

  return { h, newDb, settingsFor, service, joinTeam, team };
}

export async function newCase(storage: VaultStorage, nameLatin: string) {
  return storage.cases.create(
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
    personFields({ nameLatin, nameAr: 'سمير' }),
  );
}
