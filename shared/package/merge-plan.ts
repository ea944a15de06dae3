import { z } from 'zod';
import { changedFields, EMPTY_DOC, RECORD_SCHEMAS, type RecordTable } from '../domain/records';
import { recordDigest } from '../crypto/audit-chain';

/**
 * What importing a package would do, decided before anything is written:
 * the records of records.json turned back into vault records, each one
 * recognised as new, identical to what the vault holds, or in conflict with
 * it (then a person chooses, side by side). Pure, so the rules are tested
 * without a vault.
 *
 * What a package leaves out is never taken as a change: a case exported
 * without its internal notes keeps the vault's notes, and a witness who
 * travels by pseudonym never overwrites a vault record that knows their
 * identity.
 */
export type MergeTable = Extract<
  RecordTable,
  'cases' | 'persons' | 'events' | 'testimonies' | 'documents' | 'contacts' | 'places' | 'links'
>;

export interface IncomingRecord {
  table: MergeTable;
  record: { id: string } & Record<string, unknown>;
  caseReference: string;
  /** Fields the package did not carry: never compared, never written over. */
  absent: string[];
  /** A witness known to the package only by pseudonym. */
  pseudonymOnly?: true;
}

export class RecordsProblem extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'RecordsProblem';
  }
}

const looseRecord = z.object({ id: z.string() }).passthrough();
const packagedCase = z.object({
  case: looseRecord,
  subject: looseRecord,
  events: z.array(looseRecord),
  // Packages made before incidents travelled have none.
  ties: z.array(looseRecord).default([]),
  testimonies: z.array(looseRecord),
  documents: z.array(looseRecord),
  contacts: z.array(looseRecord),
  places: z.array(looseRecord),
});
const custodyFile = z.array(z.object({ document: z.string(), custody: z.array(z.unknown()) }));

export interface MergeSource {
  label: string;
  packageId: string;
  at: string;
  by: string;
}

function checked(
  table: MergeTable,
  value: Record<string, unknown>,
  file: string,
): { id: string } & Record<string, unknown> {
  const r = RECORD_SCHEMAS[table].safeParse(value);
  if (!r.success)
    throw new RecordsProblem(
      file,
      `${table} ${String(value['id'] ?? '?')}: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`.trim(),
    );
  return r.data as { id: string } & Record<string, unknown>;
}

