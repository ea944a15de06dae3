import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, FileInput, List, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { MIN_PASSPHRASE_LENGTH } from '../../db/vault';
import { ByteProgress, useByteWork } from '../../components/ByteProgress';
import { useVault } from '../../session/VaultProvider';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { formatBytes } from '../../components/format';
import { packageProblemMessage } from '../../package/package-problem';
import { restoreBackup, reviewBackup, type BackupReview } from './restore-backup';

/**
 * Restore from a backup, on the first screen (there is no vault yet): the
 * backup and its passphrase; a check of all of it, with a report; a new
 * passphrase for the new vault; then the restore, with progress and cancel.
 */
export function RestoreScreen({ onBack }: { onBack: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ar' ? 'ar' : 'en';
  const { restore } = useVault();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [review, setReview] = useState<BackupReview | null>(null);
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const { progress, error, run, cancel } = useByteWork(useCallback((e: unknown) => packageProblemMessage(t, e), [t]));

  const check = async (): Promise<void> => {
    if (!file) return;
    setReview(null);
    const r = await run(t('restore.checking'), file.size, (signal, onProgress) =>
      reviewBackup(file, passphrase, { signal, onProgress }),
    );
    if (r) setReview(r);
  };
  const doRestore = async (): Promise<void> => {
    if (file && review)
      await run(t('restore.restoring'), file.size, (signal, onProgress) =>
        restore(
          next,
          confirm,
          (target) => restoreBackup(target, file, review, { signal, onProgress }),
          t('members.defaultLabel'),
        ),
      );
  };

  const m = review?.parsed.manifest;
  const members = (review?.parsed.records.get('members') ?? [])
    .filter((r) => r['status'] === 'active')
    .map((r) => String(r['name']));
  const problem =
    next && next.length < MIN_PASSPHRASE_LENGTH
      ? t('restore.newShort', { min: MIN_PASSPHRASE_LENGTH })
      : confirm && next !== confirm
        ? t('restore.newMismatch')
        : null;
  return (
    <Stack>
      <Title order={1} size="h3" id="restore-title">
        {t('restore.title')}
      </Title>
      <Text size="sm">{t('restore.intro')}</Text>
      <FileInput
        label={t('restore.file')}
        placeholder={t('restore.choose')}
        accept=".gpg,.pgp"
        value={file}
        onChange={(f) => {
          setFile(f);
          setReview(null);
        }}
        clearable
      />
      <PasswordInput
        label={t('restore.passphrase')}
        value={passphrase}
        onChange={(e) => setPassphrase(e.currentTarget.value)}
        visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
      />
      <Button
        onClick={() => void check()}
        disabled={!file || !passphrase || !!progress}
        variant={review ? 'default' : 'filled'}
      >
        {t('restore.check')}
      </Button>
      {review && m && (
        <Alert color="teal" title={t('restore.checked')}>
          <List size="sm" spacing={2} aria-label={t('restore.report')}>
            <List.Item>
              {t('restore.made', {
                date: new Date(m.madeAt).toLocaleString(i18n.language),
                by: m.madeBy || t('common.localUser'),
              })}
            </List.Item>
            <List.Item>
              {t('restore.counts', {
                cases: m.counts['cases'] ?? 0,
                persons: m.counts['persons'] ?? 0,
                documents: m.counts['documents'] ?? 0,
                size: formatBytes(review.opened.payloadBytes, lang),
              })}
            </List.Item>
            <List.Item>{t('restore.audit', { count: m.audit.entries })}</List.Item>
            <List.Item>
              {review.opened.signer
                ? t('restore.signed', { who: review.opened.signer.label || review.opened.signer.userId })
                : t('restore.unsigned')}
            </List.Item>
            {members.length > 0 && (
              <List.Item>{t('restore.members', { names: members.join(t('common.listSeparator')) })}</List.Item>
            )}
            {!m.keySecrets && (m.counts['keys'] ?? 0) > 0 && <List.Item>{t('restore.noKeySecret')}</List.Item>}
          </List>
        </Alert>
      )}
      {review && (
        <Stack gap="xs">
          <NewPassphraseFields
            label={t('restore.newPassphrase')}
            confirmLabel={t('restore.confirmNew')}
            description={t('vault.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
            value={next}
            confirmation={confirm}
            onChange={setNext}
            onConfirmationChange={setConfirm}
            error={problem}
          />
          <Button onClick={() => void doRestore()} disabled={!next || !!problem || next !== confirm || !!progress}>
            {t('restore.restore')}
          </Button>
        </Stack>
      )}
      {progress && <ByteProgress {...progress} lang={lang} cancelLabel={t('restore.cancel')} onCancel={cancel} />}
      {error && (
        <Alert color="red" role="alert" title={t('restore.refused')}>
          {error}
        </Alert>
      )}
      <Button variant="subtle" onClick={onBack} disabled={!!progress}>
        {t('restore.back')}
      </Button>
    </Stack>
  );
}
