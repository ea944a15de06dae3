import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Code, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { MIN_PASSPHRASE_LENGTH } from '../../db/vault';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useVault } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { errorMessage } from '../../session/error-message';
import { platform } from '../../platform/platform';
import { Joining } from '../../sync/joining';
import type { GrantBytes } from '@shared/sync/invitation';

/**
 * A laptop joining its team: the invitation code the administrator gave, then the fingerprint to read out to
 * them by phone while this window waits for their confirmation, then this laptop's own passphrase. Closing the
 * window before the confirmation loses the keys made for it: the administrator then makes a new invitation.
 */
export function JoinTeamScreen({ onBack }: { onBack: () => void }): ReactNode {
  const { t } = useTranslation();
  const [joining, setJoining] = useState<Joining | null>(null);
  const [grant, setGrant] = useState<GrantBytes | null>(null);
  if (!platform.syncFetch)
    return (
      <Stack>
        <Title order={1} size="h3">
          {t('enrol.joinTitle')}
        </Title>
        <Alert color="gray">{t('sync.unavailable')}</Alert>
        <Button variant="subtle" onClick={onBack} style={{ alignSelf: 'start' }}>
          {t('enrol.back')}
        </Button>
      </Stack>
    );
  if (!joining) return <CodeStep onBack={onBack} onBegun={setJoining} />;
  if (!grant)
    return (
      <WaitStep
        joining={joining}
        onAnswered={setGrant}
        onCancel={() => {
          joining.forget();
          setJoining(null);
        }}
      />
    );
  return <PassphraseStep joining={joining} grant={grant} />;
}

function CodeStep({ onBack, onBegun }: { onBack: () => void; onBegun: (j: Joining) => void }): ReactNode {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(async () => onBegun(await Joining.begin(code, platform.syncFetch!)));
  return (
    <form onSubmit={submit} autoComplete="off" aria-labelledby="join-title">
      <Stack>
        <Title order={1} size="h3" id="join-title">
          {t('enrol.joinTitle')}
        </Title>
        <Text>{t('enrol.joinIntro')}</Text>
        <Textarea
          label={t('enrol.code')}
          description={t('enrol.codeHint')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={10}
          spellCheck={false}
          dir="ltr"
          required
          data-autofocus
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!code.trim()}>
          {t('enrol.ask')}
        </Button>
        <Button variant="subtle" onClick={onBack} disabled={busy}>
          {t('enrol.back')}
        </Button>
      </Stack>
    </form>
  );
}

function WaitStep({
  joining,
  onAnswered,
  onCancel,
}: {
  joining: Joining;
  onAnswered: (g: GrantBytes) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const answered = useRef(onAnswered);
  answered.current = onAnswered;
  useEffect(() => {
    const ac = new AbortController();
    joining.answer(ac.signal).then(
      (g) => answered.current(g),
      (e: unknown) => {
        if (!ac.signal.aborted) setError(errorMessage(t, e));
      },
    );
    return () => ac.abort();
  }, [joining, t]);
  return (
    <Stack aria-labelledby="wait-title">
      <Title order={1} size="h3" id="wait-title">
        {t('enrol.waitTitle')}
      </Title>
      <Text>{t('enrol.readOut')}</Text>
      <Code
        block
        dir="ltr"
        aria-label={t('enrol.fingerprint')}
        style={{
          fontSize: 'var(--mantine-font-size-xl)',
          letterSpacing: '0.08em',
          textAlign: 'center',
          whiteSpace: 'pre',
        }}
      >
        {/* Four groups to a line: read out in two breaths, never cut off. */}
        {joining.fingerprint.replace(/^((?:\S+ ){3}\S+) /, '$1\n')}
      </Code>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : (
        <Group gap="xs" role="status">
          <Loader size="sm" aria-hidden />
          <Text size="sm">{t('enrol.waiting')}</Text>
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {t('enrol.keepOpen')}
      </Text>
      <Button variant="default" onClick={onCancel} style={{ alignSelf: 'start' }}>
        {t('enrol.cancel')}
      </Button>
    </Stack>
  );
}

function PassphraseStep({ joining, grant }: { joining: Joining; grant: GrantBytes }): ReactNode {
  const { t } = useTranslation();
  const { join } = useVault();
  const [label, setLabel] = useState('');
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, submit } = useSubmit(() => join(joining, grant, pass, confirm, label));
  return (
    <form onSubmit={submit} autoComplete="off" aria-labelledby="joined-title">
      <Stack>
        <Title order={1} size="h3" id="joined-title">
          {t('enrol.confirmedTitle')}
        </Title>
        <Alert color="teal" role="status">
          {t('enrol.confirmed')}
        </Alert>
        <TextInput
          label={t('members.label')}
          description={t('members.labelHint')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          required
          maxLength={60}
          autoComplete="off"
          data-autofocus
        />
        <NewPassphraseFields
          label={t('vault.passphrase')}
          confirmLabel={t('vault.confirmPassphrase')}
          description={t('vault.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          value={pass}
          confirmation={confirm}
          onChange={setPass}
          onConfirmationChange={setConfirm}
          required
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!pass || !label.trim()}>
          {t('enrol.open')}
        </Button>
      </Stack>
    </form>
  );
}
