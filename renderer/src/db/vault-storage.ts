import type { AtharDb } from './schema';
import type { UnlockedMember, UnlockedVault } from './vault';
import type { ChainWorkersFactory } from './chain-workers';
import { RecordStore } from './record-store';
import { CaseRepository } from './case-repository';
import { SealedMeta } from './sealed-meta';
import { FileStore, type WorkerAccess } from './file-store';
import type { AnchorStore } from './audit-head';
import { signWith } from './member-keys';
import { VaultError } from './vault-errors';
import { Keyring, markOf } from './keyring';
import { Compartments } from './compartments';
import type { Member } from '@shared/domain/records';

/** Who the member of a joining copy is until their record arrives: their slot's label, and no role. */
function awaitingMember(m: UnlockedMember): Member {
  const now = new Date().toISOString();
  return {
    id: m.id,
    createdAt: now,
    updatedAt: now,
    author: m.label,
    name: m.label,
    roles: [],
    status: 'active',
    signingKey: m.keys.signingKey,
    agreementKey: m.keys.agreementKey,
    formerSigningKeys: [],
  };
}

export const FOUNDER_ROLES: Member['roles'] = ['administrator', 'caseworker', 'investigator', 'reviewer'];

/** The name typed before members existed (an upgraded vault's first member takes it). */
interface Profile {
  actor: string;
}

export interface OpenOptions {
  anchorFor?: (vaultId: string) => AnchorStore;
  /** The name of a new vault's first member (from the create form). */
  founderName?: string;
  chainWorkers?: ChainWorkersFactory;
}

/**
 * An unlocked vault's storage, and the only holder of its database and data
 * key: records (validated, sealed, audited, signed by the member who unlocked)
 * through the record store, cases and their list through the case
 * repository, sealed settings and drafts, and the originals' chunks. Nothing
 * outside db/ reads a table or uses a key; the workers that index and take in
 * files are given `workerAccess()`. The storage layout and its owners:
 * docs/architecture.md; what the encryption protects against:
 * docs/threat-model.md.
 */
export class VaultStorage {
  private constructor(
    readonly vaultId: string,
    readonly store: RecordStore,
    readonly cases: CaseRepository,
    readonly meta: SealedMeta,
    readonly files: FileStore,
    readonly compartments: Compartments,
    /** The member who unlocked, with their private keys: the session drops them at lock. */
    readonly unlocked: UnlockedMember,
    private self: Member,
    private awaiting = false,
  ) {}

  static async open(db: AtharDb, opened: UnlockedVault, o: OpenOptions = {}): Promise<VaultStorage> {
    const meta = new SealedMeta(db, opened.key);
    const { member } = opened;
    const typed = (o.founderName ?? (await meta.load<Profile>('profile'))?.actor ?? '').trim().slice(0, 200);
    const anchor = o.anchorFor?.(opened.vaultId);
    const keyring = new Keyring(opened.key);
    const store = await RecordStore.open(
      db,
      keyring,
      {
        id: member.id,
        name: typed || member.label,
        sign: (m) => signWith(member.keys.signing, m),
        agreement: { key: member.keys.agreement, publicKey: member.keys.agreementKey },
      },
      {
        vaultId: opened.vaultId,
        ...(opened.device ? { device: opened.device } : {}),
        ...(anchor ? { anchor } : {}),
        ...(o.chainWorkers ? { chainWorkers: o.chainWorkers } : {}),
      },
    );
    let self = await store.get('members', member.id);
    // A copy that joined a team is never founded here: its member's record comes from the team, signed there.
    // Until it has arrived the member is known by their slot alone, and the store refuses every change.
    const awaiting = !self && opened.device !== undefined;
    if (awaiting) self = awaitingMember(member);
    if (!self) {
      // A new vault, an upgraded one, or a restored one: its first member arrives, signed with their own key.
      const now = new Date().toISOString();
      self = {
        id: member.id,
        createdAt: now,
        updatedAt: now,
        author: typed || member.label,
        name: typed || member.label,
        // Whoever makes the vault (or had it alone before members) keeps doing everything until they give roles away.
        roles: FOUNDER_ROLES,
        status: 'active',
        signingKey: member.keys.signingKey,
        agreementKey: member.keys.agreementKey,
        formerSigningKeys: [],
      };
      await store.commit([{ table: 'members', put: self }]);
    } else if (self.signingKey !== member.keys.signingKey || self.agreementKey !== member.keys.agreementKey) {
      // The slot's keys are not the ones the (signed) members table holds for this member.
      throw new VaultError('slot-altered');
    } else if (self.status !== 'active') throw new VaultError('not-a-member');
    store.setActor(self.name);
    const files = new FileStore(db, opened.key, keyring, (caseId) => {
      const c = caseId ? store.compartmentOfCase(caseId) : undefined;
      return c && !c.releasing ? markOf(c.id, c.generation) : undefined;
    });
    const compartments = new Compartments(store, files, opened.vaultId, {
      id: member.id,
      agreement: member.keys.agreement,
      agreementKey: member.keys.agreementKey,
    });
    return new VaultStorage(
      opened.vaultId,
      store,
      new CaseRepository(db, store, compartments),
      meta,
      files,
      compartments,
      member,
      self,
      awaiting,
    );
  }

  /** A copy that joined a team and has not yet received its member's record: it reads, and changes nothing. */
  get awaitingTeam(): boolean {
    return this.awaiting;
  }

  /** Reads the member's record again once it may have arrived from the team; true when it has. */
  async memberArrived(): Promise<boolean> {
    if (!this.awaiting) return true;
    const self = await this.store.get('members', this.unlocked.id);
    if (!self) return false;
    if (self.signingKey !== this.unlocked.keys.signingKey || self.agreementKey !== this.unlocked.keys.agreementKey)
      throw new VaultError('slot-altered');
    this.self = self;
    this.awaiting = false;
    this.store.setActor(self.name);
    await this.store.loadCompartments();
    return true;
  }

  get actor(): string {
    return this.store.actorName;
  }

  /** The unlocked member's record as this session last read or wrote it. */
  get member(): Member {
    return this.self;
  }

  /** The member's own name, as the audit chain and every record record it: a signed change to their record. */
  async setActor(name: string): Promise<string> {
    const trimmed = name.trim().slice(0, 200);
    if (!trimmed || trimmed === this.self.name) return this.self.name;
    const next = { ...this.self, name: trimmed, updatedAt: new Date().toISOString() };
    await this.store.commit([{ table: 'members', put: next }]);
    this.self = next;
    this.store.setActor(trimmed);
    return trimmed;
  }

  workerAccess(): WorkerAccess {
    return this.files.workerAccess();
  }
}
