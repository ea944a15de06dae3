import { sealJson } from '@shared/crypto/envelope';
import { parseBackup, type ParsedBackup } from '@shared/package/backup-format';
import { RecordsProblem } from '@shared/package/import-plan';
import type { Case, Person, SigningKey } from '@shared/domain/records';
import { type AtharDb, RECORD_TABLES, type EncryptedRow } from '../../db/schema';
import { Vault, type UnlockedVault } from '../../db/vault';
import { RecordStore } from '../../db/record-store';
import { chunkWriter, type ChunkWriter } from '../../db/file-chunks';
import { SUMMARY_PAGE_SIZE, summarise } from '../../db/case-repository';
import { randomBytes } from '../../db/webcrypto-key';
import { storageErrorCode, VaultError } from '../../db/vault-errors';
import { readPackage, type OpenedPackage } from '../../package/package-reader';

/**
 * Restoring a backup into a new vault. First the whole backup is decrypted
 * and checked (bag, signature, every record, every original's hash, the
 * audit chain and its head) without writing anything. Then a new vault is
 * made with a new passphrase, the originals are stored as the backup is
 * read a second time, and every record and audit entry is written, sealed
 * with the new vault's key, in one transaction. If anything fails on the
 * way, the new vault is deleted again: the computer is as it was before.
 */
export interface BackupReview {
  opened: OpenedPackage;
  parsed: ParsedBackup;
}

