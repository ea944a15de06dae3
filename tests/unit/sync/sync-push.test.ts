// Node's own fetch (happy-dom's keeps an HTTP cache and applies a page's CORS rules), and an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { SyncService, type SyncStatus } from '../../../renderer/src/sync/sync-service';
import { addDevice, SYNC_DB } from '../../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../../sync/server-process';
import { personFields } from '@shared/domain/new-record';
import { openCommitDoc } from '@shared/sync/commit-doc';
import { SyncServerNotAllowed } from '../../../renderer/src/platform/platform';
import { intakeChanges } from '../../../renderer/src/features/evidence/evidence-draft';

const PASS = 'sync test passphrase';
/** What must never reach the server in clear: names in both scripts, a phone number, a safety note. */
const CANARIES = ['Zubaida Canarywoman', 'زبيدة الكناري', '+963 944 123 987', 'Safety: never call before noon'];

// The app reaches the server through its host (platform.syncFetch); here the host is Node.
const nodeFetch: typeof fetch = (input, init) => fetch(input, init);

let db: AtharDb;
let server: SyncServer;
beforeEach(async () => {
  db = new AtharDb(`sync-${Math.random()}`);
  server = await startSyncServer();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  await server.stop();
});

async function newVault() {
  const opened = await new Vault({ db }).create(PASS, PASS, 'A');
  return { opened, storage: await VaultStorage.open(db, opened, { founderName: 'Amal' }) };
}

