import { isCancelled } from '@shared/cancelled';
import type { TFunction } from 'i18next';
import { RecordsProblem } from '@shared/package/merge-plan';
import { errorMessage } from '../session/error-message';
import { PackageRefused } from './package-reader';

/** Why a package or backup was refused, as one translated sentence naming the file. */
export function packageProblemMessage(t: TFunction, e: unknown): string {
  if (isCancelled(e)) return t('openPackage.cancelled');
  if (e instanceof PackageRefused) {
    const p = e.problem;
    return t(`openPackage.problems.${p.reason}`, {
      file: 'file' in p ? (p.file ?? '') : '',
      line: 'line' in p ? p.line : '',
      algorithm: 'algorithm' in p ? p.algorithm.toUpperCase().replace('SHA', 'SHA-') : '',
      fingerprint: 'fingerprint' in p ? p.fingerprint : '',
    });
  }
  if (e instanceof RecordsProblem) {
    if (e.detail === 'is-backup') return t('openPackage.problems.is-backup');
    if (e.detail === 'is-package') return t('restore.isPackage');
    return t('openPackage.problems.records', { file: e.file, detail: e.detail });
  }
  if (e instanceof Error && e.name === 'IntakeFailure')
    return t(`openPackage.storage.${(e as Error & { code: string }).code === 'disk-full' ? 'disk-full' : 'failed'}`);
  return errorMessage(t, e);
}
