import { throwIfCancelled } from '@shared/cancelled';
import type { Case, Person } from '@shared/domain/records';
import { packagedFilePath } from '@shared/package/content';
import {
  checkFileAgainstRecord,
  planMerge,
  recordsFromPackage,
  RecordsProblem,
  resolvedRecord,
  type MergeSource,
  type MergeTable,
  checkTiesAgainstVault,
  tiesOfKeptIncidents,
  type MergeItem,
  type Resolution,
} from '@shared/package/merge-plan';
import type { Change } from '../../db/record-store';
import type { ChunkWriter } from '../../db/file-chunks';
import type { VaultSession } from '../../session/vault-session';
import {
  PackageRefused,
  readPackage,
  type OpenedPackage,
  type ReadOptions,
  type TrustedKey,
} from '../../package/package-reader';

/**
 * Importing a colleague's package (or one's own, returned): the first pass
 * decrypts and verifies it completely and plans the merge without writing
 * anything; after a person has resolved the conflicts, the second pass
 * reads it again, stores the new originals, checks it is the very package
 * that was reviewed, and writes every record in one transaction. Any
 * failure removes the originals stored so far: nothing is left behind.
 */
export interface MergeReview {
  opened: OpenedPackage;
  items: MergeItem[];
  source: MergeSource;
  /** Originals to store: package path → document id. */
  files: Map<string, string>;
  fileBytes: number;
}

export interface MergeReport {
  added: number;
  identical: number;
  /** Records whose version the team's history already holds (a team office's package). */
  synced: number;
  updated: number;
  kept: number;
  files: number;
  cases: number;
  byTable: Record<MergeTable, number>;
}

export const itemKey = (i: Pick<MergeItem, 'table' | 'id'>): string => `${i.table}/${i.id}`;

/** What the vault can decrypt with and whose signatures it accepts: its own key, and the keys of the recipients it knows. */
export async function vaultKeys(
  session: VaultSession,
): Promise<{ decryptionKeys: string[]; trustedKeys: TrustedKey[] }> {
  const [keys, recipients] = await Promise.all([session.keys.all(), session.recipients.all()]);
  return {
    decryptionKeys: keys.filter((k) => k.armoredPrivate).map((k) => k.armoredPrivate),
    trustedKeys: [
      ...keys.map((k) => ({ armored: k.public.armored, label: '' })),
      ...recipients.flatMap((r) => r.keys.map((k) => ({ armored: k.armored, label: r.name }))),
    ],
  };
}

const TABLES: MergeTable[] = ['cases', 'persons', 'places', 'events', 'links', 'testimonies', 'documents', 'contacts'];

