import Dexie from 'dexie';
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { SyncService, type SyncStatus } from '../../../renderer/src/sync/sync-service';
import { browserSyncFetch } from '../../../renderer/src/platform/platform';
import { toBase64 } from '@shared/crypto/bytes';
import { prng, syntheticCase } from '../synthetic';

PouchDB.plugin(HttpAdapter);

/**
 * Issue 15, the sending half: a vault of `n` signed cases sent to a real sync server on loopback by the app's
 * SyncService, against the baseline of the same number of documents, of the same sizes but opaque random
 * bytes, written to the same server by the same client library in the same batches. Also what the server holds
 * per case.
 */
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

export async function syncPush(
  passphrase: string,
  n: number,
  server: { url: string; user: string; password: string; adminUser: string; adminPassword: string },
): Promise<Record<string, number>> {
  const out: Record<string, number> = { syncCases: n };
  await Dexie.delete('athar-bench-sync');
  const db = new AtharDb('athar-bench-sync');
  const opened = await new Vault({ db }).create(passphrase, passphrase, 'Bench');
  const storage = await VaultStorage.open(db, opened, { founderName: 'Bench' });
  const rand = prng(7);
  const at = new Date().toISOString();
  for (let i = 0; i < n; i += 500)
    await storage.cases.createMany(Array.from({ length: Math.min(500, n - i) }, () => syntheticCase(rand, at)));

  const sync = new SyncService(storage.store, opened.key, storage.meta, browserSyncFetch);
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
  sync.stop();

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
  await plain.close();
  db.close();
  await Dexie.delete('athar-bench-sync');
  return out;
}
