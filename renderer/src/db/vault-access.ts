import { AtharDb } from './schema';
import { Vault } from './vault';
import { VaultStorage } from './vault-storage';
import { restoreIntoNewVault, type RestoreTarget } from './vault-restore';
import type { AnchorStore } from './audit-head';

/** Where each vault's audit anchor is kept, outside its database; the session layer supplies the host's. */
export type AnchorFor = (vaultId: string) => AnchorStore;

let sharedDb: AtharDb | null = null;

/**
 * The way into the app's one vault: whether it exists, create, unlock,
 * change the passphrase, restore into a new one. What it hands out is a
 * VaultStorage; the database connection and the key stay inside db/.
 */
export class VaultAccess {
  private readonly vault: Vault;

  private constructor(
    private readonly db: AtharDb,
    private readonly anchorFor?: AnchorFor,
  ) {
    this.vault = new Vault({ db });
  }

  /** The app's vault, on one shared connection. */
  static shared(anchorFor?: AnchorFor): VaultAccess {
    sharedDb ??= new AtharDb();
    return new VaultAccess(sharedDb, anchorFor);
  }

  /** A fresh connection after a failed open (Dexie keeps a failed instance failed); the stored data is untouched. */
  static reopened(anchorFor?: AnchorFor): VaultAccess {
    sharedDb?.close();
    sharedDb = new AtharDb();
    return new VaultAccess(sharedDb, anchorFor);
  }

  exists(): Promise<boolean> {
    return this.vault.exists();
  }

  async create(passphrase: string, confirmation: string): Promise<VaultStorage> {
    return VaultStorage.open(this.db, await this.vault.create(passphrase, confirmation), this.anchorFor);
  }

  async unlock(passphrase: string): Promise<VaultStorage> {
    return VaultStorage.open(this.db, await this.vault.unlock(passphrase), this.anchorFor);
  }

  changePassphrase(current: string, next: string, confirmation: string): Promise<void> {
    return this.vault.changePassphrase(current, next, confirmation);
  }

  /** A new vault filled by `fill`; on any failure nothing is left behind. */
  async restore(
    newPassphrase: string,
    confirmation: string,
    fill: (target: RestoreTarget) => Promise<void>,
  ): Promise<VaultStorage> {
    return VaultStorage.open(
      this.db,
      await restoreIntoNewVault(this.db, newPassphrase, confirmation, fill),
      this.anchorFor,
    );
  }
}
