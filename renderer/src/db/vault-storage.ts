import type { AtharDb } from './schema';
import type { UnlockedVault } from './vault';
import { RecordStore } from './record-store';
import { CaseRepository } from './case-repository';
import { SealedMeta } from './sealed-meta';
import { FileStore, type WorkerAccess } from './file-store';
import type { AnchorStore } from './audit-head';

interface Profile {
  actor: string;
}

/**
 * An unlocked vault's storage, and the only holder of its database and data
 * key: records (validated, sealed, audited) through the record store, cases
 * and their list through the case repository, sealed settings and drafts,
 * and the originals' chunks. Nothing outside db/ reads a table or uses the
 * key; the workers that index and take in files are given `workerAccess()`.
 * The storage layout and its owners: docs/architecture.md; what the
 * encryption protects against: docs/threat-model.md.
 */
export class VaultStorage {
  private constructor(
    readonly vaultId: string,
    readonly store: RecordStore,
    readonly cases: CaseRepository,
    readonly meta: SealedMeta,
    readonly files: FileStore,
  ) {}

  static async open(
    db: AtharDb,
    opened: UnlockedVault,
    anchorFor?: (vaultId: string) => AnchorStore,
  ): Promise<VaultStorage> {
    const meta = new SealedMeta(db, opened.key);
    const actor = (await meta.load<Profile>('profile'))?.actor ?? '';
    const anchor = anchorFor?.(opened.vaultId);
    const store = await RecordStore.open(db, opened.key, actor, {
      vaultId: opened.vaultId,
      ...(anchor ? { anchor } : {}),
    });
    return new VaultStorage(opened.vaultId, store, new CaseRepository(db, store), meta, new FileStore(db, opened.key));
  }

  get actor(): string {
    return this.store.actorName;
  }

  /** The name the audit chain records for this person's changes, kept sealed in the vault. */
  async setActor(name: string): Promise<string> {
    const trimmed = name.trim().slice(0, 200);
    await this.meta.save('profile', { actor: trimmed } satisfies Profile);
    this.store.setActor(trimmed);
    return trimmed;
  }

  workerAccess(): WorkerAccess {
    return this.files.workerAccess();
  }
}