interface Source {
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

interface Progress {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** A backup is signed (if at all) by the organisation key it carries: its public half is read from the bag. */
function keysInside(texts: ReadonlyMap<string, string>): Array<{ armored: string; label: string }> {
  const out: Array<{ armored: string; label: string }> = [];
  for (const [path, text] of texts) {
    if (!path.startsWith('data/vault/keys/')) continue;
    try {
      for (const k of JSON.parse(text) as SigningKey[])
        out.push({ armored: k.public.armored, label: k.public.userIds[0] ?? '' });
    } catch {
      /* parseBackup names the page */
    }
  }
  return out;
}

const readOptions = (passphrase: string, p: Progress, size: number) => ({
  passphrase,
  requireSignature: false,
  trustedKeys: keysInside,
  onProgress: (n: number) => p.onProgress?.(n, size),
  ...(p.signal ? { signal: p.signal } : {}),
});

export async function reviewBackup(source: Source, passphrase: string, p: Progress = {}): Promise<BackupReview> {
  const opened = await readPackage(source.stream(), readOptions(passphrase, p, source.size));
  if (!opened.texts.has('data/vault/backup.json') && opened.texts.has('data/records.json'))
    throw new RecordsProblem('data/records.json', 'is-package');
  return { opened, parsed: parseBackup(opened.texts, opened.entries, opened.bagInfo) };
}

async function storageIsEmpty(db: AtharDb): Promise<boolean> {
  for (const t of [...RECORD_TABLES, 'fileChunks', 'audit', 'caseIndex'] as const)
    if ((await db.table(t).count()) > 0) return false;
  return true;
}

export async function restoreBackup(
  db: AtharDb,
  source: Source,
  review: BackupReview,
  o: Progress & { passphrase: string; newPassphrase: string; confirmation: string; now?: Date },
): Promise<UnlockedVault> {
  const vault = new Vault({ db });
  if (await vault.exists()) throw new VaultError('vault-exists');
  if (!(await storageIsEmpty(db))) throw new VaultError('storage-not-empty');
  const opened = await vault.create(o.newPassphrase, o.confirmation);
  const key = opened.key;
  const writers: ChunkWriter[] = [];
  try {
    const stored = new Map<string, number>();
    const again = await readPackage(source.stream(), {
      ...readOptions(o.passphrase, o, source.size),
      onFile: async (path) => {
        const id = review.parsed.files.get(path);
        if (!id) return null;
        const w = await chunkWriter(db, key, id);
        writers.push(w);
        return {
          write: (b) => w.write(b),
          close: async () => {
            const r = await w.close();
            if (r.sha256 !== review.opened.entries.get(path)?.sha256)
              throw new RecordsProblem(path, 'does not match its record');
            stored.set(id, r.chunkCount);
          },
        };
      },
    });
    if (again.texts.get('tagmanifest-sha512.txt') !== review.opened.texts.get('tagmanifest-sha512.txt'))
      throw new RecordsProblem('tagmanifest-sha512.txt', 'the backup changed since it was checked');
    await writeRestored(
      db,
      key,
      review.parsed,
      stored,
      review.opened.bagInfo.get('External-Identifier') ?? review.opened.bagName,
      o.now ?? new Date(),
    );
    const store = await RecordStore.open(db, key, review.parsed.meta.actor);
    await store.logEvent({
      action: 'import',
      table: 'vault',
      recordId: 'restore',
      caseId: null,
      fields: [
        `restored-from:${review.opened.bagInfo.get('External-Identifier') ?? review.opened.bagName}`,
        `audit-entries:${review.parsed.audit.length}`,
      ],
    });
    return opened;
  } catch (e) {
    for (const w of writers) await w.abort();
    // The vault was made by this restore a moment ago and holds nothing else: remove it, so the computer is as before.
    await db.delete().catch(() => undefined);
    await db.open().catch(() => undefined);
    throw e;
  }
}

/** WebCrypto works in parallel: rows are sealed 512 at a time, not one after another (a vault has hundreds of thousands). */
async function sealedInBatches<T, R>(items: T[], seal: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 512) out.push(...(await Promise.all(items.slice(i, i + 512).map(seal))));
  return out;
}

async function writeRestored(
  db: AtharDb,
  key: UnlockedVault['key'],
  b: ParsedBackup,
  chunkCounts: ReadonlyMap<string, number>,
  backupId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const rows = new Map<string, EncryptedRow[]>();
  for (const [table, records] of b.records) {
    rows.set(
      table,
      await sealedInBatches(records, async (r) => {
        let value: Record<string, unknown> = r;
        // The file was stored again from the backup: its chain of custody says so.
        if (table === 'documents')
          value = {
            ...r,
            chunkCount: chunkCounts.get(r.id) ?? r['chunkCount'],
            custody: [
              ...(r['custody'] as unknown[]),
              { at, by: b.meta.actor, action: 'restored', detail: backupId, hashOk: true },
            ],
          };
        return { id: r.id, enc: await sealJson(key, randomBytes, table, r.id, value) };
      }),
    );
  }
  const audit = await sealedInBatches(b.audit, async (e) => ({
    seq: e.seq,
    enc: await sealJson(key, randomBytes, 'audit', e.seq, e),
  }));
  const persons = new Map((b.records.get('persons') ?? []).map((p) => [p.id, p as unknown as Person]));
  const summaries = (b.records.get('cases') as unknown as Case[]).flatMap((c) => {
    const s = persons.get(c.subjectId);
    return s ? [summarise(c, s)] : [];
  });
  const pages: EncryptedRow[] = [];
  for (let n = 0; n * SUMMARY_PAGE_SIZE < summaries.length; n++) {
    const id = `page-${String(n).padStart(6, '0')}`;
    pages.push({
      id,
      enc: await sealJson(
        key,
        randomBytes,
        'caseIndex',
        id,
        summaries.slice(n * SUMMARY_PAGE_SIZE, (n + 1) * SUMMARY_PAGE_SIZE),
      ),
    });
  }
  const profile = await sealJson(key, randomBytes, 'meta', 'profile', { actor: b.meta.actor });
  try {
    await db.transaction(
      'rw',
      [...RECORD_TABLES.map((t) => db.table(t)), db.audit, db.caseIndex, db.meta],
      async () => {
        await Promise.all([
          ...[...rows].map(([t, r]) => db.table(t).bulkAdd(r)),
          db.audit.bulkAdd(audit),
          db.caseIndex.bulkAdd(pages),
          db.meta.bulkPut([
            { id: 'reference-counters', value: b.meta.counters },
            { id: 'profile', value: profile },
          ]),
        ]);
      },
    );
  } catch (e) {
    const code = storageErrorCode(e);
    throw code ? new VaultError(code) : e;
  }
}
