import {
  checkHeader,
  deriveKek,
  KDF_DEFAULT,
  wrapAad,
  type KdfParams,
  type VaultHeader,
} from '@shared/crypto/vault-header';
import type { AtharDb } from './schema';
import { aesGcmKey, randomBytes, randomId, type WebAeadKey } from './webcrypto-key';
import { VaultError, withStorageErrors } from './vault-errors';

export const MIN_PASSPHRASE_LENGTH = 12;

/** After a few wrong tries each further try waits longer, up to a minute, and survives a reload. */
export function throttleDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 3));
}

interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

export interface UnlockedVault {
  vaultId: string;
  key: WebAeadKey;
}

/** Both keys of a re-encryption: rows move from `from` to `to`. */
export interface RekeyKeys {
  vaultId: string;
  from: WebAeadKey;
  to: WebAeadKey;
}

export interface VaultDeps {
  db: AtharDb;
  now?: () => number;
  kdf?: Omit<KdfParams, 'salt' | 'algorithm'>;
}

/**
 * The vault: a random data key, wrapped by an Argon2id key derived from the
 * passphrase. The passphrase and the raw data key exist only inside these
 * functions; what leaves is a non-extractable WebCrypto key.
 */
export class Vault {
  private readonly db: AtharDb;
  private readonly now: () => number;
  private readonly kdf: Omit<KdfParams, 'salt' | 'algorithm'>;

  constructor(deps: VaultDeps) {
    this.db = deps.db;
    this.now = deps.now ?? Date.now;
    this.kdf = deps.kdf ?? KDF_DEFAULT;
  }

  async exists(): Promise<boolean> {
    return (await this.guard(() => this.db.meta.get('vault'))) !== undefined;
  }

