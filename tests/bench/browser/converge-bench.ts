import Dexie from 'dexie';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { SyncService } from '../../../renderer/src/sync/sync-service';
import { browserSyncFetch } from '../../../renderer/src/platform/platform';
import { Members } from '../../../renderer/src/db/members';
import { generateMemberKeys } from '../../../renderer/src/db/member-keys';
import { newRecord } from '@shared/domain/new-record';

/**
 * Issue 15: `clients` laptops of one team on one page, each its own database and its own device user, each
 * making `edits` commits (a new place each) at the same time as the others, through one real sync server.
 * Timed until every laptop holds every laptop's work; then counted: what any laptop lacks is lost.
 */
interface Device {
  user: string;
  password: string;
}

const ms = (t0: number): number => Math.round(performance.now() - t0);
const pause = (n: number): Promise<void> => new Promise((r) => setTimeout(r, n));

export async function converge(
  passphrase: string,
  edits: number,
  server: { url: string; devices: Device[] },
): Promise<Record<string, number>> {
  const clients = server.devices.length;
  const settings = (d: Device) => ({ server: server.url, database: 'athar', user: d.user, password: d.password });
  const names = server.devices.map((_, i) => `athar-bench-converge-${i}`);
  for (const n of names) await Dexie.delete(n);

  const dbA = new AtharDb(names[0]);
  const vaultA = new Vault({ db: dbA });
  const openedA = await vaultA.create(passphrase, passphrase, 'Bench A');
  const a = await VaultStorage.open(dbA, openedA, { founderName: 'Bench A' });
  const syncA = new SyncService(a.store, a.meta, browserSyncFetch, a.cases);
  await syncA.start();
  await syncA.connect(settings(server.devices[0]!));
  const laptops = [{ storage: a, sync: syncA, db: dbA }];
  for (let i = 1; i < clients; i++) {
    const keys = await generateMemberKeys();
    const members = new Members(vaultA, a);
    const { member, grant, teamKeys } = await members.addRemote({
      name: `Bench ${i}`,
      roles: ['caseworker'],
      signingKey: keys.keys.signingKey,
      agreementKey: keys.keys.agreementKey,
    });
    const db = new AtharDb(names[i]);
    const opened = await new Vault({ db }).join({
      vaultId: openedA.vaultId,
      device: crypto.randomUUID(),
      memberId: member.id,
      label: `Bench ${i}`,
      passphrase,
      confirmation: passphrase,
      grant,
      teamKeys,
      keys,
      keyCheck: await members.dataKeyCheck(),
    });
    const storage = await VaultStorage.open(db, opened);
    await storage.meta.save('sync', {
      settings: settings(server.devices[i]!),
      salt: crypto.randomUUID().replaceAll('-', '').repeat(2),
      sentUpTo: -1,
      paused: false,
      origin: await syncA.origin(),
    });
    const sync = new SyncService(storage.store, storage.meta, browserSyncFetch, storage.cases);
    await sync.start();
    laptops.push({ storage, sync, db });
  }
  // Every laptop knows itself as a member before the work starts.
  for (const l of laptops.slice(1)) while (!(await l.storage.memberArrived())) await pause(100);

  const held = async (s: VaultStorage): Promise<number> =>
    (await s.store.ids('places')).filter((id) => id.startsWith('bench-')).length;
  const total = clients * edits;
  const t0 = performance.now();
  await Promise.all(
    laptops.map(async (l, c) => {
      for (let i = 0; i < edits; i++) {
        const place = newRecord(
          'places',
          { id: `bench-${c}-${i}`, kind: 'other', nameEn: `Place ${c}.${i}`, nameAr: `مكان ${c}.${i}`, parentId: null },
          l.storage.actor,
          new Date(),
        );
        await l.storage.store.commit([{ table: 'places', put: place }]);
      }
    }),
  );
  const madeMs = ms(t0);
  // Until every laptop holds all of it, or nothing has moved for two minutes (what is missing then is lost).
  let counts = await Promise.all(laptops.map((l) => held(l.storage)));
  let moved = performance.now();
  while (counts.some((n) => n < total) && performance.now() - moved < 120_000) {
    await pause(500);
    const next = await Promise.all(laptops.map((l) => held(l.storage)));
    if (next.some((n, i) => n !== counts[i])) moved = performance.now();
    counts = next;
  }
  const convergedMs = ms(t0);
  const quarantined = (await Promise.all(laptops.map((l) => l.storage.store.remote.quarantined()))).flat().length;
  const conflicts = (await Promise.all(laptops.map((l) => l.storage.store.remote.conflicts()))).flat().length;
  for (const l of laptops) {
    l.sync.stop();
    l.db.close();
  }
  for (const n of names) await Dexie.delete(n);
  return {
    convergeClients: clients,
    convergeEdits: total,
    convergeMadeMs: madeMs,
    convergeMs: convergedMs,
    convergeLeastHeld: Math.min(...counts),
    convergeLost: total - Math.min(...counts),
    convergeQuarantined: quarantined,
    convergeConflicts: conflicts,
  };
}
