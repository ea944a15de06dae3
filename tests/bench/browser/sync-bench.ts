import Dexie from 'dexie';
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { SyncService, type SyncStatus } from '../../../renderer/src/sync/sync-service';
import { browserSyncFetch } from '../../../renderer/src/platform/platform';
import { toBase64 } from '@shared/crypto/bytes';
import { Members } from '../../../renderer/src/db/members';
import { generateMemberKeys } from '../../../renderer/src/db/member-keys';
import { prng, syntheticCase } from '../synthetic';

PouchDB.plugin(HttpAdapter);

/**
 * Issue 15, the sending half: a vault of `n` signed cases sent to a real sync server on loopback by the app's
 * SyncService, against the baseline of the same number of documents, of the same sizes but opaque random
 * bytes, written to the same server by the same client library in the same batches. Also what the server holds
 * per case.
 */
async function waitSynced(sync: SyncService): Promise<void> {
  for (;;) {
    const s = sync.status();
    if (s.state === 'synced') return;
    if (s.state === 'error') throw new Error(`sync failed: ${s.problem}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

export async function syncPush(
  passphrase: string,
  n: number,
  server: { url: string; user: string; password: string; adminUser: string; adminPassword: string },
): Promise<Record<string, number>> {
  const out: Record<string, number> = { syncCases: n };
  await Dexie.delete('athar-bench-sync');
  const db = new AtharDb('athar-bench-sync');
  const vaultA = new Vault({ db });
  const opened = await vaultA.create(passphrase, passphrase, 'Bench');
  const storage = await VaultStorage.open(db, opened, { founderName: 'Bench' });
  const rand = prng(7);
  const at = new Date().toISOString();
  for (let i = 0; i < n; i += 500)
    await storage.cases.createMany(
      Array.from({ length: Math.min(500, n - i) }, () => {
        const c = syntheticCase(rand, at);
        // Standard cases, which the laptop that joins may read (the synthetic ones are restricted to their maker).
        return { ...c, input: { ...c.input, confidentiality: 'standard' as const } };
      }),
    );

  const sync = new SyncService(storage.store, storage.meta, browserSyncFetch);
  await sync.start();
  const done = new Promise<void>((resolve, reject) => {
    sync.subscribe((s: SyncStatus) => {
      if (s.state === 'synced') resolve();
      if (s.state === 'error') reject(new Error(`sync failed: ${s.problem}`));
    });
  });
  let t0 = performance.now();
  await sync.connect({ server: server.url, database: 'athar', user: server.user, password: server.password });
  await done;
  out.syncPushMs = ms(t0);

  // Receiving: a second laptop joins (its member signed on A, the data key wrapped to its keys) and takes in
  // everything A sent: every commit judged (signature, roles, chain, rows) and applied, the list's summaries made.
  const keysB = await generateMemberKeys();
  const { member, grant } = await new Members(vaultA, storage).addRemote({
    name: 'Bench B',
    roles: ['caseworker'],
    signingKey: keysB.keys.signingKey,
    agreementKey: keysB.keys.agreementKey,
  });
  await waitSynced(sync);
  await Dexie.delete('athar-bench-sync-b');
  const dbB = new AtharDb('athar-bench-sync-b');
  const openedB = await new Vault({ db: dbB }).join({
    vaultId: opened.vaultId,
    device: crypto.randomUUID(),
    memberId: member.id,
    label: 'B',
    passphrase,
    confirmation: passphrase,
    grant,
    keys: keysB,
    keyCheck: await new Members(vaultA, storage).dataKeyCheck(),
  });
  const b = await VaultStorage.open(dbB, openedB);
  await b.meta.save('sync', {
    settings: { server: server.url, database: 'athar', user: server.user, password: server.password },
    salt: '00'.repeat(32),
    sentUpTo: -1,
    paused: false,
    origin: await sync.origin(),
  });
  const syncB = new SyncService(b.store, b.meta, browserSyncFetch, b.cases);
  t0 = performance.now();
  await syncB.start();
  while ((await b.store.count('cases')) < n) await new Promise((r) => setTimeout(r, 100));
  await waitSynced(syncB);
  out.syncPullMs = ms(t0);
  out.syncPullQuarantined = (await b.store.remote.quarantined()).length;
  out.syncPullListed = (await b.cases.summaries()).length;
  out.syncPullWithheld = b.store.withheldCount('cases');

  // An edit on A, seen on B: each is a case's priority changed and saved on A, timed until B holds it.
  const delays: number[] = [];
  // Standard cases: a restricted one is not B's to read (its member is assigned to none).
  const cases = (await storage.store.all('cases')).filter((c) => c.confidentiality === 'standard').slice(0, 15);
  for (const [i, c] of cases.entries()) {
    const subject = (await storage.store.get('persons', c.subjectId))!;
    const priority = i % 2 ? 'high' : 'urgent';
    const t1 = performance.now();
    await storage.cases.update({ ...c, priority }, subject);
    while ((await b.store.get('cases', c.id))?.priority !== priority) await new Promise((r) => setTimeout(r, 20));
    delays.push(performance.now() - t1);
  }
  delays.sort((x, y) => x - y);
  out.syncEditMedianMs = Math.round(delays[Math.floor(delays.length / 2)]!);
  out.syncEditP95Ms = Math.round(delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.95) - 1)]!);
  syncB.stop();
  sync.stop();
  dbB.close();
  await Dexie.delete('athar-bench-sync-b');

  // What the server holds: every document, its one field's size.
  const remote = (user: string, password: string, name = 'athar') =>
    new PouchDB(`${server.url}/${name}`, {
      adapter: 'http',
      skip_setup: true,
      auth: { username: user, password },
      fetch: (url: string | Request, opts?: RequestInit) =>
        browserSyncFetch(url, { ...opts, headers: [...((opts?.headers ?? []) as Iterable<[string, string]>)] }),
    });
  const admin = remote(server.adminUser, server.adminPassword);
  const auth = { authorization: `Basic ${btoa(`${server.adminUser}:${server.adminPassword}`)}` };
  const ids = (
    (await (await browserSyncFetch(`${server.url}/athar/_all_docs`, { headers: auth })).json()) as {
      rows: Array<{ id: string }>;
    }
  ).rows
    .map((r) => r.id)
    .filter((id) => !id.startsWith('_design/'));
  const sizes: number[] = [];
  for (let i = 0; i < ids.length; i += 20) {
    const docs = await Promise.all(
      ids
        .slice(i, i + 20)
        .map(
          async (id) =>
            (await (await browserSyncFetch(`${server.url}/athar/${id}`, { headers: auth })).json()) as { c: string },
        ),
    );
    for (const d of docs) sizes.push(d.c.length);
  }
  out.syncDocuments = sizes.length;
  out.syncServerBytes = sizes.reduce((a, b) => a + b, 0);
  out.syncBytesPerCase = Math.round(out.syncServerBytes / n);
  await admin.close();

  // The baseline: as many opaque documents of the same sizes, in batches of 50, to a second database.
  await browserSyncFetch(`${server.url}/baseline`, { method: 'PUT', headers: auth });
  const plain = remote(server.adminUser, server.adminPassword, 'baseline');
  const opaque = (n: number): Uint8Array => {
    const b = new Uint8Array(n);
    for (let o = 0; o < n; o += 65536) crypto.getRandomValues(b.subarray(o, Math.min(n, o + 65536)));
    return b;
  };
  const blobs = sizes.map((size) => toBase64(opaque(Math.floor((size * 3) / 4))));
  t0 = performance.now();
  for (let i = 0; i < blobs.length; i += 50)
    await plain.bulkDocs(
      blobs.slice(i, i + 50).map((c) => ({ _id: crypto.randomUUID().replaceAll('-', ''), v: 1, c })),
    );
  out.syncBaselineMs = ms(t0);
  out.syncPushRatio = Math.round((out.syncPushMs / out.syncBaselineMs) * 100) / 100;

  // Its receiving baseline: the same client reads those opaque documents from the server's changes feed, a page
  // of 100 at a time as the app does, and stores each in IndexedDB as it came.
  await Dexie.delete('athar-bench-sync-plain');
  const store = new Dexie('athar-bench-sync-plain');
  store.version(1).stores({ docs: '_id' });
  t0 = performance.now();
  let since: string | number = 0;
  for (;;) {
    const page = await (
      plain as unknown as {
        changes(o: object): Promise<{ results: Array<{ doc: unknown }>; last_seq: string | number }>;
      }
    ).changes({ since, limit: 100, include_docs: true });
    if (page.results.length) await store.table('docs').bulkPut(page.results.map((r) => r.doc as object));
    since = page.last_seq;
    if (page.results.length < 100) break;
  }
  out.syncPullBaselineMs = ms(t0);
  out.syncPullRatio = Math.round((out.syncPullMs / out.syncPullBaselineMs) * 100) / 100;
  store.close();
  await Dexie.delete('athar-bench-sync-plain');
  await plain.close();
  db.close();
  await Dexie.delete('athar-bench-sync');
  return out;
}