  async create(passphrase: string, confirmation: string): Promise<UnlockedVault> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new VaultError('passphrase-too-short');
    if (passphrase !== confirmation) throw new VaultError('passphrases-differ');
    if (await this.exists()) throw new VaultError('vault-exists');
    const dataKey = randomBytes(32);
    const vaultId = randomId();
    const header = await this.wrap(vaultId, dataKey, passphrase);
    // Dexie's add() refuses to overwrite, so a second window cannot replace an existing vault.
    await this.guard(() => this.db.meta.add({ id: 'vault', value: header }));
    void persistStorage();
    const key = await aesGcmKey(dataKey);
    dataKey.fill(0);
    return { vaultId, key };
  }

  /** Whether a re-encryption was started and not finished (a crash, a cancel): the next unlock carries it on. */
  async rekeyPending(): Promise<boolean> {
    return (await this.readHeader()).rekey !== undefined;
  }

  /**
   * Starts (or, after a crash or a cancel, resumes) a re-encryption: the new data key is wrapped into the header
   * before any row changes. The caller re-seals the rows (rekey.ts) and then calls finishRekey.
   */
  async beginRekey(passphrase: string): Promise<RekeyKeys> {
    const header = await this.readHeader();
    const old = await this.unwrapThrottled(header, passphrase);
    let fresh: Uint8Array | null;
    if (header.rekey) fresh = await this.unwrap({ ...header, wrappedKey: header.rekey }, passphrase);
    else {
      fresh = randomBytes(32);
      const kek = await aesGcmKey(await deriveKek(passphrase, header.kdf));
      const iv = randomBytes(12);
      const rekey = { v: 1 as const, iv, ct: await kek.encrypt(iv, wrapAad(header.vaultId, header.kdf), fresh) };
      await this.guard(() => this.db.meta.put({ id: 'vault', value: { ...header, rekey } }));
    }
    if (!fresh) throw new VaultError('header-malformed');
    const keys = { vaultId: header.vaultId, from: await aesGcmKey(old), to: await aesGcmKey(fresh) };
    old.fill(0);
    fresh.fill(0);
    return keys;
  }

  /** Every row is under the new key: it becomes the vault's key, in one write; the old one opens nothing now. */
  async finishRekey(): Promise<void> {
    const header = await this.readHeader();
    if (!header.rekey) return;
    const { rekey, ...rest } = header;
    await this.guard(() => this.db.meta.put({ id: 'vault', value: { ...rest, wrappedKey: rekey } }));
  }

  async unlock(passphrase: string): Promise<UnlockedVault> {
    const header = await this.readHeader();
    if (await this.guard(() => this.db.meta.get('restore-pending'))) throw new VaultError('restore-interrupted');
    const dataKey = await this.unwrapThrottled(header, passphrase);
    if (header.rekey) {
      dataKey.fill(0);
      throw new VaultError('rekey-pending');
    }
    void persistStorage();
    const key = await aesGcmKey(dataKey);
    dataKey.fill(0);
    return { vaultId: header.vaultId, key };
  }

  /** Re-wraps the same data key under a new passphrase: no record is re-encrypted. */
  async changePassphrase(current: string, next: string, confirmation: string): Promise<void> {
    if (next.length < MIN_PASSPHRASE_LENGTH) throw new VaultError('passphrase-too-short');
    if (next !== confirmation) throw new VaultError('passphrases-differ');
    const header = await this.readHeader();
    if (header.rekey) throw new VaultError('rekey-pending');
    const dataKey = await this.unwrapThrottled(header, current);
    const fresh = await this.wrap(header.vaultId, dataKey, next, header.createdAt);
    dataKey.fill(0);
    await this.guard(() => this.db.meta.put({ id: 'vault', value: fresh }));
  }

  async readHeader(): Promise<VaultHeader> {
    const row = await this.guard(() => this.db.meta.get('vault'));
    if (!row) throw new VaultError('no-vault');
    const checked = checkHeader(row.value);
    if (!checked.ok) throw new VaultError(checked.problem === 'weak-kdf' ? 'header-weak-kdf' : 'header-malformed');
    return checked.header;
  }

  /** The data key, or a refusal that counts towards the throttle (the same for unlocking and re-encrypting). */
  private async unwrapThrottled(header: VaultHeader, passphrase: string): Promise<Uint8Array> {
    const throttle = await this.readThrottle();
    const wait = throttle.lastFailureAt + throttleDelayMs(throttle.failures) - this.now();
    if (wait > 0) throw new VaultError('throttled', wait);
    const dataKey = await this.unwrap(header, passphrase);
    if (!dataKey) {
      await this.guard(() =>
        this.db.meta.put({ id: 'throttle', value: { failures: throttle.failures + 1, lastFailureAt: this.now() } }),
      );
      throw new VaultError('wrong-passphrase', throttleDelayMs(throttle.failures + 1));
    }
    if (throttle.failures > 0) await this.guard(() => this.db.meta.delete('throttle'));
    return dataKey;
  }

  private async readThrottle(): Promise<ThrottleState> {
    const row = await this.guard(() => this.db.meta.get('throttle'));
    const v = row?.value as Partial<ThrottleState> | undefined;
    return { failures: Number(v?.failures) || 0, lastFailureAt: Number(v?.lastFailureAt) || 0 };
  }

  private async wrap(
    vaultId: string,
    dataKey: Uint8Array,
    passphrase: string,
    createdAt?: string,
  ): Promise<VaultHeader> {
    const kdf: KdfParams = { algorithm: 'argon2id', ...this.kdf, salt: randomBytes(16) };
    const kek = await aesGcmKey(await deriveKek(passphrase, kdf));
    const iv = randomBytes(12);
    const ct = await kek.encrypt(iv, wrapAad(vaultId, kdf), dataKey);
    return {
      format: 1,
      vaultId,
      createdAt: createdAt ?? new Date(this.now()).toISOString(),
      kdf,
      wrappedKey: { v: 1, iv, ct },
    };
  }

  private async unwrap(header: VaultHeader, passphrase: string): Promise<Uint8Array | null> {
    const kek = await aesGcmKey(await deriveKek(passphrase, header.kdf));
    try {
      const raw = await kek.decrypt(header.wrappedKey.iv, wrapAad(header.vaultId, header.kdf), header.wrappedKey.ct);
      return raw.length === 32 ? raw : null;
    } catch {
      return null;
    }
  }

  private guard<T>(fn: () => Promise<T>): Promise<T> {
    return withStorageErrors(fn);
  }
}

/** Asks the browser not to evict the vault under storage pressure. */
async function persistStorage(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
