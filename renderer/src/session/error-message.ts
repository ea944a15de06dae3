import type { TFunction } from 'i18next';
import { PermissionRefused, VaultError } from '../db/vault-errors';
import { MIN_PASSPHRASE_LENGTH } from '../db/vault';
import { InvitationError } from '@shared/sync/invitation';
import { EnrolmentError } from '../sync/enrolment';
import { InvitationFailed } from '../sync/invitations';
import { SyncServerNotAllowed } from '../platform/platform';

/** A translated sentence for any error the vault or the store can raise. */
export function errorMessage(t: TFunction, e: unknown): string {
  if (e instanceof VaultError) {
    return t(`errors.${e.code}`, { min: MIN_PASSPHRASE_LENGTH, seconds: Math.ceil(e.retryAfterMs / 1000) });
  }
  if (e instanceof PermissionRefused) {
    const r = e.refusal;
    if (r.reason === 'last-holder') return t('errors.last-holder', { references: r.references.join(', ') });
    if (r.reason !== 'role') return t(`errors.${r.reason}`);
    if (!r.needs.length) return t('errors.not-permitted-none');
    // The list's "or" in the interface's language, which the translation function knows.
    const language = t('common.language.code');
    const roles = new Intl.ListFormat(language, { type: 'disjunction' }).format(r.needs.map((x) => t(`roles.${x}`)));
    return t('errors.not-permitted', { roles });
  }
  if (e instanceof Error && e.name === 'DecryptionError') return t('errors.record-unreadable');
  // Enrolment: a code that cannot be used, a request or answer that is not what it should be, an invitation
  // that cannot go ahead.
  if (e instanceof InvitationError || e instanceof EnrolmentError || e instanceof InvitationFailed)
    return t(`enrol.error.${e.problem}`);
  if (e instanceof SyncServerNotAllowed) return t('enrol.error.not-allowed');
  // PouchDB's HTTP client: the server refused this device's user, or could not be reached.
  const status = (e as { status?: number } | null)?.status;
  if (status === 401 || status === 403) return t('enrol.error.credentials');
  if (e instanceof TypeError || status === 502 || status === 503 || status === 504) return t('enrol.error.offline');
  return t('errors.unexpected');
}
