import Dexie, { type Table } from 'dexie';
import type { Envelope } from '@shared/crypto/envelope';

/**
 * IndexedDB layout. Every row holds a random key and an encrypted envelope;
 * nothing identifying is indexed in clear. Versions are append-only: a new
 * version is added below with its upgrade, never edited in place, and each
 * upgrade has a fixture test proving it writes no plaintext (Dexie upgrade
 * functions bypass the repositories).
 */
export interface EncryptedRow {
  id: string;
  enc: Envelope;
  /** Set on a restricted or strict case's rows: the compartment and key generation it is sealed with (keyring.ts). */
  k?: string;
}
export interface ChunkRow {
  documentId: string;
  index: number;
  enc: Envelope;
  k?: string;
}
export interface AuditRow {
  seq: number;
  enc: Envelope;
}
/** What this device holds of another device's chain (renderer/src/db/remote-chains.ts): sealed with the data key. */
export interface SyncChainRow {
  device: string;
  enc: Envelope;
}
export interface SyncEntryRow {
  device: string;
  seq: number;
  enc: Envelope;
}
/** A document from the server kept as it came (already ciphertext): waiting for its predecessor, or quarantined. */
export interface SyncHeldRow {
  id: string;
  enc: Envelope;
}
/** Other laptops' versions of a record made apart from the one held here, until a person chooses (remote-chains.ts). */
export interface SyncConflictRow {
  /** `table/id` of the record. */
  id: string;
  /** Who made each version, when, and its digest: sealed with the data key. */
  enc: Envelope;
  /** Each version's row exactly as it came (sealed with the data key, or its case's compartment key). */
  rows: Array<{ digest: string; enc: Envelope; k?: string }>;
}
export interface MetaRow {
  id: string;
  value: unknown;
}

export const DB_NAME = 'athar-vault';

export const RECORD_TABLES = [
  'cases',
  'persons',
  'contacts',
  'testimonies',
  'documents',
  'events',
  'places',
  'units',
  'links',
  'tracing',
  'recipients',
  'keys',
  'members',
  'compartments',
  'reviews',
  'policies',
  'teamKeys',
  'sanctionsLists',
  'designations',
  'designationMatches',
] as const;

/** The tables whose rows may be sealed with a compartment's key instead of the data key (indexed by `k`). */
export const COMPARTMENT_TABLES = [
  'cases',
  'persons',
  'contacts',
  'testimonies',
  'documents',
  'events',
  'links',
  'reviews',
  'caseIndex',
] as const;
export type CompartmentTable = (typeof COMPARTMENT_TABLES)[number];

export class AtharDb extends Dexie {
  meta!: Table<MetaRow, string>;
  cases!: Table<EncryptedRow, string>;
  caseIndex!: Table<EncryptedRow, string>;
  persons!: Table<EncryptedRow, string>;
  contacts!: Table<EncryptedRow, string>;
  testimonies!: Table<EncryptedRow, string>;
  documents!: Table<EncryptedRow, string>;
  fileChunks!: Table<ChunkRow, [string, number]>;
  events!: Table<EncryptedRow, string>;
  places!: Table<EncryptedRow, string>;
  units!: Table<EncryptedRow, string>;
  links!: Table<EncryptedRow, string>;
  tracing!: Table<EncryptedRow, string>;
  recipients!: Table<EncryptedRow, string>;
  keys!: Table<EncryptedRow, string>;
  members!: Table<EncryptedRow, string>;
  compartments!: Table<EncryptedRow, string>;
  reviews!: Table<EncryptedRow, string>;
  policies!: Table<EncryptedRow, string>;
  audit!: Table<AuditRow, number>;
  syncChains!: Table<SyncChainRow, string>;
  syncEntries!: Table<SyncEntryRow, [string, number]>;
  syncWaiting!: Table<SyncHeldRow, string>;
  syncQuarantine!: Table<SyncHeldRow, string>;
  syncConflicts!: Table<SyncConflictRow, string>;
  syncTombstones!: Table<SyncHeldRow, string>;
  teamKeys!: Table<EncryptedRow, string>;
  sanctionsLists!: Table<EncryptedRow, string>;
  designations!: Table<EncryptedRow, string>;
  designationMatches!: Table<EncryptedRow, string>;

  constructor(name = DB_NAME) {
    // 'strict': a transaction completes only once the operating system has flushed it to disk, so what the
    // interface said was saved survives a crash or a power cut (Chromium's default, 'relaxed', may lose it).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      meta: 'id',
      cases: 'id',
      // Encrypted one-line summaries of cases, so the list does not decrypt whole records.
      caseIndex: 'id',
      persons: 'id',
      contacts: 'id',
      testimonies: 'id',
      documents: 'id',
      fileChunks: '[documentId+index]',
      events: 'id',
      places: 'id',
      units: 'id',
      links: 'id',
      audit: 'seq',
    });
    // v2 (issue 4): families' tracing requests. A new table only: no upgrade function, so no existing row is read or rewritten.
    this.version(2).stores({ tracing: 'id' });
    // v3 (issue 5): package recipients and the organisation's signing key. New tables only.
    this.version(3).stores({ recipients: 'id', keys: 'id' });
    // v4 (issue 14): the members of a team vault. A new table only; the header's format 2 (a key slot per member)
    // is written at the first unlock, which has the passphrase that upgrade needs (renderer/src/db/vault.ts).
    this.version(4).stores({ members: 'id' });
    // v5 (issue 14): compartments for restricted and strict cases, reviews and policies. New tables, and an index on the `k` a
    // compartment's rows carry (rows without it are not in the index), so a rotation finds a case's rows without
    // decrypting the vault. No upgrade function: no row is read or rewritten.
    this.version(5).stores({
      compartments: 'id',
      // The organisation's policies; reviews (of cases, testimonies and exports) are in COMPARTMENT_TABLES.
      policies: 'id',
      ...Object.fromEntries(COMPARTMENT_TABLES.map((t) => [t, 'id,k'])),
      fileChunks: '[documentId+index],k',
    });
    // v6 (issue 15): what arrives from other devices through the sync server: each device's chain as far as this
    // device has applied it, and the documents that wait for an earlier one or were quarantined. New tables only.
    this.version(6).stores({
      syncChains: 'device',
      syncEntries: '[device+seq]',
      syncWaiting: 'id',
      syncQuarantine: 'id',
    });
    // v7 (issue 15): records changed on two laptops apart, each version kept until a person chooses. A new table only.
    this.version(7).stores({ syncConflicts: 'id' });
    // v8 (issue 15): the team's keys for what laptops send, made when a member is removed. A new table only.
    this.version(8).stores({ teamKeys: 'id' });
    // v9 (issue 15): what was deleted here, and from which version, so a change made apart from a deletion is kept
    // for a person to choose rather than undoing it or being lost. A new table only.
    this.version(9).stores({ syncTombstones: 'id' });
    // v10 (issue 17): imported sanctions lists, their designations, and people's decisions on matching them. New
    // tables only.
    this.version(10).stores({ sanctionsLists: 'id', designations: 'id', designationMatches: 'id' });
  }
}
