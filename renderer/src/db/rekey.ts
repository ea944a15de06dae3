import { openBytes, openJson, recordAad, type AeadKey, type Envelope } from '@shared/crypto/envelope';
import { Cancelled } from '@shared/cancelled';
import { RECORD_TABLES, type AtharDb, type ChunkRow, type SyncConflictRow } from './schema';
import { chunkAad } from './file-chunks';
import { randomBytes } from './webcrypto-key';
import { withStorageErrors } from './vault-errors';
import { sealAnchor, type AnchorStore } from './audit-head';

/**
 * Re-encryption of a whole vault under a new data key: every record, summary
 * page, audit entry, sealed setting and evidence chunk is opened with the
 * old key and sealed again with the new one, with the same binding to where
 * it belongs. It runs while the vault is locked to everything else (no
 * session, no worker holds either key).
 *
 * Crash-safe by construction: the new key is recorded (wrapped) in the
 * header before the first row changes; rows are rewritten in batches, each
 * one transaction; a row already under the new key is left as it is; and
 * only when none is left under the old key does the new key replace the old
 * one in the header, in one write. A crash or a cancel at any point leaves
 * every row readable with one of the two keys the header holds, and the next
 * unlock carries on where it stopped. Afterwards the old key opens nothing:
 * a copy of the old header with the old passphrase is worthless.
 */
export interface RekeyProgress {
  done: number;
  total: number;
}

export interface RekeyResult {
  /** Rows sealed again in this pass. */
  resealed: number;
  /** Rows neither key opens, left as they were. */
  unreadable: number;
}

interface Sealed {
  table: string;
  key: unknown;
  aad: Uint8Array;
  env: Envelope;
  put: (env: Envelope) => unknown;
}

const BATCH_ROWS = 200;
/** Chunks are 4 MiB each: a few to a transaction keeps memory flat. */
const BATCH_CHUNKS = 4;

const isEnvelope = (v: unknown): v is Envelope =>
  !!v && typeof v === 'object' && (v as Envelope).v === 1 && (v as Envelope).iv instanceof Uint8Array;

/** The row sealed under `to`; null if it already is; 'unreadable' if neither key opens it (it stays as it is). */
async function reseal(
  env: Envelope,
  aad: Uint8Array,
  from: AeadKey,
  to: AeadKey,
): Promise<Envelope | null | 'unreadable'> {
  // Already under the new key (an earlier run got this far): nothing to do.
  const done = await openBytes(to, env, aad).then(
    () => true,
    () => false,
  );
  if (done) return null;
  const plain = await openBytes(from, env, aad).catch(() => null);
  // A row neither key opens was unreadable before and stays so (Verify names it); it must not stop the work,
  // or the vault, waiting for the re-encryption to finish, could never be opened again.
  if (!plain) return 'unreadable';
  const iv = randomBytes(12);
  return { v: 1, iv, ct: await to.encrypt(iv, aad, plain) };
}

async function countAll(db: AtharDb): Promise<number> {
  let n = await db.meta.count();
  for (const t of [...RECORD_TABLES, 'caseIndex', 'audit', 'fileChunks', ...SYNC_TABLES] as const)
    n += await db.table(t).count();
  return n;
}

/**
 * What other laptops' chains brought, sealed here with the data key, and where each row's binding comes from:
 * heads by device, entries by device and position, held and quarantined documents by their server id.
 */
const SYNC_TABLES = [
  'syncChains',
  'syncEntries',
  'syncWaiting',
  'syncQuarantine',
  'syncConflicts',
  'syncTombstones',
] as const;

const syncAad = (table: (typeof SYNC_TABLES)[number], row: Record<string, unknown>): Uint8Array =>
  table === 'syncChains'
    ? recordAad(table, String(row.device))
    : table === 'syncEntries'
      ? recordAad(table, `${String(row.device)}/${String(row.seq)}`)
      : recordAad(table, String(row.id));