interface PassOptions {
  passphrase?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Both passes read the package the same way: the vault's keys, a signature required, progress over the file's size. */
async function readOptions(session: VaultSession, file: Blob, o: PassOptions): Promise<ReadOptions> {
  return {
    ...(await vaultKeys(session)),
    requireSignature: true,
    ...(o.passphrase ? { passphrase: o.passphrase } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (n) => o.onProgress?.(n, file.size),
  };
}

export async function reviewMerge(session: VaultSession, file: Blob, o: PassOptions = {}): Promise<MergeReview> {
  const opened = await readPackage(file.stream(), await readOptions(session, file, o));
  const recordsJson = opened.texts.get('data/records.json');
  if (recordsJson === undefined) {
    if ([...opened.texts.keys()].some((p) => p.startsWith('data/vault/')))
      throw new RecordsProblem('data/vault', 'is-backup');
    throw new RecordsProblem('data/records.json', 'missing');
  }
  let log: { organisation?: string } = {};
  try {
    log = JSON.parse(opened.texts.get('data/export-log.json') ?? '{}') as typeof log;
  } catch {
    throw new RecordsProblem('data/export-log.json', 'not JSON');
  }
  const source: MergeSource = {
    label: opened.signer?.label || opened.bagInfo.get('Source-Organization') || log.organisation || '',
    packageId: opened.bagInfo.get('External-Identifier') ?? opened.bagName,
    at: new Date().toISOString(),
    by: session.actor,
  };
  const incoming = recordsFromPackage(recordsJson, opened.texts.get('data/custody.json'), source);
  const existing = new Map<string, { id: string } & Record<string, unknown>>();
  for (const table of TABLES) {
    const ids = incoming.filter((x) => x.table === table).map((x) => x.record.id);
    if (!ids.length) continue;
    const rows = await session.store.getMany(table, ids);
    rows.forEach((r, i) => {
      if (r) existing.set(`${table}/${ids[i]}`, r as { id: string } & Record<string, unknown>);
    });
  }
  // A package signed with the organisation's own key comes from one of its offices: what of it the team's chains
  // already wrote is recognised as synced, not offered as a conflict.
  const known =
    opened.signer && !opened.signer.label ? await session.store.knownVersions(new Set(existing.keys())) : new Map();
  checkTiesAgainstVault(incoming, existing);
  const items = planMerge(incoming, existing, known);
  const files = new Map<string, string>();
  let fileBytes = 0;
  for (const item of items) {
    if (item.table !== 'documents' || item.disposition !== 'new') continue;
    const doc = item.incoming.record as {
      id: string;
      originalName: string;
      sha256: string;
      sha512: string;
      size: number;
    };
    const path = packagedFilePath(doc);
    // The record must describe the file as the package holds it: a package whose records and files disagree is refused.
    checkFileAgainstRecord(path, doc, opened.entries.get(path));
    files.set(path, doc.id);
    fileBytes += doc.size;
  }
  return { opened, items, source, files, fileBytes };
}

export async function applyMerge(
  session: VaultSession,
  file: Blob,
  review: MergeReview,
  resolutions: ReadonlyMap<string, Resolution>,
  o: PassOptions = {},
): Promise<MergeReport> {
  const unresolved = review.items.filter((i) => i.disposition === 'conflict' && !resolutions.has(itemKey(i)));
  if (unresolved.length) throw new Error('unresolved conflicts');
  const writers: ChunkWriter[] = [];
  const stored = new Map<string, { chunkCount: number; size: number; sha256: string; sha512: string }>();
  try {
    const again = await readPackage(file.stream(), {
      ...(await readOptions(session, file, o)),
      onFile: async (path) => {
        const id = review.files.get(path);
        if (!id) return null;
        const w = await session.files.writer(id);
        writers.push(w);
        return {
          write: (b) => w.write(b),
          close: async () => {
            const r = await w.close();
            stored.set(id, r);
          },
        };
      },
    });
    // The very package that was reviewed, not one swapped in between.
    if (again.texts.get('tagmanifest-sha512.txt') !== review.opened.texts.get('tagmanifest-sha512.txt'))
      throw new PackageRefused({ reason: 'not-a-bag', file: 'tagmanifest-sha512.txt' });

    const changes: Change[] = [];
    const written = new Map<string, { id: string } & Record<string, unknown>>();
    const report: MergeReport = {
      added: 0,
      identical: 0,
      synced: 0,
      updated: 0,
      kept: 0,
      files: 0,
      cases: 0,
      byTable: { cases: 0, persons: 0, places: 0, events: 0, links: 0, testimonies: 0, documents: 0, contacts: 0 },
    };
    const tiesLeft = tiesOfKeptIncidents(review.items, (i) => resolutions.get(itemKey(i)));
    for (const item of review.items) {
      if (item.table === 'links' && tiesLeft.has(item.id)) continue;
      const resolution = resolutions.get(itemKey(item));
      let record = resolvedRecord(item, resolution);
      if (item.disposition === 'identical') report.identical++;
      else if (item.disposition === 'synced') report.synced++;
      else if (item.disposition === 'conflict' && resolution !== 'theirs') report.kept++;
      if (!record) continue;
      if (item.table === 'documents' && item.disposition === 'new') {
        const s = stored.get(item.id);
        // Checked again against the bytes as stored: the size kept is the one counted, never the one claimed.
        checkFileAgainstRecord(packagedFilePath(record as { id: string; originalName: string }), record as never, s);
        record = { ...record, size: s!.size, chunkCount: s!.chunkCount };
        report.files++;
      }
      if (item.disposition === 'new') report.added++;
      else report.updated++;
      report.byTable[item.table]++;
      written.set(itemKey(item), record);
      changes.push({ table: item.table, put: record, ...(item.disposition === 'new' ? { fresh: true as const } : {}) });
    }
    // The case list's summaries, for every case whose record or subject changed.
    const existing = new Map(review.items.map((i) => [itemKey(i), i.existing]));
    const byKey = (table: MergeTable, id: string): Record<string, unknown> | undefined =>
      written.get(`${table}/${id}`) ?? existing.get(`${table}/${id}`) ?? undefined;
    const caseItems = review.items.filter((i) => i.table === 'cases');
    const cases = caseItems.flatMap((i) => {
      const record = byKey('cases', i.id) as Case | undefined;
      const subject = record ? (byKey('persons', record.subjectId) as Person | undefined) : undefined;
      return record && subject && (written.has(itemKey(i)) || written.has(`persons/${record.subjectId}`))
        ? [{ record, subject }]
        : [];
    });
    throwIfCancelled(o.signal);
    if (changes.length) await session.cases.commitArrived(changes, cases, o.signal ? { signal: o.signal } : {});
    session.invalidateAll();
    report.cases = caseItems.length;
    for (const c of caseItems) {
      await session.store.logEvent({
        action: 'import',
        table: 'cases',
        recordId: c.id,
        caseId: c.id,
        fields: [`from:${review.source.label}`, `package:${review.source.packageId}`, `result:${c.disposition}`],
      });
    }
    return report;
  } catch (e) {
    for (const w of writers) await w.abort();
    throw e;
  }
}