async function until(service: SyncService, ok: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  for (let i = 0; i < 200; i++) {
    if (ok(service.status())) return service.status();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sync never reached the state: ${JSON.stringify(service.status())}`);
}

interface Dump {
  rows: Array<{ id: string; doc: Record<string, unknown> }>;
  /** Everything the server answered, as text. */
  text: string;
}

async function serverDump(): Promise<Dump> {
  const auth = { authorization: `Basic ${btoa(`${server.admin.user}:${server.admin.password}`)}` };
  const get = async (path: string): Promise<string> =>
    (await nodeFetch(`${server.url}/${SYNC_DB}/${path}`, { headers: auth })).text();
  // Each document by its id: pouchdb-server 4.2 can answer _all_docs?include_docs=true from before a later write.
  // The write-once rule's design document is the server's own, not a device's.
  const ids = (JSON.parse(await get('_all_docs')) as { rows: Array<{ id: string }> }).rows
    .map((r) => r.id)
    .filter((id) => !id.startsWith('_design/'));
  const docs = await Promise.all(ids.map(async (id) => JSON.parse(await get(id)) as Record<string, unknown>));
  const changes = await get('_changes?style=all_docs');
  return {
    rows: ids.map((id, i) => ({ id, doc: docs[i]! })),
    text: `${JSON.stringify(docs)}\n${changes}`,
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function caseWithCanaries(storage: VaultStorage): Promise<void> {
  await storage.cases.create(
    {
      kind: 'enforced-disappearance',
      status: 'disappeared',
      priority: 'normal',
      assignee: '',
      confidentiality: 'standard',
      tags: [],
      summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: CANARIES[3]! }] }] },
      statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: CANARIES[2]! }],
    } as never,
    personFields({ nameLatin: CANARIES[0]!, nameAr: CANARIES[1]! }) as never,
  );
}

describe('sending this device’s commits to the sync server', () => {
  it('sends every commit as ciphertext: the server’s answers and its files hold none of the canaries', async () => {
    const { opened, storage } = await newVault();
    const device = await addDevice(server.admin, 'laptop-a');
    const sync = new SyncService(storage.store, storage.meta, nodeFetch, undefined, storage.files);
    await sync.start();
    expect(sync.status().state).toBe('off');
    await sync.connect({ server: server.url, database: SYNC_DB, user: device.user, password: device.password });
    await caseWithCanaries(storage);
    // An evidence original with the canaries in its name and in its bytes goes too, as chunks.
    const caseId = (await storage.cases.summaries())[0]!.id;
    const documentId = crypto.randomUUID();
    const writer = await storage.files.writer(documentId, caseId);
    await writer.write(new TextEncoder().encode(CANARIES.join('\n').repeat(1000)));
    await storage.store.commit(
      intakeChanges({ name: `${CANARIES[0]}.txt`, type: 'text/plain' }, await writer.close(), {
        documentId,
        caseId,
        derivedFromId: null,
        actor: storage.actor,
        now: new Date(),
        newId: () => crypto.randomUUID(),
      }),
    );
    await until(sync, (s) => s.state === 'synced' && storage.store.headSeq >= 0);
    await new Promise((r) => setTimeout(r, 300));
    await until(sync, (s) => s.state === 'synced');

    const dump = await serverDump();
    const docs = dump;
    expect(docs.rows.length).toBeGreaterThan(0);
    const chunks = docs.rows.filter((r) => r.doc.f === 1);
    expect(chunks.length).toBe(1);
    for (const r of docs.rows) {
      expect(r.id).toMatch(/^[0-9a-f]{32}$/);
      expect(Object.keys(r.doc).sort()).toEqual(
        r.doc.f === 1 ? ['_attachments', '_id', '_rev', 'f', 'v'] : ['_id', '_rev', 'c', 'v'],
      );
    }
    const files = filesUnder(server.dir).map((f) => readFileSync(f));
    // The documents' one field decoded too: plaintext merely in base64 would pass a scan of the text. And each
    // chunk's bytes, as the server hands them out.
    const decoded = [
      ...docs.rows.filter((r) => r.doc.f !== 1).map((r) => Buffer.from(String(r.doc.c), 'base64')),
      ...(await Promise.all(
        chunks.map(async (r) =>
          Buffer.from(
            await (
              await nodeFetch(`${server.url}/${SYNC_DB}/${r.id}/c`, {
                headers: { authorization: `Basic ${btoa(`${server.admin.user}:${server.admin.password}`)}` },
              })
            ).arrayBuffer(),
          ),
        ),
      )),
    ];
    expect(decoded.at(-1)!.length).toBeGreaterThan(4096);
    for (const c of CANARIES) {
      expect(dump.text.includes(c), c).toBe(false);
      for (const f of [...files, ...decoded]) expect(f.includes(Buffer.from(c)), c).toBe(false);
    }
    // What the server does hold opens with the vault's key into this device's commits, each signed.
    const commits = await Promise.all(
      docs.rows.filter((r) => r.doc.f !== 1).map((r) => openCommitDoc(opened.key, r.doc)),
    );
    expect(commits.every((c) => c.device === opened.vaultId && c.entries.at(-1)?.sig)).toBe(true);
    expect(commits.flatMap((c) => c.entries).length).toBe(storage.store.headSeq + 1);
    sync.stop();
  }, 120_000);

  it('sends again after a crash before the acknowledgement was recorded without writing anything twice', async () => {
    const { storage } = await newVault();
    const device = await addDevice(server.admin, 'laptop-a');
    const settings = { server: server.url, database: SYNC_DB, user: device.user, password: device.password };
    const first = new SyncService(storage.store, storage.meta, nodeFetch);
    await first.start();
    await first.connect(settings);
    await caseWithCanaries(storage);
    await until(first, (s) => s.state === 'synced');
    await new Promise((r) => setTimeout(r, 300));
    await until(first, (s) => s.state === 'synced');
    first.stop();
    const count = async () =>
      (
        (await (
          await nodeFetch(`${server.url}/${SYNC_DB}`, {
            headers: { authorization: `Basic ${btoa(`${server.admin.user}:${server.admin.password}`)}` },
          })
        ).json()) as { doc_count: number }
      ).doc_count;
    const sent = await count();
    // As if the app died after the server took the documents and before the vault recorded it.
    const state = await storage.meta.load<Record<string, unknown>>('sync');
    await storage.meta.save('sync', { ...state, sentUpTo: -1 });
    const again = new SyncService(storage.store, storage.meta, nodeFetch);
    await again.start();
    await until(again, (s) => s.state === 'synced');
    expect(await count()).toBe(sent);
    again.stop();
  }, 120_000);

  it('says offline while the server is down, keeps what was saved, and sends it when the server is back', async () => {
    const { storage } = await newVault();
    const device = await addDevice(server.admin, 'laptop-a');
    const sync = new SyncService(storage.store, storage.meta, nodeFetch);
    await sync.start();
    await sync.connect({ server: server.url, database: SYNC_DB, user: device.user, password: device.password });
    await until(sync, (s) => s.state === 'synced');
    await server.stop('SIGKILL');
    await caseWithCanaries(storage);
    const offline = await until(sync, (s) => s.state === 'offline');
    expect(offline).toMatchObject({ state: 'offline' });
    expect((offline as { waiting: number }).waiting).toBeGreaterThan(0);
    server = await startSyncServer({ dir: server.dir, port: server.port });
    await until(sync, (s) => s.state === 'synced');
    expect((await serverDump()).rows.length).toBeGreaterThan(1);
    sync.stop();
  }, 120_000);

  it('sends nothing while paused, keeps the pause across a restart, and sends everything on resume', async () => {
    const { storage } = await newVault();
    const device = await addDevice(server.admin, 'laptop-a');
    const sync = new SyncService(storage.store, storage.meta, nodeFetch);
    await sync.start();
    await sync.connect({ server: server.url, database: SYNC_DB, user: device.user, password: device.password });
    await until(sync, (s) => s.state === 'synced');
    const before = (await serverDump()).rows.length;
    await sync.pause();
    await caseWithCanaries(storage);
    await new Promise((r) => setTimeout(r, 500));
    expect(sync.status()).toMatchObject({ state: 'paused' });
    expect((await serverDump()).rows.length).toBe(before);
    sync.stop();

    const later = new SyncService(storage.store, storage.meta, nodeFetch);
    await later.start();
    expect(later.status()).toMatchObject({ state: 'paused' });
    expect((later.status() as { waiting: number }).waiting).toBeGreaterThan(0);
    await later.resume();
    await until(later, (s) => s.state === 'synced');
    expect((await serverDump()).rows.length).toBeGreaterThan(before);
    later.stop();
  }, 120_000);

  it('stops asking when the user did not allow the server, until they connect again', async () => {
    const { storage } = await newVault();
    let calls = 0;
    const refused: typeof fetch = () => {
      calls++;
      return Promise.reject(new SyncServerNotAllowed());
    };
    const sync = new SyncService(storage.store, storage.meta, refused);
    await sync.start();
    await sync.connect({ server: server.url, database: SYNC_DB, user: 'x', password: 'y' });
    expect(await until(sync, (s) => s.state === 'error')).toMatchObject({ problem: 'address' });
    const asked = calls;
    await new Promise((r) => setTimeout(r, 2500));
    expect(calls).toBe(asked);
    // Nor at the next save.
    await caseWithCanaries(storage);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(asked);
    await sync.connect({ server: server.url, database: SYNC_DB, user: 'x', password: 'y' });
    await until(sync, () => calls > asked);
    sync.stop();
  }, 60_000);

  it('names wrong credentials as such, and never marks anything sent', async () => {
    const { storage } = await newVault();
    const sync = new SyncService(storage.store, storage.meta, nodeFetch);
    await sync.start();
    await sync.connect({ server: server.url, database: SYNC_DB, user: 'nobody', password: 'wrong' });
    await caseWithCanaries(storage);
    expect(await until(sync, (s) => s.state === 'error')).toMatchObject({ problem: 'credentials' });
    expect((await storage.meta.load<{ sentUpTo: number }>('sync'))?.sentUpTo).toBe(-1);
    await expect(
      sync.connect({ server: 'http://192.0.2.1:5984', database: SYNC_DB, user: 'x', password: 'y' }),
    ).rejects.toThrow('address');
    sync.stop();
  }, 120_000);
});
