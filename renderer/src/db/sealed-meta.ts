import { openJson, sealJson } from '@shared/crypto/envelope';
import type { AeadKey } from '@shared/crypto/envelope';
import type { AtharDb } from './schema';
import { randomBytes } from './webcrypto-key';
import { withStorageErrors } from './vault-errors';

/**
 * The meta rows that hold the user's own settings and unsaved work, each
 * sealed with the data key and bound to its row id: who is working
 * (`profile`), the backup settings (with the backup passphrase), the sync server and this device's
 * credentials for it (`sync`), and unsaved
 * forms (`draft:<form>`). Nothing of them is readable while the vault is locked.
 */
export type SealedMetaId =
  | 'profile'
  | 'backup-settings'
  | 'compartments-sealed'
  | 'sync'
  | 'sync-files'
  | 'invitations'
  | 'rekey-advised'
  | `draft:${string}`;

export class SealedMeta {
  constructor(
    private readonly db: AtharDb,
    private readonly key: AeadKey,
  ) {}

  /** The stored value, or null when there is none or it cannot be opened (a damaged row is never fatal here). */
  async load<T>(id: SealedMetaId): Promise<T | null> {
    const row = await withStorageErrors(() => this.db.meta.get(id));
    if (!row) return null;
    try {
      return await openJson<T>(this.key, 'meta', id, row.value as never);
    } catch {
      return null;
    }
  }

  async save(id: SealedMetaId, value: unknown): Promise<void> {
    const sealed = await sealJson(this.key, randomBytes, 'meta', id, value);
    await withStorageErrors(() => this.db.meta.put({ id, value: sealed }));
  }

  async remove(id: SealedMetaId): Promise<void> {
    await withStorageErrors(() => this.db.meta.delete(id));
  }

  /** The row as stored, for a restore that seals it with a new vault's key. */
  static async sealed(key: AeadKey, id: SealedMetaId, value: unknown): Promise<{ id: string; value: unknown }> {
    return { id, value: await sealJson(key, randomBytes, 'meta', id, value) };
  }
}
