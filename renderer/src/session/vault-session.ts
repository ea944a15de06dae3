import { AtharDb } from '../db/schema';
import { Vault } from '../db/vault';
import { RecordStore } from '../db/record-store';
import { CaseRepository } from '../db/case-repository';
import { Collection } from '../db/collection';
import { openJson, sealJson } from '@shared/crypto/envelope';
import { randomBytes, type WebAeadKey } from '../db/webcrypto-key';
import { EvidenceFiles } from '../evidence-files/evidence-files';
import { SearchService } from '../search/search-service';

/**
 * Everything that exists only while the vault is unlocked. Locking drops the
 * session object; with it go the data key and every decrypted cache.
 */
export interface VaultSession {
  vaultId: string;
  /** The database and the data key, for whole-vault work (backups) that goes past the record store. */
  db: AtharDb;
  key: WebAeadKey;
  store: RecordStore;
  cases: CaseRepository;
  contacts: Collection<'contacts'>;
  events: Collection<'events'>;
  places: Collection<'places'>;
  documents: Collection<'documents'>;
  persons: Collection<'persons'>;
  testimonies: Collection<'testimonies'>;
  links: Collection<'links'>;
  units: Collection<'units'>;
  files: EvidenceFiles;
  /** The in-memory search and matching index, in a worker. */
  search: SearchService;
  tracing: Collection<'tracing'>;
  recipients: Collection<'recipients'>;
  keys: Collection<'keys'>;
  actor: string;
  setActor(name: string): Promise<void>;
  /** Forget every decrypted cache after records arrived in bulk (an import). */
  invalidateAll(): void;
  /** Unsaved form contents, sealed with the data key so a lock never throws work away nor leaves it readable. */
  drafts: {
    save(id: string, value: unknown): Promise<void>;
    load<T>(id: string): Promise<T | null>;
    clear(id: string): Promise<void>;
  };
}

const PROFILE = 'profile';

export async function openSession(
  db: AtharDb,
  vaultId: string,
  key: WebAeadKey,
  isNew: boolean,
): Promise<VaultSession> {
  const profileRow = await db.meta.get(PROFILE);
  let actor = '';
  if (profileRow) {
    try {
      actor = (await openJson<{ actor: string }>(key, 'meta', PROFILE, profileRow.value as never)).actor;
    } catch {
      actor = '';
    }
  }
  const store = await RecordStore.open(db, key, actor);
  const session: VaultSession = {
    vaultId,
    db,
    key,
    store,
    cases: new CaseRepository(db, store, () => session.actor),
    contacts: new Collection(store, 'contacts'),
    events: new Collection(store, 'events'),
    places: new Collection(store, 'places'),
    documents: new Collection(store, 'documents'),
    persons: new Collection(store, 'persons'),
    testimonies: new Collection(store, 'testimonies'),
    links: new Collection(store, 'links'),
    units: new Collection(store, 'units'),
    files: new EvidenceFiles(db, key),
    search: new SearchService(db.name, key, store),
    tracing: new Collection(store, 'tracing'),
    recipients: new Collection(store, 'recipients'),
    keys: new Collection(store, 'keys'),
    actor,
    drafts: {
      async save(id, value) {
        const rowId = `draft:${id}`;
        await db.meta.put({ id: rowId, value: await sealJson(key, randomBytes, 'meta', rowId, value) });
      },
      async load<T>(id: string): Promise<T | null> {
        const rowId = `draft:${id}`;
        const row = await db.meta.get(rowId);
        if (!row) return null;
        try {
          return await openJson<T>(key, 'meta', rowId, row.value as never);
        } catch {
          return null;
        }
      },
      async clear(id) {
        await db.meta.delete(`draft:${id}`);
      },
    },
    invalidateAll() {
      for (const c of [
        session.contacts,
        session.events,
        session.places,
        session.documents,
        session.persons,
        session.testimonies,
        session.links,
        session.units,
        session.tracing,
        session.recipients,
        session.keys,
      ])
        c.invalidate();
    },
    async setActor(name: string) {
      const trimmed = name.trim().slice(0, 200);
      await db.meta.put({ id: PROFILE, value: await sealJson(key, randomBytes, 'meta', PROFILE, { actor: trimmed }) });
      session.actor = trimmed;
      store.setActor(trimmed);
    },
  };
  session.cases.onChange(() => session.persons.invalidate());
  // The case list first (it is what the user waits for), then the search index in the background.
  void session.cases.summaries().finally(() => session.search.start());
  if (isNew) await session.cases.seedGazetteer();
  else
    void session.documents
      .all()
      .then((docs) => session.files.collectOrphans(new Set(docs.map((d) => d.id))))
      .catch(() => undefined);
  return session;
}

let sharedDb: AtharDb | null = null;
export function vaultDb(): AtharDb {
  sharedDb ??= new AtharDb();
  return sharedDb;
}

/** A fresh connection after a failed open (Dexie keeps a failed instance failed); the stored data is untouched. */
export function reopenVaultDb(): AtharDb {
  sharedDb?.close();
  sharedDb = new AtharDb();
  return sharedDb;
}

export function createVault(db: AtharDb): Vault {
  return new Vault({ db });
}
