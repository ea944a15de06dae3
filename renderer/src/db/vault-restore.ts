import { sealJson } from '@shared/crypto/envelope';
import type { AuditEntry, Case, Person, RecordTable } from '@shared/domain/records';
import { RECORD_TABLES, type AtharDb, type EncryptedRow } from './schema';
import { Vault, type UnlockedVault } from './vault';
import { RecordStore } from './record-store';
import { countersRow, summaryPages } from './case-repository';
import { SealedMeta } from './sealed-meta';
import type { ChunkWriter } from './file-chunks';
import { chunkWriter } from './file-chunks';
import { randomBytes } from './webcrypto-key';
import { VaultError, withStorageErrors } from './vault-errors';
import { sealInBatches } from './seal-batches';
import { HEAD_META_ID, sealHead } from './audit-head';

/** Everything a restore writes, in clear, before it is sealed with the new vault's key. */
export interface RestoredContent {
  records: ReadonlyMap<RecordTable, ReadonlyArray<{ id: string } & Record<string, unknown>>>;
  audit: readonly AuditEntry[];
  counters: Record<string, number>;
  actor: string;
}

/** What a restore may do to the new vault while it is being filled. */
export interface RestoreTarget {
  /** An original's chunks, written as they arrive; removed again if the restore fails. */
  fileWriter(documentId: string): Promise<ChunkWriter>;
  /** Every record and audit entry, the list's summaries, the counters and the profile, in one transaction. */
  writeAll(content: RestoredContent): Promise<void>;
  /** An entry after the restored chain (the restore itself). */
  logEvent(e: Parameters<RecordStore['logEvent']>[0], actor: string): Promise<void>;
}

/** Present from the moment a restore makes its vault until the restore is complete. */
export const RESTORE_PENDING = 'restore-pending';

/** Whether a restore was cut short (the app closed or crashed while it ran): what is there is not a whole vault. */
export async function restoreInterrupted(db: AtharDb): Promise<boolean> {
  return (await withStorageErrors(() => db.meta.get(RESTORE_PENDING))) !== undefined;
}

/** Deletes what an interrupted restore left, so that the restore can be started again. Nothing else is touched. */
export async function discardInterruptedRestore(db: AtharDb): Promise<void> {
  if (!(await restoreInterrupted(db))) return;
  await db.delete();
  await db.open();
}

async function storageIsEmpty(db: AtharDb): Promise<boolean> {
  for (const t of [...RECORD_TABLES, 'fileChunks', 'audit', 'caseIndex'] as const)
    if ((await db.table(t).count()) > 0) return false;
  return true;
}

/**
 * Makes a new vault with a new passphrase and lets `fill` write into it. If
 * anything fails on the way (a damaged file, a full disk, a cancel), the
 * half-made vault is deleted again, so the computer is as it was. Storage
 * that holds rows without a vault header is never written over. The
 * restorer's slot is the only one: the backup's members have no way in
 * until an administrator resets each (`Members.withoutSlot`). `label` is
 * what the lock screen shows for the restorer.
 */
export async function restoreIntoNewVault(
  db: AtharDb,
  newPassphrase: string,
  confirmation: string,
  fill: (target: RestoreTarget) => Promise<void>,
  label?: string,
): Promise<UnlockedVault> {
  const vault = new Vault({ db });
  if (await vault.exists()) throw new VaultError('vault-exists');
  if (!(await storageIsEmpty(db))) throw new VaultError('storage-not-empty');
  // Until the last step is done the new vault is marked unfinished, from before its header exists: after a crash
  // it is offered for discarding, never opened as if it were whole (restoreInterrupted, discardInterruptedRestore).
  await withStorageErrors(() => db.meta.put({ id: RESTORE_PENDING, value: { startedAt: new Date().toISOString() } }));
  const opened = await vault.create(newPassphrase, confirmation, label).catch(async (e: unknown) => {
    await db.meta.delete(RESTORE_PENDING).catch(() => undefined);
    throw e;
  });
  const writers: ChunkWriter[] = [];
  const target: RestoreTarget = {
    async fileWriter(documentId) {
      const w = await chunkWriter(db, opened.key, documentId);
      writers.push(w);
      return w;
    },
    writeAll: (content) => writeAll(db, opened, content),
    async logEvent(e, actor) {
      await (await RecordStore.open(db, opened.key, actor)).logEvent(e);
    },
  };
  try {
    await fill(target);
    await withStorageErrors(() => db.meta.delete(RESTORE_PENDING));
    return opened;
  } catch (e) {
    for (const w of writers) await w.abort();
    // The vault was made by this restore a moment ago and holds nothing else.
    await db.delete().catch(() => undefined);
    await db.open().catch(() => undefined);
    throw e;
  }
}

async function writeAll(db: AtharDb, opened: UnlockedVault, c: RestoredContent): Promise<void> {
  const { key } = opened;
  const rows = new Map<string, EncryptedRow[]>();
  for (const [table, records] of c.records)
    rows.set(
      table,
      await sealInBatches(records, async (r) => ({ id: r.id, enc: await sealJson(key, randomBytes, table, r.id, r) })),
    );
  const audit = await sealInBatches(c.audit, async (e) => ({
    seq: e.seq,
    enc: await sealJson(key, randomBytes, 'audit', e.seq, e),
  }));
  const persons = new Map((c.records.get('persons') ?? []).map((p) => [p.id, p as unknown as Person]));
  const cases = (c.records.get('cases') ?? []) as unknown as Case[];
  const pages = await sealInBatches(summaryPages(cases, persons), async (p) => ({
    id: p.id,
    enc: await sealJson(key, randomBytes, 'caseIndex', p.id, p.value),
  }));
  const profile = await SealedMeta.sealed(key, 'profile', { actor: c.actor });
  const counters = await countersRow(key, c.counters);
  const tail = c.audit.at(-1);
  const head = tail ? [{ id: HEAD_META_ID, value: await sealHead(key, { seq: tail.seq, hash: tail.hash }) }] : [];
  await withStorageErrors(() =>
    db.transaction('rw', [...RECORD_TABLES.map((t) => db.table(t)), db.audit, db.caseIndex, db.meta], async () => {
      await Promise.all([
        ...[...rows].map(([t, r]) => db.table(t).bulkAdd(r)),
        db.audit.bulkAdd(audit),
        db.caseIndex.bulkAdd(pages),
        db.meta.bulkPut([counters, profile, ...head]),
      ]);
    }),
  );
}
