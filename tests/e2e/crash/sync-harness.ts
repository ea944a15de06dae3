import { newRecord } from '@shared/domain/new-record';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { Members } from '../../../renderer/src/db/members';
import { generateMemberKeys } from '../../../renderer/src/db/member-keys';
import { randomId } from '../../../renderer/src/db/webcrypto-key';
import { SyncService, type SyncStatus } from '../../../renderer/src/sync/sync-service';

/**
 * Two laptops of one team in a real Chromium profile on disk, through a real sync server (reached through the
 * page's own origin, which carries requests to it): `#prepare:<json>` founds laptop A, writes COUNT commits and
 * sends them, and makes laptop B a member of the team without letting it read anything yet; `#pull` opens B and
 * receives, printing how many places it holds as it goes (the test kills Chromium meanwhile); `#verify` opens B
 * again, receives the rest and prints what it holds and what Verify audit log says.
 */
const PASS = 'sync crash harness passphrase';
const COUNT = 1000;
const params = (): { server: string; a: { user: string; password: string }; b: { user: string; password: string } } =>
  JSON.parse(decodeURIComponent(location.hash.slice('#prepare:'.length))) as never;
/** Requests to the sync server go through this page's origin (its CSP allows nothing else). */
const viaOrigin: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return fetch(`${location.origin}/_sync/${url.port}${url.pathname}${url.search}`, init);
};

const settle = (sync: SyncService): Promise<void> =>
  new Promise((resolve) => {
    const done = (s: SyncStatus): void => {
      if (s.state === 'synced') {
        stop();
        resolve();
      }
    };
    const stop = sync.subscribe(done);
    done(sync.status());
  });

async function prepare(): Promise<void> {
  const p = params();
  const dbA = new AtharDb('athar-sync-crash-a');
  const vaultA = new Vault({ db: dbA });
  const openedA = await vaultA.create(PASS, PASS, 'A');
  const a = await VaultStorage.open(dbA, openedA, { founderName: 'Amal' });
  const syncA = new SyncService(a.store, a.meta, viaOrigin, a.cases);
  await syncA.start();
  await syncA.connect({ server: p.server, database: 'athar', user: p.a.user, password: p.a.password });
  const began = Date.now();
  for (let i = 0; i < COUNT; i++) {
    if (i % 100 === 0) console.log(`progress ${i} commits in ${Date.now() - began} ms`);
    const place = newRecord(
      'places',
      { id: `s-${i}`, kind: 'other', nameEn: `Synced place ${i}`, nameAr: `مكان ${i}`, parentId: null },
      'Amal',
      new Date(),
    );
    await a.store.commit([{ table: 'places', put: place }]);
  }
  const keys = await generateMemberKeys();
  const members = new Members(vaultA, a);
  const { member, grant, teamKeys } = await members.addRemote({
    name: 'Basma',
    roles: ['caseworker'],
    signingKey: keys.keys.signingKey,
    agreementKey: keys.keys.agreementKey,
  });
  console.log(`progress all commits in ${Date.now() - began} ms`);
  await settle(syncA);
  console.log(`progress sent in ${Date.now() - began} ms`);
  const origin = await syncA.origin();
  const dbB = new AtharDb('athar-sync-crash-b');
  const openedB = await new Vault({ db: dbB }).join({
    vaultId: openedA.vaultId,
    device: randomId(),
    memberId: member.id,
    label: 'B',
    passphrase: PASS,
    confirmation: PASS,
    grant,
    teamKeys,
    keys,
    keyCheck: await members.dataKeyCheck(),
  });
  const b = await VaultStorage.open(dbB, openedB);
  await b.meta.save('sync', {
    settings: { server: p.server, database: 'athar', user: p.b.user, password: p.b.password },
    salt: '00'.repeat(32),
    sentUpTo: -1,
    paused: false,
    origin,
  });
  console.log(`prepared ${a.store.headSeq + 1}`);
}

async function openB(): Promise<{ b: VaultStorage; sync: SyncService }> {
  const db = new AtharDb('athar-sync-crash-b');
  const b = await VaultStorage.open(db, await new Vault({ db }).unlock(PASS));
  const sync = new SyncService(b.store, b.meta, viaOrigin, b.cases);
  await sync.start();
  return { b, sync };
}

const held = async (b: VaultStorage): Promise<number> =>
  (await b.store.ids('places')).filter((id) => id.startsWith('s-')).length;

async function pull(): Promise<void> {
  const { b } = await openB();
  for (let i = 0; ; i++) {
    console.log(`count ${await held(b)}`);
    if (i % 50 === 0)
      console.log(
        `progress held ${await held(b)}, waiting ${(await b.store.remote.waiting()).length}, quarantined ${(await b.store.remote.quarantined()).length}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function verify(): Promise<void> {
  const { b, sync } = await openB();
  const atOpen = await held(b);
  // Bounded, so that a laptop that lost commits reports what it holds instead of waiting for ever.
  const until = Date.now() + 90_000;
  while ((await held(b)) < COUNT && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  await Promise.race([settle(sync), new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())))]);
  const report = await b.store.verifyIntegrity();
  const applied = (await b.store.remote.all()).applied;
  console.log(
    `verify ${JSON.stringify({
      atOpen,
      count: await held(b),
      applied: applied.map((x) => x.entry.seq),
      records: report.records.problems,
      others: report.others.problems,
      quarantined: (await b.store.remote.quarantined()).length,
      waiting: (await b.store.remote.waiting()).length,
    })}`,
  );
}

const mode = location.hash.slice(1);
(mode.startsWith('prepare:') ? prepare() : mode === 'pull' ? pull() : verify()).catch((e: unknown) =>
  console.log(`error ${String(e)}`),
);