/** Re-seals every row under `to`; rows already under it are skipped. Throws Cancelled between batches. */
export async function resealAll(
  db: AtharDb,
  from: AeadKey,
  to: AeadKey,
  o: { onProgress?: (p: RekeyProgress) => void; signal?: AbortSignal; skipChunks?: boolean } = {},
): Promise<RekeyResult> {
  const total = await countAll(db);
  let done = 0;
  const result: RekeyResult = { resealed: 0, unreadable: 0 };
  const step = (n: number): void => {
    done += n;
    o.onProgress?.({ done, total });
  };
  // A conflict's versions are rows of the record as they came (a compartment's stay under its key): they move
  // with the row that describes them, in the same write.
  const resealConflicts = async (rows: SyncConflictRow[]): Promise<void> => {
    if (o.signal?.aborted) throw new Cancelled();
    const updates: SyncConflictRow[] = [];
    for (const r of rows) {
      const slash = r.id.indexOf('/');
      const [table, recordId] = [r.id.slice(0, slash), r.id.slice(slash + 1)];
      const enc = await reseal(r.enc, recordAad('syncConflicts', r.id), from, to);
      const versions = await Promise.all(
        r.rows.map(async (v) => (v.k ? null : reseal(v.enc, recordAad(table, recordId), from, to))),
      );
      if (enc === 'unreadable' || versions.includes('unreadable')) result.unreadable++;
      if ((enc && enc !== 'unreadable') || versions.some((v) => v && v !== 'unreadable'))
        updates.push({
          ...r,
          enc: enc && enc !== 'unreadable' ? enc : r.enc,
          rows: r.rows.map((v, j) => {
            const next = versions[j];
            return next && next !== 'unreadable' ? { ...v, enc: next } : v;
          }),
        });
    }
    result.resealed += updates.length;
    if (updates.length) await withStorageErrors(() => db.syncConflicts.bulkPut(updates));
    step(rows.length);
  };
  const run = async (rows: Sealed[], tableName: string): Promise<void> => {
    if (o.signal?.aborted) throw new Cancelled();
    const updates: unknown[] = [];
    for (const r of rows) {
      const env = await reseal(r.env, r.aad, from, to);
      if (env === 'unreadable') result.unreadable++;
      else if (env) updates.push(r.put(env));
    }
    result.resealed += updates.length;
    if (updates.length) await withStorageErrors(() => db.table(tableName).bulkPut(updates));
    step(rows.length);
  };

  for (const table of [...RECORD_TABLES, 'caseIndex'] as const) {
    const ids = (await db.table(table).toCollection().primaryKeys()) as string[];
    for (let i = 0; i < ids.length; i += BATCH_ROWS) {
      const rows = (await db.table(table).bulkGet(ids.slice(i, i + BATCH_ROWS))) as Array<{
        id: string;
        enc: Envelope;
      }>;
      // A compartment's rows are sealed with its own key, not the data key: they stay as they are.
      const own = rows.filter((r) => r && !(r as { k?: string }).k);
      step(rows.length - own.length);
      await run(
        own.map((r) => ({
          table,
          key: r.id,
          aad: recordAad(table, r.id),
          env: r.enc,
          put: (enc) => ({ ...r, enc }),
        })),
        table,
      );
    }
  }
  const seqs = (await db.audit.toCollection().primaryKeys()) as number[];
  for (let i = 0; i < seqs.length; i += BATCH_ROWS) {
    const rows = await db.audit.bulkGet(seqs.slice(i, i + BATCH_ROWS));
    await run(
      rows
        .filter((r) => r !== undefined)
        .map((r) => ({
          table: 'audit',
          key: r.seq,
          aad: recordAad('audit', r.seq),
          env: r.enc,
          put: (enc) => ({ ...r, enc }),
        })),
      'audit',
    );
  }
  const meta = (await db.meta.toArray()).filter((m) => isEnvelope(m.value));
  await run(
    meta.map((m) => ({
      table: 'meta',
      key: m.id,
      aad: recordAad('meta', m.id),
      env: m.value as Envelope,
      put: (enc) => ({ ...m, value: enc }),
    })),
    'meta',
  );
  step((await db.meta.count()) - meta.length);
  for (const table of SYNC_TABLES) {
    const keys = await db.table(table).toCollection().primaryKeys();
    for (let i = 0; i < keys.length; i += BATCH_ROWS) {
      const rows = (await db.table(table).bulkGet(keys.slice(i, i + BATCH_ROWS))).filter(
        (r): r is Record<string, unknown> & { enc: Envelope } => r !== undefined,
      );
      if (table === 'syncConflicts') {
        await resealConflicts(rows as unknown as SyncConflictRow[]);
        continue;
      }
      await run(
        rows.map((r) => ({ table, key: null, aad: syncAad(table, r), env: r.enc, put: (enc) => ({ ...r, enc }) })),
        table,
      );
    }
  }
  if (o.skipChunks) return result;
  const chunkKeys = (await db.fileChunks.toCollection().primaryKeys()) as Array<[string, number]>;
  for (let i = 0; i < chunkKeys.length; i += BATCH_CHUNKS) {
    const rows = (await db.fileChunks.bulkGet(chunkKeys.slice(i, i + BATCH_CHUNKS))).filter(
      (r): r is ChunkRow => r !== undefined,
    );
    const own = rows.filter((r) => !r.k);
    step(rows.length - own.length);
    await run(
      own.map((r) => ({
        table: 'fileChunks',
        key: [r.documentId, r.index],
        aad: chunkAad(r.documentId, r.index),
        env: r.enc,
        put: (enc) => ({ ...r, enc }),
      })),
      'fileChunks',
    );
  }
  return result;
}

/** After a re-encryption the anchor the host keeps is sealed with a key that no longer exists: seal it anew. */
export async function refreshAnchor(db: AtharDb, key: AeadKey, vaultId: string, anchor: AnchorStore): Promise<void> {
  const last = await db.audit.orderBy('seq').last();
  if (!last) return;
  const entry = await openJson<{ seq: number; hash: string }>(key, 'audit', last.seq, last.enc);
  await anchor.save(entry.seq, await sealAnchor(key, vaultId, { seq: entry.seq, hash: entry.hash }));
}
