import type { SigningKey } from '@shared/domain/records';
import { backupKeyPacket } from '../../package/backup-key';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  PAGE_RECORDS,
  pagePath,
  type BackupManifest,
} from '@shared/package/backup-format';
import { packagedFilePath } from '@shared/package/content';
import type { VaultStorage } from '../../db/vault-storage';
import {
  bytesEntry,
  writePackage,
  type LazyEntry,
  type PackageSink,
  type PayloadEntry,
  type WrittenPackage,
} from '../../package/package-writer';

/**
 * A full backup of the vault: every record of every table, the whole audit
 * chain and every original, in the package format (BagIt in tar,
 * OpenPGP-encrypted to a key made from the recovery phrase with Argon2id,
 * signed by the organisation's key where there is one). The organisation's
 * key goes in without its secret unless the user chose otherwise. Records are read a page at a time as the writer
 * reaches them, and originals chunk by chunk, so memory stays flat.
 */
export interface BackupOptions {
  /** The canonical recovery phrase (see backup-key.ts). */
  recoveryPhrase: string;
  signingKey: SigningKey | null;
  /** The organisation's key goes in with its secret only when the user chose so. */
  includeKeySecret: boolean;
  bagName: string;
  openSink: () => Promise<PackageSink | null>;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ProducedBackup {
  written: WrittenPackage;
  manifest: BackupManifest;
}

const json = (v: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(v)}\n`);

export async function produceBackup(storage: VaultStorage, o: BackupOptions): Promise<ProducedBackup | null> {
  const { store } = storage;
  const now = o.now ?? new Date();
  const pages: string[] = [];
  const lazy: LazyEntry[] = [];
  const counts: Record<string, number> = {};
  const withheld: Record<string, number> = {};
  for (const table of BACKUP_TABLES) {
    const n = store.withheldCount(table);
    if (n) withheld[table] = n;
    const ids = await store.ids(table);
    counts[table] = 0;
    for (let n = 0; n * PAGE_RECORDS < ids.length; n++) {
      const page = ids.slice(n * PAGE_RECORDS, (n + 1) * PAGE_RECORDS);
      const path = pagePath(table, n);
      pages.push(path);
      // A record deleted since the ids were listed is simply not in the backup; the counts follow what was written.
      lazy.push({
        path,
        lazy: async () => {
          const rows = (await store.getMany(table, page)).filter((r) => r !== undefined);
          counts[table]! += rows.length;
          return json(table === 'keys' && !o.includeKeySecret ? rows.map((k) => ({ ...k, armoredPrivate: '' })) : rows);
        },
      });
    }
  }
  // The chain as it stands now: entries added while the backup is written belong to the next one.
  const entries = await store.auditLength();
  const head = entries ? ((await store.auditRange(entries - 1, entries))[0] ?? null) : null;
  for (let n = 0; n * PAGE_RECORDS < entries; n++) {
    const path = pagePath('audit', n);
    pages.push(path);
    lazy.push({
      path,
      lazy: async () => json(await store.auditRange(n * PAGE_RECORDS, Math.min(entries, (n + 1) * PAGE_RECORDS))),
    });
  }
  // Written last, once every page has been made and counted.
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    vaultId: storage.vaultId,
    madeAt: now.toISOString(),
    madeBy: storage.actor,
    counts,
    ...(Object.keys(withheld).length ? { withheld } : {}),
    audit: { entries, head: head ? { seq: head.seq, hash: head.hash } : null },
    pages,
    keySecrets: o.includeKeySecret,
  };
  const counters = await storage.cases.counters();
  const documents = await store.all('documents');
  const payload: Array<PayloadEntry | LazyEntry> = [
    bytesEntry('data/vault/meta.json', json({ counters, actor: storage.actor })),
    ...lazy,
    ...documents.map((d): PayloadEntry => ({
      path: packagedFilePath(d),
      size: d.size,
      digests: { sha256: d.sha256, sha512: d.sha512 },
      read: () => storage.files.chunks(d),
    })),
    { path: 'data/vault/backup.json', lazy: async () => json(manifest) },
  ];
  const sink = await o.openSink();
  if (!sink) return null;
  const keyPacket = await backupKeyPacket(o.recoveryPhrase);
  const organisation = o.signingKey?.public.userIds[0] ?? 'Athar vault';
  const written = await writePackage(
    {
      bagName: o.bagName,
      payload,
      signingKeyArmored: o.signingKey?.armoredPrivate ?? null,
      now,
      target: { keyPacket },
      bagInfo: [
        ['Source-Organization', organisation],
        ['Bagging-Date', manifest.madeAt.slice(0, 10)],
        ['External-Identifier', o.bagName],
        ['Bag-Count', '1 of 1'],
        ['External-Description', `Full backup of Athar vault ${storage.vaultId.slice(0, 8)}`],
        ['Audit-Chain-Head', head ? `${head.seq} ${head.hash}` : 'none'],
        ...(o.signingKey ? [['Signing-Key-Fingerprint', o.signingKey.public.fingerprint] as [string, string]] : []),
      ],
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    },
    sink,
  ).finally(() => keyPacket.sessionKey.fill(0));
  return { written, manifest };
}
