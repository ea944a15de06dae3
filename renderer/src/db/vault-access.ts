import { AtharDb } from './schema';
import { probeStorage } from './storage-loss';
import { Vault, type RekeyKeys, type SlotListing } from './vault';
import { refreshAnchor, resealAll, type RekeyProgress } from './rekey';
import { VaultStorage } from './vault-storage';
import { startChainWorkers, type ChainWorkersFactory } from './chain-workers';
import { Members } from './members';
import { randomId } from './webcrypto-key';
import { REKEY_ADVISED_META_ID } from './team-keys';
import { withStorageErrors } from './vault-errors';
import {
  discardInterruptedRestore,
  restoreInterrupted,
  restoreIntoNewVault,
  type RestoreTarget,
} from './vault-restore';
import type { AnchorStore } from './audit-head';

/** Where each vault's audit anchor is kept, outside its database; the session layer supplies the host's. */
export type AnchorFor = (vaultId: string) => AnchorStore;

let sharedDb: AtharDb | null = null;
/** Asked once per page: the engine reports a deleted database only to the first open after it. */
let lostProbe: Promise<boolean> | null = null;
/** Kept until a vault is made or restored, so that a reload or a second start says it again. */
const LOST_MARK = 'athar.vault-lost';

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
    private readonly chainWorkers?: ChainWorkersFactory,
  ) {
    this.vault = new Vault({ db });
  }

  /** The app's vault, on one shared connection. */
  static shared(anchorFor?: AnchorFor): VaultAccess {
    sharedDb ??= new AtharDb();
    return new VaultAccess(sharedDb, anchorFor, startChainWorkers);
  }

  /** A fresh connection after a failed open (Dexie keeps a failed instance failed); the stored data is untouched. */
  static reopened(anchorFor?: AnchorFor): VaultAccess {
    sharedDb?.close();
    sharedDb = new AtharDb();
    return new VaultAccess(sharedDb, anchorFor, startChainWorkers);
  }

  exists(): Promise<boolean> {
    return this.vault.exists();
  }

  /**
   * Whether the browser engine reports that it found the vault's database damaged and deleted it (Chromium
   * does so, reporting it once, on the next open). Asked before anything else opens the database.
   */
  async storageLost(): Promise<boolean> {
    lostProbe ??= this.db.isOpen()
      ? Promise.resolve(false)
      : probeStorage(this.db.name).then((p) => p.dataLoss === 'total');
    if (await lostProbe) markLost(new Date().toISOString());
    return readLost();
  }

  /** A vault exists again (made or restored): the loss is no longer news. */
  static forgetLoss(): void {
    try {
      localStorage.removeItem(LOST_MARK);
    } catch {
      /* no storage: nothing was kept */
    }
  }

  /** A restore that the app's closing or a crash cut short, leaving a vault that is not whole. */
  restoreInterrupted(): Promise<boolean> {
    return restoreInterrupted(this.db);
  }

  discardInterruptedRestore(): Promise<void> {
    return discardInterruptedRestore(this.db);
  }

  /** A new vault whose first member, an administrator, is the person creating it. */
  async create(
    passphrase: string,
    confirmation: string,
    o: { name?: string; label?: string } = {},
  ): Promise<VaultStorage> {
    const opened = await this.vault.create(passphrase, confirmation, o.label);
    const storage = await VaultStorage.open(this.db, opened, this.openOptions(o.name));
    VaultAccess.forgetLoss();
    return storage;
  }

  /**
   * This laptop's copy of a team's vault, from its enrolment: the team's vault id, its own device id, and a slot
   * for the member with the keys made here and the data key the administrator wrapped to them.
   */
  async join(o: {
    vaultId: string;
    memberId: string;
    grant: Parameters<Vault['join']>[0]['grant'];
    keys: Parameters<Vault['join']>[0]['keys'];
    keyCheck: string;
    meta?: Parameters<Vault['join']>[0]['meta'];
    teamKeys?: Parameters<Vault['join']>[0]['teamKeys'];
    passphrase: string;
    confirmation: string;
    label: string;
  }): Promise<VaultStorage> {
    const opened = await this.vault.join({ ...o, device: randomId() });
    const storage = await VaultStorage.open(this.db, opened, this.openOptions());
    VaultAccess.forgetLoss();
    return storage;
  }

  /** The open vault's team, for an administrator to change. */
  members(storage: VaultStorage): Members {
    return new Members(this.vault, storage);
  }

  /** Who can unlock, for the lock screen (ids and labels, which are in clear in the header). */
  slots(): Promise<SlotListing[]> {
    return this.vault.slots();
  }

  /** `slotId` may be left out when the vault has one member; `upgradeLabel` names the first member of an older vault. */
  async unlock(passphrase: string, slotId?: string, upgradeLabel?: string): Promise<VaultStorage> {
    return VaultStorage.open(this.db, await this.vault.unlock(passphrase, slotId, upgradeLabel), this.openOptions());
  }

  private openOptions(founderName?: string): Parameters<typeof VaultStorage.open>[2] {
    return {
      ...(this.anchorFor ? { anchorFor: this.anchorFor } : {}),
      ...(this.chainWorkers ? { chainWorkers: this.chainWorkers } : {}),
      ...(founderName !== undefined ? { founderName } : {}),
    };
  }

  /** Whether a re-encryption is waiting to be finished: unlocking then means finishing it first. */
  rekeyPending(): Promise<boolean> {
    return this.vault.rekeyPending();
  }

  /** Checks the passphrase and records the new key in the header (or takes up the one an interrupted run left). */
  startRekey(passphrase: string, slotId?: string): Promise<RekeyKeys> {
    return this.vault.beginRekey(passphrase, slotId);
  }

  /**
   * Re-seals every row under the new key, makes it the vault's key and opens the vault with it. Cancel (or a
   * crash) leaves the work part-done and safe; `startRekey` and this again carry on from there.
   */
  async continueRekey(
    keys: RekeyKeys,
    o: { onProgress?: (p: RekeyProgress) => void; signal?: AbortSignal } = {},
  ): Promise<VaultStorage> {
    const first = await resealAll(this.db, keys.from, keys.to, o);
    // Anything written under the old key while the first pass ran (a draft sealed as the session closed) is
    // taken up by a second pass over the rows; chunks are only written by work that ended with the session.
    const second = await resealAll(this.db, keys.from, keys.to, { ...o, skipChunks: true });
    // The anchor first: a crash between the two must not leave it under a key the header no longer has.
    const anchor = this.anchorFor?.(keys.vaultId);
    if (anchor) await refreshAnchor(this.db, keys.to, keys.vaultId, anchor);
    await this.vault.finishRekey();
    // No key a removed member knew opens this vault now.
    await withStorageErrors(() => this.db.meta.delete(REKEY_ADVISED_META_ID));
    const device = await this.vault.device();
    const storage = await VaultStorage.open(
      this.db,
      { vaultId: keys.vaultId, ...(device ? { device } : {}), key: keys.to, member: keys.member },
      this.openOptions(),
    );
    await storage.store
      .logEvent({
        action: 'vault',
        table: 'vault',
        recordId: 'rekey',
        caseId: null,
        fields: ['re-encrypted', `unreadable:${Math.max(first.unreadable, second.unreadable)}`],
      })
      .catch(() => undefined);
    return storage;
  }

  changePassphrase(slotId: string, current: string, next: string, confirmation: string): Promise<void> {
    return this.vault.changePassphrase(slotId, current, next, confirmation);
  }

  /** A new vault filled by `fill`; on any failure nothing is left behind. */
  async restore(
    newPassphrase: string,
    confirmation: string,
    fill: (target: RestoreTarget) => Promise<void>,
    label?: string,
  ): Promise<VaultStorage> {
    const storage = await VaultStorage.open(
      this.db,
      await restoreIntoNewVault(this.db, newPassphrase, confirmation, fill, label),
      this.openOptions(),
    );
    VaultAccess.forgetLoss();
    return storage;
  }
}

function markLost(at: string): void {
  try {
    if (!localStorage.getItem(LOST_MARK)) localStorage.setItem(LOST_MARK, at);
  } catch {
    /* the alert still shows this once */
  }
}

function readLost(): boolean {
  try {
    return localStorage.getItem(LOST_MARK) !== null;
  } catch {
    return false;
  }
}
