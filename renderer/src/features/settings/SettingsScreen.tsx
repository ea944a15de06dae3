import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Checkbox,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { updateSettings, useSettings } from '../../settings/settings-store';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSession, useVault } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { BackupPanel } from '../backup/BackupPanel';
import { OrganisationPolicy } from './OrganisationPolicy';
import { SyncPanel } from '../sync/SyncPanel';

export function SettingsScreen(): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const session = useSession();
  const [actor, setActor] = useState(session.actor);
  const [actorSaved, setActorSaved] = useState(false);
  const saveActor = useSubmit(async () => {
    await session.setActor(actor);
    setActorSaved(true);
  });

  return (
    <Stack maw={640} gap="md">
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="md">
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('settings.language')}
            </Text>
            <LanguageSwitch />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="theme-label">
              {t('settings.theme')}
            </Text>
            <SegmentedControl
              aria-labelledby="theme-label"
              value={settings.theme}
              onChange={(v) => updateSettings({ theme: v as 'light' | 'dark' | 'auto' })}
              data={(['light', 'dark', 'auto'] as const).map((v) => ({ value: v, label: t(`settings.themes.${v}`) }))}
            />
          </Stack>
          <Checkbox
            label={t('settings.arabicDigits')}
            checked={settings.arabicDigits}
            onChange={(e) => updateSettings({ arabicDigits: e.currentTarget.checked })}
          />
          <NumberInput
            label={t('settings.autoLock')}
            value={settings.autoLockMinutes}
            min={1}
            max={240}
            clampBehavior="strict"
            allowDecimal={false}
            w={200}
            onChange={(v) => {
              if (typeof v === 'number' && v >= 1) updateSettings({ autoLockMinutes: v });
            }}
          />
          <form onSubmit={saveActor.submit}>
            <Stack gap="xs" align="start">
              <TextInput
                label={t('settings.actor')}
                value={actor}
                onChange={(e) => {
                  setActor(e.currentTarget.value);
                  setActorSaved(false);
                }}
                dir="auto"
                w={320}
              />
              <Button type="submit" variant="light" loading={saveActor.busy}>
                {t('actions.save')}
              </Button>
              {saveActor.error && (
                <Alert color="red" role="alert">
                  {saveActor.error}
                </Alert>
              )}
              {actorSaved && (
                <Text size="sm" c="teal" role="status">
                  {t('settings.saved')}
                </Text>
              )}
            </Stack>
          </form>
        </Stack>
      </Paper>
      <ChangePassphrase />
      <Rekey />
      <OrganisationPolicy />
      <SyncPanel />
      <BackupPanel />
    </Stack>
  );
}

function ChangePassphrase(): ReactNode {
  const { t } = useTranslation();
  const { changePassphrase } = useVault();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    setChanged(false);
    await changePassphrase(current, next, confirm);
    setChanged(true);
    setCurrent('');
    setNext('');
    setConfirm('');
  });
  const result = error
    ? { ok: false, text: error }
    : changed
      ? { ok: true, text: t('settings.passphraseChanged') }
      : null;

  const toggle = { 'aria-label': t('vault.showPassphrase') };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="cp-h">
      <Stack>
        <Title order={2} size="h4" id="cp-h">
          {t('settings.changePassphrase')}
        </Title>
        <Text size="sm">{t('settings.changePassphraseIntro')}</Text>
        <PasswordInput
          label={t('settings.currentPassphrase')}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          autoComplete="current-password"
          visibilityToggleButtonProps={toggle}
        />
        <NewPassphraseFields
          label={t('settings.newPassphrase')}
          confirmLabel={t('settings.confirmNewPassphrase')}
          value={next}
          confirmation={confirm}
          onChange={setNext}
          onConfirmationChange={setConfirm}
        />
        {result && (
          <Alert color={result.ok ? 'teal' : 'red'} role={result.ok ? 'status' : 'alert'}>
            {result.text}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!current || !next || !confirm} style={{ alignSelf: 'start' }}>
          {t('settings.changePassphrase')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** A new data key for every record and file: what retires a passphrase (or a header copy) that may have leaked. */
function Rekey(): ReactNode {
  const { t } = useTranslation();
  const { rekey } = useVault();
  const session = useSession();
  const [pass, setPass] = useState('');
  const [advised, setAdvised] = useState(false);
  useEffect(() => {
    void session.meta.load('rekey-advised').then(
      (v) => setAdvised(v !== null),
      () => undefined,
    );
  }, [session.meta]);
  const { busy, error, submit } = useSubmit(() => rekey(pass));
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="rekey-h">
      <Stack>
        <Title order={2} size="h4" id="rekey-h">
          {t('rekey.title')}
        </Title>
        <Text size="sm">{t('rekey.intro')}</Text>
        {advised && (
          <Alert color="orange" role="note" title={t('rekey.advisedTitle')}>
            {t('rekey.advised')}
          </Alert>
        )}
        <PasswordInput
          label={t('rekey.passphrase')}
          value={pass}
          onChange={(e) => setPass(e.currentTarget.value)}
          autoComplete="current-password"
          visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="light" loading={busy} disabled={!pass} style={{ alignSelf: 'start' }}>
          {t('rekey.start')}
        </Button>
      </Stack>
    </Paper>
  );
}
