import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Center,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { MIN_PASSPHRASE_LENGTH, type SlotListing } from '../../db/vault';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useVault } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { RestoreScreen } from '../backup/RestoreScreen';
import { JoinTeamScreen } from '../sync/JoinTeamScreen';

function Frame({ children }: { children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520} component="main">
        <Group justify="space-between" mb="md">
          <Stack gap={0}>
            <Text fw={700} size="xl">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>
          <LanguageSwitch />
        </Group>
        {children}
      </Paper>
    </Center>
  );
}

export function CreateVaultScreen({ lost = false }: { lost?: boolean }): ReactNode {
  const [other, setOther] = useState<'restore' | 'join' | null>(null);
  if (other === 'restore')
    return (
      <Frame>
        <RestoreScreen onBack={() => setOther(null)} />
      </Frame>
    );
  if (other === 'join')
    return (
      <Frame>
        <JoinTeamScreen onBack={() => setOther(null)} />
      </Frame>
    );
  return <CreateVaultForm lost={lost} onRestore={() => setOther('restore')} onJoin={() => setOther('join')} />;
}

function CreateVaultForm({
  lost,
  onRestore,
  onJoin,
}: {
  lost: boolean;
  onRestore: () => void;
  onJoin: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { create } = useVault();
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [ack, setAck] = useState(false);
  const [actor, setActor] = useState('');
  const { busy, error, submit } = useSubmit(() => create(pass, confirm, actor, t('members.defaultLabel')));

  return (
    <Frame>
      <form onSubmit={submit} aria-labelledby="create-title">
        <Stack>
          <Title order={1} size="h3" id="create-title">
            {t('vault.createTitle')}
          </Title>
          {lost && (
            <Alert color="red" role="alert" title={t('vault.lostTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('vault.lost')}</Text>
                <Button onClick={onRestore} style={{ alignSelf: 'start' }}>
                  {t('restore.open')}
                </Button>
              </Stack>
            </Alert>
          )}
          <Text>{t('vault.createIntro')}</Text>
          <NewPassphraseFields
            label={t('vault.passphrase')}
            confirmLabel={t('vault.confirmPassphrase')}
            description={t('vault.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
            value={pass}
            confirmation={confirm}
            onChange={setPass}
            onConfirmationChange={setConfirm}
            required
            autoFocus
          />
          <TextInput
            label={t('vault.yourName')}
            description={t('vault.yourNameHint')}
            value={actor}
            onChange={(e) => setActor(e.currentTarget.value)}
            dir="auto"
            autoComplete="off"
          />
          <Alert color="orange" title={t('vault.warningTitle')} role="note">
            {t('vault.warning')}
          </Alert>
          <Checkbox label={t('vault.acknowledge')} checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" disabled={!ack || busy} loading={busy}>
            {busy ? t('vault.creating') : t('vault.create')}
          </Button>
          <Button variant="subtle" onClick={onRestore} disabled={busy}>
            {t('restore.open')}
          </Button>
          <Button variant="subtle" onClick={onJoin} disabled={busy}>
            {t('enrol.join')}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

export function UnlockScreen(): ReactNode {
  const { t } = useTranslation();
  const { unlock, state, slots } = useVault();
  const [pass, setPass] = useState('');
  const [members, setMembers] = useState<SlotListing[]>([]);
  const [slotId, setSlotId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    slots().then(
      (s) => {
        if (live) setMembers(s);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [slots]);
  const choosing = members.length > 1;
  const reason = state.phase === 'locked' ? state.reason : null;
  const { busy, error, submit } = useSubmit(
    () => unlock(pass, choosing ? (slotId ?? '') : undefined, t('members.defaultLabel')),
    () => setPass(''),
  );

  return (
    <Frame>
      <form onSubmit={submit} aria-labelledby="unlock-title">
        <Stack>
          <Title order={1} size="h3" id="unlock-title">
            {t('vault.unlockTitle')}
          </Title>
          {reason && (
            <Alert color="blue" role="status">
              {t('vault.lockedNotice', { reason: t(`vault.lockReason.${reason}`) })}
            </Alert>
          )}
          <Text>{t('vault.unlockIntro')}</Text>
          {choosing && (
            <Select
              label={t('vault.whoUnlocks')}
              description={t('vault.whoUnlocksHint')}
              data={members.map((m) => ({
                value: m.id,
                // The label may be Arabic and the fingerprint is not: each is isolated so neither reorders the other.
                label: `\u2068${m.label}\u2069 · \u2066${m.fingerprint.split(' ').slice(0, 2).join(' ')}\u2069`,
              }))}
              value={slotId}
              onChange={setSlotId}
              required
              allowDeselect={false}
              autoFocus
            />
          )}
          <PasswordInput
            label={t('vault.passphrase')}
            value={pass}
            onChange={(e) => setPass(e.currentTarget.value)}
            autoComplete="current-password"
            required
            autoFocus={!choosing}
            visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" disabled={busy || !pass || (choosing && !slotId)} loading={busy}>
            {busy ? t('vault.unlocking') : t('vault.unlock')}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

export function StorageErrorScreen({ code }: { code: string }): ReactNode {
  const { t } = useTranslation();
  const { retry } = useVault();
  return (
    <Frame>
      <Stack>
        <Title order={1} size="h3">
          {t('vault.storageProblemTitle')}
        </Title>
        <Alert color="red" role="alert">
          {t(`errors.${code}`, { defaultValue: t('vault.storageProblem') })}
        </Alert>
        <Text>{t('vault.storageProblem')}</Text>
        <Text>{t('vault.storageProblemAdvice')}</Text>
        <Button onClick={retry}>{t('vault.retry')}</Button>
      </Stack>
    </Frame>
  );
}

/** While every row is sealed again under the new key: progress, and a cancel that leaves it to the next unlock. */
export function RekeyScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const { state } = useVault();
  if (state.phase !== 'rekeying') return null;
  const percent = state.total ? Math.floor((100 * state.done) / state.total) : 0;
  return (
    <Frame>
      <Stack>
        <Title order={1} size="h3">
          {t('rekey.running')}
        </Title>
        <Text>{t('rekey.runningIntro')}</Text>
        <Progress value={percent} aria-label={t('rekey.running')} />
        <Text size="sm" role="status">
          {t('rekey.progress', {
            done: state.done.toLocaleString(i18n.language),
            total: state.total.toLocaleString(i18n.language),
            percent,
          })}
        </Text>
        <Button variant="default" onClick={state.cancel} style={{ alignSelf: 'start' }}>
          {t('rekey.cancel')}
        </Button>
      </Stack>
    </Frame>
  );
}

/** After a restore that was cut short: what it wrote is not a whole vault, so it is only offered for discarding. */
export function RestoreInterruptedScreen(): ReactNode {
  const { t } = useTranslation();
  const { discardInterruptedRestore } = useVault();
  const [busy, setBusy] = useState(false);
  return (
    <Frame>
      <Stack>
        <Title order={1} size="h3">
          {t('restore.interruptedTitle')}
        </Title>
        <Alert color="orange" role="alert">
          {t('restore.interrupted')}
        </Alert>
        <Button
          loading={busy}
          onClick={() => {
            setBusy(true);
            void discardInterruptedRestore().finally(() => setBusy(false));
          }}
          style={{ alignSelf: 'start' }}
        >
          {t('restore.discardInterrupted')}
        </Button>
      </Stack>
    </Frame>
  );
}
