// Evidence originals between laptops through a real sync server: in chunks, through dropped connections,
// checked whole against their signed records on arrival.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { intakeChanges } from '../../../renderer/src/features/evidence/evidence-draft';
import { randomId } from '../../../renderer/src/db/webcrypto-key';
import type { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { FILES_META_ID, type FilesState } from '../../../renderer/src/sync/file-transfer';
import type { SyncService } from '../../../renderer/src/sync/sync-service';
import { SYNC_DB } from '../../../sync-server/admin';
import { startSyncServer } from '../../sync/server-process';
import { newCase, synced, teamHarness, until } from './team-harness';

const { h, team } = teamHarness();
const MiB = 1024 * 1024;

/** An original of `size` random bytes taken into a case on this laptop, with its record committed. */
async function takeIn(s: VaultStorage, caseId: string, size: number, opts: { wrongHash?: boolean } = {}) {
  const documentId = randomId();
  const writer = await s.files.writer(documentId, caseId);
  const piece = new Uint8Array(MiB);
  for (let done = 0; done < size; done += piece.length) {
    for (let i = 0; i < piece.length; i += 65_536) crypto.getRandomValues(piece.subarray(i, i + 65_536));
    await writer.write(piece.subarray(0, Math.min(piece.length, size - done)));
  }
  const result = await writer.close();
  const recorded = opts.wrongHash ? { ...result, sha256: 'ab'.repeat(32) } : result;
  await s.store.commit(
    intakeChanges({ name: 'interview.mp4', type: 'video/mp4' }, recorded, {
      documentId,
      caseId,
      derivedFromId: null,
      actor: s.actor,
      now: new Date(),
      newId: randomId,
    }),
  );
  return { documentId, ...recorded };
}

const filesState = async (s: VaultStorage): Promise<FilesState | null> => s.meta.load<FilesState>(FILES_META_ID);

const adminAuth = (): Record<string, string> => ({
  authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}`,
});

/** The chunk documents on the server, as its administrator sees them (stubs: the bytes are attachments). */
async function chunkDocsOnServer(): Promise<Array<{ _id: string; _rev: string }>> {
  const r = await fetch(`${h.server.url}/${SYNC_DB}/_all_docs?include_docs=true`, { headers: adminAuth() });
  const rows = ((await r.json()) as { rows: Array<{ doc: { _id: string; _rev: string; f?: number } }> }).rows;
  return rows.map((x) => x.doc).filter((d) => d.f === 1);
}

async function killAndRestart(laptop: SyncService): Promise<void> {
  await h.server.stop('SIGKILL');
  await until(
    () => laptop.status(),
    (st) => st.state === 'offline',
    'offline',
  );
  h.server = await startSyncServer({ dir: h.server.dir, port: h.server.port });
}

describe('evidence originals through the sync server', () => {
  it('a 256 MiB original goes up and comes down through two dropped connections; its hashes verify on B', async () => {
    const { a, b, syncA, syncB } = await team();
    const made = await newCase(a, 'Samir Testcase');
    await until(
      () => b.store.get('cases', made.id),
      (c) => c !== undefined,
      'case on B',
    );
    await until(() => syncB.status(), synced);
    await syncB.pause();

    const file = await takeIn(a, made.id, 256 * MiB);
    expect(file.chunkCount).toBeGreaterThanOrEqual(64);
    // The server goes away while A is sending the chunks…
    await until(
      () => syncA.status(),
      (st) => st.state === 'transferring' && st.direction === 'up' && st.done > 0,
      'A sending the file',
      1200,
    );
    await killAndRestart(syncA);
    await until(() => syncA.status(), synced, 'A has sent everything', 2400);
    // …each chunk is on the server once: what went before the drop was not sent again.
    expect((await chunkDocsOnServer()).length).toBe(file.chunkCount);
    expect((await filesState(a))?.outgoing).toEqual([]);

    // …and while B is fetching them.
    await syncB.resume();
    await until(
      async () => (await b.files.chunkIndexes(file.documentId)).length,
      (n) => n > 2,
      'B fetching the file',
      1200,
    );
    expect((await b.files.chunkIndexes(file.documentId)).length).toBeLessThan(file.chunkCount);
    await killAndRestart(syncB);
    await until(
      async () => ({ st: await filesState(b), have: (await b.files.chunkIndexes(file.documentId)).length }),
      ({ st, have }) => have === file.chunkCount && st?.arriving.length === 0,
      'B has the whole file, checked',
      2400,
    );
    expect(await syncB.fileFailed(file.documentId)).toBe(false);
    const record = (await b.store.get('documents', file.documentId))!;
    expect(await b.files.verifyHere(record)).toEqual({ ok: true, sha256: file.sha256, sha512: file.sha512 });
    expect(await b.store.remote.quarantined()).toEqual([]);
    // B sends none of it back: the original was not taken in there.
    await until(() => syncB.status(), synced);
    expect((await chunkDocsOnServer()).length).toBe(file.chunkCount);
  }, 600_000);

  it('an original that does not match its signed record once whole is named, not taken as verified', async () => {
    const { a, b, syncB } = await team();
    const made = await newCase(a, 'Samir Testcase');
    const file = await takeIn(a, made.id, 9 * MiB, { wrongHash: true });
    await until(
      async () => (await filesState(b))?.failed ?? [],
      (f) => f.includes(file.documentId),
      'named on B',
      1200,
    );
    expect(await syncB.fileFailed(file.documentId)).toBe(true);
    expect((await b.files.chunkIndexes(file.documentId)).length).toBe(file.chunkCount);
  }, 120_000);

  it('a chunk altered on the server is quarantined unread; the file stays incomplete, and nothing else is lost', async () => {
    const { a, b, syncB } = await team();
    const made = await newCase(a, 'Samir Testcase');
    await until(
      () => b.store.get('cases', made.id),
      (c) => c !== undefined,
      'case on B',
    );
    await syncB.pause();
    const file = await takeIn(a, made.id, 9 * MiB);
    const [victim] = await until(chunkDocsOnServer, (d) => d.length === file.chunkCount, 'A sent the file', 1200);
    // The server's administrator (or someone who took the server) writes other bytes into one chunk.
    const put = await fetch(`${h.server.url}/${SYNC_DB}/${victim!._id}/c?rev=${victim!._rev}`, {
      method: 'PUT',
      headers: { ...adminAuth(), 'content-type': 'application/octet-stream' },
      body: new Uint8Array(4 * MiB + 100).fill(7),
    });
    expect(put.ok).toBe(true);
    await syncB.resume();
    await until(
      () => b.store.remote.quarantined(),
      (q) => q.some((x) => x.id === victim!._id),
      'quarantined on B',
      1200,
    );
    expect((await b.store.remote.quarantined()).find((x) => x.id === victim!._id)?.reason).toBe('unreadable');
    await until(() => syncB.status(), synced);
    expect((await b.files.chunkIndexes(file.documentId)).length).toBe(file.chunkCount - 1);
    expect((await filesState(b))?.arriving).toEqual([file.documentId]);
    expect(await syncB.fileFailed(file.documentId)).toBe(false);
    expect(await b.store.get('documents', file.documentId)).toBeDefined();
  }, 120_000);
});