/** The records of an evidence package, as vault records; anything malformed refuses the whole package, naming the record. */
export function recordsFromPackage(
  recordsJson: string,
  custodyJson: string | undefined,
  source: MergeSource,
): IncomingRecord[] {
  let parsed: z.infer<typeof packagedCase>[];
  try {
    parsed = z.array(packagedCase).parse(JSON.parse(recordsJson));
  } catch (e) {
    throw new RecordsProblem(
      'data/records.json',
      e instanceof SyntaxError ? 'not JSON' : 'not the records of an Athar package',
    );
  }
  let chains = new Map<string, unknown[]>();
  if (custodyJson !== undefined) {
    try {
      chains = new Map(custodyFile.parse(JSON.parse(custodyJson)).map((c) => [c.document, c.custody]));
    } catch {
      throw new RecordsProblem('data/custody.json', 'malformed');
    }
  }
  const imported = {
    at: source.at,
    by: source.by,
    action: 'imported',
    detail: `${source.label} · ${source.packageId}`,
    hashOk: true,
  };
  const out: IncomingRecord[] = [];
  const seen = new Map<string, string>();
  const push = (x: IncomingRecord): void => {
    const key = `${x.table}/${x.record.id}`;
    const text = JSON.stringify(x.record);
    const before = seen.get(key);
    // The same record in two cases' entries (an incident, a place) must be the same record: which copy would be
    // kept would otherwise decide what the import writes, unseen.
    if (before !== undefined && before !== text && x.table !== 'persons')
      throw new RecordsProblem('data/records.json', `${x.table} ${x.record.id}: two different versions`);
    if (before !== undefined) return;
    seen.set(key, text);
    out.push(x);
  };
  for (const c of parsed) {
    const file = 'data/records.json';
    const ref = String(c.case['reference'] ?? '');
    const notesLeftOut = c.case['summary'] === null || c.case['summary'] === undefined;
    push({
      table: 'cases',
      record: checked('cases', { ...c.case, summary: notesLeftOut ? EMPTY_DOC : c.case['summary'] }, file),
      caseReference: ref,
      absent: notesLeftOut ? ['summary'] : [],
    });
    push({ table: 'persons', record: checked('persons', c.subject, file), caseReference: ref, absent: [] });
    for (const p of c.places)
      push({ table: 'places', record: checked('places', p, file), caseReference: ref, absent: [] });
    const incidents = new Set<string>();
    for (const e of c.events) {
      const record = checked('events', e, file);
      // An event is its entry's case's own, or an incident of many cases: never another case's.
      if (record['caseId'] !== null && record['caseId'] !== c.case.id)
        throw new RecordsProblem(file, `events ${record.id}: of another case`);
      if (record['caseId'] === null) incidents.add(record.id);
      push({ table: 'events', record, caseReference: ref, absent: [] });
    }
    // A tie may only put this case in one of the incidents this case's entry carries: a link from a package must
    // not reach a case or record of the vault it is opened in.
    for (const tie of c.ties) {
      const link = checked('links', tie, file);
      if (
        link['type'] !== 'concerns' ||
        link['fromTable'] !== 'events' ||
        link['toTable'] !== 'cases' ||
        link['toId'] !== c.case.id ||
        !incidents.has(String(link['fromId']))
      )
        throw new RecordsProblem(file, `links ${link.id}: not a tie of this case to one of its incidents`);
      push({ table: 'links', record: link, caseReference: ref, absent: [] });
    }
    for (const t of c.testimonies) {
      const { witness, ...rest } = t as { witness?: Record<string, unknown> } & Record<string, unknown>;
      const w = witness ?? {};
      const witnessId = typeof rest['witnessId'] === 'string' ? rest['witnessId'] : String(w['id'] ?? '');
      if (w['createdAt']) {
        push({ table: 'persons', record: checked('persons', w, file), caseReference: ref, absent: [] });
      } else if (w['id']) {
        const pseudonym = String(w['pseudonym'] ?? 'witness');
        push({
          table: 'persons',
          caseReference: ref,
          absent: [
            'nameAr',
            'nameLatin',
            'aliases',
            'fatherName',
            'motherName',
            'ids',
            'birthDate',
            'birthPlaceId',
            'description',
          ],
          pseudonymOnly: true,
          record: checked(
            'persons',
            {
              id: w['id'],
              role: 'witness',
              pseudonym,
              nameLatin: pseudonym,
              protectionLevel: w['protectionLevel'] ?? 'standard',
              createdAt: rest['createdAt'],
              updatedAt: rest['updatedAt'],
              author: rest['author'] ?? '',
            },
            file,
          ),
        });
      }
      push({
        table: 'testimonies',
        record: checked('testimonies', { ...rest, witnessId }, file),
        caseReference: ref,
        absent: [],
      });
    }
    for (const d of c.documents) {
      const { file: _path, ...doc } = d as { file?: unknown } & Record<string, unknown>;
      const chain = chains.get(String(doc['id'])) ?? (doc['custody'] as unknown[] | undefined) ?? [];
      push({
        table: 'documents',
        record: checked('documents', { ...doc, custody: [...chain, imported] }, file),
        caseReference: ref,
        absent: [],
      });
    }
    for (const x of c.contacts)
      push({ table: 'contacts', record: checked('contacts', x, file), caseReference: ref, absent: [] });
  }
  return out;
}

/**
 * `synced`: the package's version of the record is one the team's history already holds (a team member's office
 * exported it, and sync brought it here, with whatever came after it): nothing to write and nothing to choose.
 */
export type Disposition = 'new' | 'identical' | 'conflict' | 'synced';

export interface MergeItem {
  table: MergeTable;
  id: string;
  caseReference: string;
  disposition: Disposition;
  incoming: IncomingRecord;
  existing: ({ id: string } & Record<string, unknown>) | null;
  /** Fields that differ (conflicts only). */
  fields: string[];
}

/** Never compared, besides updatedAt: a file's chain of custody (a log that only grows; the package's chain is added on import). */
const IGNORED: Partial<Record<MergeTable, string[]>> = { documents: ['custody'] };

function withHeld(x: IncomingRecord, mine: Record<string, unknown>): Record<string, unknown> {
  if (!x.absent.length) return x.record;
  const out: Record<string, unknown> = { ...x.record };
  for (const k of x.absent) {
    if (k in mine) out[k] = mine[k];
    else delete out[k];
  }
  return out;
}

