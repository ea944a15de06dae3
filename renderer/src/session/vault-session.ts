import type { VaultStorage } from '../db/vault-storage';
import type { Change, RecordStore } from '../db/record-store';
import type { CaseRepository } from '../db/case-repository';
import type { SealedMeta } from '../db/sealed-meta';
import { Collection } from '../db/collection';
import { EvidenceFiles } from '../evidence-files/evidence-files';
import { SearchService } from '../search/search-service';
import { SyncService } from '../sync/sync-service';
import { platform } from '../platform/platform';
import type { Member } from '@shared/domain/records';

/**
 * Everything that exists only while the vault is unlocked. Locking closes
 * the session; with it go the data key, the workers that hold it, every
 * decrypted cache and any whole-vault work still running.
 */
export interface VaultSession {
  vaultId: string;
  /** The vault's storage, for whole-vault work (backups) that reads every table. */
  storage: VaultStorage;
  store: RecordStore;
  /** One user action's records, all written or none (a testimony with its new witness and its mention links). */
  commit(changes: Change[]): Promise<void>;
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
  /** This device's side of the sync server: sends what the chain holds past what the server acknowledged. */
  sync: SyncService;
  tracing: Collection<'tracing'>;
  sanctionsLists: Collection<'sanctionsLists'>;
  designations: Collection<'designations'>;
  designationMatches: Collection<'designationMatches'>;
  recipients: Collection<'recipients'>;
  keys: Collection<'keys'>;
  /** The vault's team: names, roles, public keys. */
  members: Collection<'members'>;
  /** Cases, testimonies and exports put to a reviewer, with every step taken. */
  reviews: Collection<'reviews'>;
  /** The organisation's policies (one record). */
  policies: Collection<'policies'>;
  /** Sealed settings (the backup settings). */
  meta: SealedMeta;
  readonly actor: string;
  /** The member who unlocked, as the members table holds them. */
  readonly member: Member;
  setActor(name: string): Promise<void>;
  /** Forget every decrypted cache after records arrived in bulk (an import). */
  invalidateAll(): void;
  /** Unsaved form contents, sealed with the data key so a lock never throws work away nor leaves it readable. */
  drafts: {
    save(id: string, value: unknown): Promise<void>;
    load<T>(id: string): Promise<T | null>;
    clear(id: string): Promise<void>;
  };
  /** Work tied to this session (a backup that reads with its key) registers here to be stopped when it closes. */
  onClose(task: () => void): () => void;
  /** Ends the session: workers terminated, registered work stopped. */
  close(): void;
}

/**
 * Every compartment this member holds brought to where its record says (a member unassigned or removed since:
 * a new key, rows re-sealed). Never a reason not to work: what fails is tried at the next unlock.
 */
async function settleCompartments(session: VaultSession): Promise<void> {
  try {
    await session.storage.compartments.settle();
  } catch {
    /* tried again at the next unlock */
  } finally {
    session.invalidateAll();
  }
}

/**
 * Restricted cases saved before compartments (an upgraded vault) or restored from a backup get theirs, once,
 * in the background: the case is saved again, and its records follow at the settle after.
 */
async function sealUnkept(session: VaultSession): Promise<void> {
  try {
    if (await session.meta.load<boolean>(COMPARTMENTS_SEALED)) return;
    if (await session.storage.cases.sealUnkept()) await settleCompartments(session);
    await session.meta.save(COMPARTMENTS_SEALED, true);
  } catch {
    /* tried again at the next unlock */
  }
}

const COMPARTMENTS_SEALED = 'compartments-sealed';

export async function openSession(storage: VaultStorage, isNew: boolean): Promise<VaultSession> {
  const { store, meta } = storage;
  const closing = new Set<() => void>();
  let closed = false;
  const collections = {
    contacts: new Collection(store, 'contacts'),
    events: new Collection(store, 'events'),
    places: new Collection(store, 'places'),
    documents: new Collection(store, 'documents'),
    persons: new Collection(store, 'persons'),
    testimonies: new Collection(store, 'testimonies'),
    links: new Collection(store, 'links'),
    units: new Collection(store, 'units'),
    tracing: new Collection(store, 'tracing'),
    sanctionsLists: new Collection(store, 'sanctionsLists'),
    designations: new Collection(store, 'designations'),
    designationMatches: new Collection(store, 'designationMatches'),
    recipients: new Collection(store, 'recipients'),
    keys: new Collection(store, 'keys'),
    members: new Collection(store, 'members'),
    reviews: new Collection(store, 'reviews'),
    policies: new Collection(store, 'policies'),
  };
  const session: VaultSession = {
    vaultId: storage.vaultId,
    storage,
    store,
    commit: (changes) => store.commit(changes),
    cases: storage.cases,
    ...collections,
    files: new EvidenceFiles(storage.files),
    search: new SearchService(() => storage.workerAccess(), store),
    sync: new SyncService(store, meta, platform.syncFetch, storage.cases, storage.files),
    meta,
    get actor() {
      return storage.actor;
    },
    get member() {
      return storage.member;
    },
    drafts: {
      save: (id, value) => meta.save(`draft:${id}`, value),
      load: <T>(id: string) => meta.load<T>(`draft:${id}`),
      clear: (id) => meta.remove(`draft:${id}`),
    },
    invalidateAll() {
      for (const c of Object.values(collections)) c.invalidate();
    },
    async setActor(name: string) {
      await storage.setActor(name);
    },
    onClose(task) {
      // Work that starts as the session ends (a backup that was still reading its settings) stops at once.
      if (closed) {
        task();
        return () => undefined;
      }
      closing.add(task);
      return () => {
        closing.delete(task);
      };
    },
    close() {
      closed = true;
      for (const task of closing) {
        try {
          task();
        } catch {
          /* one task's failure must not keep the rest running */
        }
      }
      closing.clear();
      // The evidence and search workers hold the key too: end them with the session.
      session.files.dispose();
      session.search.dispose();
      session.sync.stop();
    },
  };
  // The case list first (it is what the user waits for), then the restricted cases' keys brought up to date (a
  // member removed or unassigned since: new keys, rows re-sealed), then the search index in the background, so
  // that it reads rows under the keys they will keep.
  void session.cases
    .summaries()
    .then(() => settleCompartments(session))
    .finally(() => {
      session.search.start();
      void sealUnkept(session);
      void session.sync.start().catch(() => undefined);
    });
  if (isNew) await session.cases.seedGazetteer();
  else
    void store
      // Every document's id, those of restricted cases this member cannot read included: their chunks are not orphans.
      .ids('documents')
      .then((ids) => session.files.collectOrphans(new Set(ids)))
      .catch(() => undefined);
  return session;
}
