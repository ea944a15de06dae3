import { parseBackup, type ParsedBackup } from '@shared/package/backup-format';
import { RecordsProblem } from '@shared/package/merge-plan';
import type { AuditEntry, RecordTable, SigningKey } from '@shared/domain/records';
import { nextAuditEntry, recordDigest } from '@shared/crypto/audit-chain';
import type { RestoreTarget } from '../../db/vault-restore';
import { BACKUP_TEXT_LIMIT, PackageRefused, readPackage, type OpenedPackage } from '../../package/package-reader';
import { BACKUP_HEAD_BYTES, backupReadPassphrase } from '../../package/backup-key';

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
  /** What opened it (for a recovery phrase, the Argon2 output), so the restore does not derive it again. */
  readPassphrase: string;
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
  textLimit: BACKUP_TEXT_LIMIT,
  onProgress: (n: number) => p.onProgress?.(n, size),
  ...(p.signal ? { signal: p.signal } : {}),
});

/** The first bytes of the file, where a backup made with a recovery phrase keeps its Argon2 salt. */
async function headOf(source: Source): Promise<Uint8Array> {
  const reader = source.stream().getReader();
  const head = new Uint8Array(BACKUP_HEAD_BYTES);
  let n = 0;
  try {
    while (n < head.length) {
      const r = await reader.read();
      if (r.done) break;
      const k = Math.min(r.value.length, head.length - n);
      head.set(r.value.subarray(0, k), n);
      n += k;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return head.subarray(0, n);
}

/** `typed` is the recovery phrase, or the passphrase of a backup made before recovery phrases. */
export async function reviewBackup(source: Source, typed: string, p: Progress = {}): Promise<BackupReview> {
  const readPassphrase = await backupReadPassphrase(await headOf(source), typed);
  if (readPassphrase === null) throw new PackageRefused({ reason: 'wrong-passphrase' });
  const opened = await readPackage(source.stream(), readOptions(readPassphrase, p, source.size));
  if (!opened.texts.has('data/vault/backup.json') && opened.texts.has('data/records.json'))
    throw new RecordsProblem('data/records.json', 'is-package');
  return { opened, parsed: parseBackup(opened.texts, opened.entries, opened.bagInfo), readPassphrase };
}

/**
 * Fills a new vault (made by `restoreIntoNewVault`) from a checked backup:
 * the backup is read a second time, each original stored and checked
 * against its record's hash as it passes, then every record and the audit
 * chain written at once, and the restore logged after the restored chain.
 */
export async function restoreBackup(
  target: RestoreTarget,
  source: Source,
  review: BackupReview,
  o: Progress & { now?: Date },
): Promise<void> {
  const stored = new Map<string, number>();
  const again = await readPackage(source.stream(), {
    ...readOptions(review.readPassphrase, o, source.size),
    onFile: async (path) => {
      const id = review.parsed.files.get(path);
      if (!id) return null;
      const w = await target.fileWriter(id);
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
  const b = review.parsed;
  const backupId = review.opened.bagInfo.get('External-Identifier') ?? review.opened.bagName;
  const at = (o.now ?? new Date()).toISOString();
  const records = new Map(b.records);
  // The files were stored again from the backup: their chains of custody say so.
  const documents = records.get('documents');
  if (documents)
    records.set(
      'documents',
      documents.map((r) => ({
        ...r,
        chunkCount: stored.get(r.id) ?? r['chunkCount'],
        custody: [
          ...(r['custody'] as unknown[]),
          { at, by: b.meta.actor, action: 'restored', detail: backupId, hashOk: true },
        ],
      })),
    );
  await target.writeAll({
    records,
    audit: [...b.audit, ...restoreChanges(b.audit, records, at, b.meta.actor)],
    counters: b.meta.counters,
    actor: b.meta.actor,
  });
  await target.logEvent(
    {
      action: 'import',
      table: 'vault',
      recordId: 'restore',
      caseId: null,
      fields: [`restored-from:${backupId}`, `audit-entries:${b.audit.length}`],
    },
    b.meta.actor,
  );
}

/**
 * The restore changes some records as it writes them (each original's custody gains a "restored" entry; a key
 * whose secret was left out of the backup has only its public half): each such change gets its own entry after
 * the restored chain, so the chain still says what every record holds.
 */
function restoreChanges(
  chain: readonly AuditEntry[],
  records: ReadonlyMap<RecordTable, ReadonlyArray<{ id: string } & Record<string, unknown>>>,
  at: string,
  actor: string,
): AuditEntry[] {
  const newest = new Map<string, AuditEntry>();
  for (const e of chain) newest.set(`${e.table}/${e.recordId}`, e);
  const out: AuditEntry[] = [];
  let head = chain.at(-1) ?? null;
  for (const [table, rows] of records)
    for (const r of rows) {
      const digest = recordDigest(r);
      const before = newest.get(`${table}/${r.id}`);
      if (!before?.digest || before.digest === digest) continue;
      const entry = nextAuditEntry(head, {
        at,
        actor,
        action: 'update',
        table,
        recordId: r.id,
        caseId: table === 'documents' && typeof r['caseId'] === 'string' ? r['caseId'] : (before.caseId ?? null),
        fields: table === 'keys' ? ['armoredPrivate'] : ['custody', 'chunkCount'],
        digest,
      });
      out.push(entry);
      head = entry;
    }
  return out;
}
