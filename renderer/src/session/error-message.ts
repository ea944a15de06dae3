import type { TFunction } from 'i18next';
import { VaultError } from '../db/vault-errors';
import { MIN_PASSPHRASE_LENGTH } from '../db/vault';

/** A translated sentence for any error the vault or the store can raise. */
export function errorMessage(t: TFunction, e: unknown): string {
  if (e instanceof VaultError) {
    return t(`errors.${e.code}`, { min: MIN_PASSPHRASE_LENGTH, seconds: Math.ceil(e.retryAfterMs / 1000) });
  }
  if (e instanceof Error && e.name === 'DecryptionError') return t('errors.record-unreadable');
  return t('errors.unexpected');
}