export function planMerge(
  incoming: IncomingRecord[],
  existing: ReadonlyMap<string, { id: string } & Record<string, unknown>>,
  /** By `table/id`: the digests of every version of the record the team's chains wrote (audit entries' `digest`). */
  known: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): MergeItem[] {
  return incoming.map((x) => {
    const mine = existing.get(`${x.table}/${x.record.id}`) ?? null;
    // The very version a chain wrote: the package's record, with what it left out (a case's internal notes) as the
    // vault holds it now. A match proves every field the package carried is that version's.
    if (mine && !x.pseudonymOnly && known.get(`${x.table}/${x.record.id}`)?.has(recordDigest(withHeld(x, mine))))
      return {
        table: x.table,
        id: x.record.id,
        caseReference: x.caseReference,
        disposition: 'synced',
        incoming: x,
        existing: mine,
        fields: [],
      };
    if (!mine)
      return {
        table: x.table,
        id: x.record.id,
        caseReference: x.caseReference,
        disposition: 'new',
        incoming: x,
        existing: null,
        fields: [],
      };
    if (x.pseudonymOnly)
      return {
        table: x.table,
        id: x.record.id,
        caseReference: x.caseReference,
        disposition: 'identical',
        incoming: x,
        existing: mine,
        fields: [],
      };
    // When each office made its copy is not a difference in what the record says (built-in places seeded by
    // older versions carry the moment each vault was made).
    const skip = new Set([...(IGNORED[x.table] ?? []), ...x.absent, 'updatedAt', 'createdAt']);
    const strip = (r: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !skip.has(k)));
    const fields = changedFields(strip(mine), strip(x.record));
    return {
      table: x.table,
      id: x.record.id,
      caseReference: x.caseReference,
      disposition: fields.length ? 'conflict' : 'identical',
      incoming: x,
      existing: mine,
      fields,
    };
  });
}

export type Resolution = 'mine' | 'theirs';

/** The record to write for an item, or null to leave the vault as it is. Fields the package left out keep the vault's values. */
export function resolvedRecord(
  item: MergeItem,
  resolution: Resolution | undefined,
): ({ id: string } & Record<string, unknown>) | null {
  if (item.disposition === 'new') return item.incoming.record;
  if (item.disposition === 'identical' || item.disposition === 'synced' || resolution !== 'theirs' || !item.existing)
    return null;
  const kept = Object.fromEntries(item.incoming.absent.map((k) => [k, item.existing![k]]));
  // A file's bytes never change under its id: the vault's hashes and chunks stay, the package's chain is appended.
  if (item.table === 'documents') {
    const mine = item.existing as {
      custody?: unknown[];
      sha256?: unknown;
      sha512?: unknown;
      size?: unknown;
      chunkCount?: unknown;
    };
    return {
      ...item.incoming.record,
      ...kept,
      sha256: mine.sha256,
      sha512: mine.sha512,
      size: mine.size,
      chunkCount: mine.chunkCount,
      custody: [...(mine.custody ?? []), ...(item.incoming.record['custody'] as unknown[]).slice(-1)],
    };
  }
  return { ...item.incoming.record, ...kept };
}

/** What was measured of a file's bytes: as read from the package, or as stored in the vault. */
export interface MeasuredFile {
  size: number;
  sha256: string;
  sha512: string;
}

/**
 * An original must be exactly what its record says: the same size and both intake hashes. A record that
 * claims another size (which would break every later export and backup, and dodge the preview limit) or
 * another hash is refused, naming the file.
 */
export function checkFileAgainstRecord(
  path: string,
  record: { size: unknown; sha256: unknown; sha512: unknown },
  measured: MeasuredFile | undefined,
): void {
  if (
    !measured ||
    measured.size !== record.size ||
    measured.sha256 !== record.sha256 ||
    measured.sha512 !== record.sha512
  )
    throw new RecordsProblem(path, 'does not match its record');
}

/**
 * A tie's incident must be an incident in the vault too: a case's own event here with the same id is refused, so
 * a package cannot plant a tie that a later "make it an incident" would bring to life.
 */
export function checkTiesAgainstVault(
  incoming: readonly IncomingRecord[],
  existing: ReadonlyMap<string, Record<string, unknown>>,
): void {
  for (const x of incoming) {
    if (x.table !== 'links') continue;
    const here = existing.get(`events/${String(x.record['fromId'])}`);
    if (here && here['caseId'] !== null)
      throw new RecordsProblem(
        'data/records.json',
        `links ${x.record.id}: not a tie of this case to one of its incidents`,
      );
  }
}

/** The ties not to write: those to an incident whose version here the person kept over the package's. */
export function tiesOfKeptIncidents(
  items: readonly MergeItem[],
  resolutionOf: (item: MergeItem) => Resolution | undefined,
): Set<string> {
  const kept = new Set(
    items
      .filter((i) => i.table === 'events' && i.disposition === 'conflict' && resolutionOf(i) !== 'theirs')
      .map((i) => i.id),
  );
  return new Set(
    items.filter((i) => i.table === 'links' && kept.has(String(i.incoming.record['fromId']))).map((i) => i.id),
  );
}
