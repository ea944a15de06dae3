import { z } from 'zod';
import { verifyAuditChain } from '../crypto/audit-chain';
import { auditEntrySchema, RECORD_SCHEMAS, type AuditEntry, type RecordTable } from '../domain/records';
import { packagedFilePath } from './content';
import { RecordsProblem } from './merge-plan';

/**
 * A full backup of a vault, in the evidence package's format (a signed,
 * encrypted BagIt bag) so that the same reader checks both. Its payload:
 *
 *   data/vault/backup.json        what the backup holds: counts, the audit head, its pages
 *   data/vault/<table>/<n>.json   the records of each table, decrypted, in pages
 *   data/vault/audit/<n>.json     the whole audit chain, entry by entry, as it was
 *   data/vault/meta.json          reference counters and the user's name
 *   data/files/<id>/<name>        every original, byte for byte
 *
 * Restoring checks all of it before a record is written: every record
 * against its schema, every original against its record's hash, the audit
 * chain link by link and its head against the one in bag-info.txt.
 */
export const BACKUP_FORMAT = 'athar-backup';
export const PAGE_RECORDS = 5000;

export const BACKUP_TABLES = [
  'members',
  'places',
  'units',
  'persons',
  'cases',
  'contacts',
  'testimonies',
  'documents',
  'events',
  'links',
  'tracing',
  'sanctionsLists',
  'designations',
  'designationMatches',
  'recipients',
  'keys',
  // Who may read each restricted case: its keys are wrapped to members' keys and mean nothing in a restored
  // vault, but the audit chain names these records. The restored vault gives each case a new key at first unlock.
  'compartments',
] as const satisfies readonly RecordTable[];

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  vaultId: z.string().max(200),
  madeAt: z.string(),
  madeBy: z.string().max(500),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Records of restricted cases the member who made the backup does not hold, by table: not in the backup. */
  withheld: z.record(z.string(), z.number().int().nonnegative()).optional(),
  audit: z.object({
    entries: z.number().int().nonnegative(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  }),
  pages: z.array(z.string().max(300)),
  /** Whether the organisation's key travels with its secret; when not, the key records carry only the public half. */
  keySecrets: z.boolean().default(true),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const backupMetaSchema = z.object({
  counters: z.record(z.string(), z.number().int().nonnegative()),
  actor: z.string().max(500),
});

export const pagePath = (table: RecordTable | 'audit', n: number): string =>
  `data/vault/${table}/${String(n).padStart(6, '0')}.json`;

export interface ParsedBackup {
  manifest: BackupManifest;
  records: Map<RecordTable, Array<{ id: string } & Record<string, unknown>>>;
  audit: AuditEntry[];
  meta: z.infer<typeof backupMetaSchema>;
  /** Originals: package path → document id. */
  files: Map<string, string>;
}

const parseJson = (texts: ReadonlyMap<string, string>, path: string): unknown => {
  const text = texts.get(path);
  if (text === undefined) throw new RecordsProblem(path, 'missing');
  try {
    return JSON.parse(text);
  } catch {
    throw new RecordsProblem(path, 'not JSON');
  }
};

/** Reads and checks a backup's records; the first problem refuses it, naming the file. */
export function parseBackup(
  texts: ReadonlyMap<string, string>,
  entries: ReadonlyMap<string, { sha256: string }>,
  bagInfo: ReadonlyMap<string, string>,
): ParsedBackup {
  const m = backupManifestSchema.safeParse(parseJson(texts, 'data/vault/backup.json'));
  if (!m.success) throw new RecordsProblem('data/vault/backup.json', 'not an Athar backup');
  const manifest = m.data;
  const records = new Map<RecordTable, Array<{ id: string } & Record<string, unknown>>>(
    BACKUP_TABLES.map((t) => [t, []]),
  );
  const audit: AuditEntry[] = [];
  for (const path of manifest.pages) {
    const table = /^data\/vault\/([a-z]+)\/\d{6}\.json$/.exec(path)?.[1];
    const rows = parseJson(texts, path);
    if (!table || !Array.isArray(rows)) throw new RecordsProblem(path, 'not a page of records');
    for (const row of rows) {
      if (table === 'audit') {
        const e = auditEntrySchema.safeParse(row);
        if (!e.success) throw new RecordsProblem(path, 'audit entry malformed');
        audit.push(e.data);
        continue;
      }
      if (!(BACKUP_TABLES as readonly string[]).includes(table))
        throw new RecordsProblem(path, `unknown table ${table}`);
      const r = RECORD_SCHEMAS[table as RecordTable].safeParse(row);
      if (!r.success)
        throw new RecordsProblem(
          path,
          `${table} ${String((row as { id?: unknown } | null)?.id ?? '?')}: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`.trim(),
        );
      records.get(table as RecordTable)!.push(r.data as { id: string } & Record<string, unknown>);
    }
  }
  for (const t of BACKUP_TABLES) {
    if ((records.get(t)?.length ?? 0) !== (manifest.counts[t] ?? 0))
      throw new RecordsProblem(
        'data/vault/backup.json',
        `${t}: ${records.get(t)?.length ?? 0} records, ${manifest.counts[t] ?? 0} announced`,
      );
  }
  audit.sort((a, b) => a.seq - b.seq);
  const verdict = verifyAuditChain(audit);
  if (!verdict.ok) throw new RecordsProblem(pagePath('audit', 0), `audit chain broken at entry ${verdict.brokenAt}`);
  const head = audit.at(-1);
  const claimed = bagInfo.get('Audit-Chain-Head') ?? 'none';
  if (audit.length !== manifest.audit.entries || (head ? `${head.seq} ${head.hash}` : 'none') !== claimed)
    throw new RecordsProblem('bag-info.txt', 'the audit chain head does not match');
  const files = new Map<string, string>();
  for (const d of records.get('documents')! as Array<{ id: string; originalName: string; sha256: string }>) {
    const path = packagedFilePath(d);
    if (entries.get(path)?.sha256 !== d.sha256) throw new RecordsProblem(path, 'does not match its record');
    files.set(path, d.id);
  }
  const meta = backupMetaSchema.safeParse(parseJson(texts, 'data/vault/meta.json'));
  if (!meta.success) throw new RecordsProblem('data/vault/meta.json', 'malformed');
  return { manifest, records, audit, meta: meta.data, files };
}

export type BackupSchedule = 'off' | 'daily' | 'weekly';

/** Whether a scheduled backup is due: never made, or the interval has passed since the last one. */
export function backupDue(schedule: BackupSchedule, lastAt: string | null, now: Date): boolean {
  if (schedule === 'off') return false;
  if (!lastAt) return true;
  const interval = (schedule === 'daily' ? 1 : 7) * 24 * 3600 * 1000;
  return now.getTime() - new Date(lastAt).getTime() >= interval;
}
