import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { ROLES, type Role } from '@shared/domain/permissions';
import type { Members } from '../../db/members';
import { useSession } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { platform } from '../../platform/platform';
import { formatTimestamp } from '../../components/format';
import { useSettings } from '../../settings/settings-store';
import { Invitations, type IssuedInvitation } from '../../sync/invitations';

/**
 * An administrator's side of enrolling a member's laptop: the invitation code (with the CouchDB user made for
 * that laptop on the server), then, once the laptop has asked, the fingerprint the member reads out by phone,
 * typed here; only a match signs the member's record and wraps the data key to their laptop.
 */
export function InvitationsPanel({ team }: { team: Members }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const invitations = useMemo(
    () => new Invitations(session.meta, session.store, team, session.sync, platform.syncFetch, session.cases),
    [session, team],
  );
  const [list, setList] = useState<IssuedInvitation[]>([]);
  const [asked, setAsked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ kind: 'invite' } | { kind: 'confirm'; invitation: IssuedInvitation } | null>(
    null,
  );
  const [done, setDone] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void invitations.list().then(setList, () => undefined);
  }, [invitations]);
  useEffect(refresh, [refresh]);
  const connected = session.sync.settings() !== null;

  // Which laptops have asked, looked up every few seconds while this screen is open.
  useEffect(() => {
    const open = list.filter((i) => !i.confirmedAt);
    if (!open.length || !connected) return;
    let live = true;
    const look = async (): Promise<void> => {
      const found = new Set<string>();
      for (const i of open) if (await invitations.requestFingerprint(i.member).catch(() => null)) found.add(i.member);
      if (live) setAsked((before) => ([...found].sort().join() === [...before].sort().join() ? before : found));
    };
    void look();
    const timer = setInterval(() => void look(), 3000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [list, invitations, connected]);

  const close = (message?: string): void => {
    setDialog(null);
    if (message) setDone(message);
    refresh();
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="invitations-h">
      <Title order={2} size="h4" id="invitations-h">
        {t('enrol.invitationsTitle')}
      </Title>
      <Text size="sm" maw={760}>
        {t('enrol.invitationsIntro')}
      </Text>
      <Code block dir="ltr" maw={760} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {'npm run sync-server -- add-device <name> --data <dir>'}
      </Code>
      {!connected && (
        <Alert color="gray" role="note">
          {t('enrol.connectFirst')}
        </Alert>
      )}
      {done && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <Button style={{ alignSelf: 'start' }} disabled={!connected} onClick={() => setDialog({ kind: 'invite' })}>
        {t('enrol.invite')}
      </Button>
      {list.length > 0 && (
        <Table withTableBorder aria-label={t('enrol.invitationsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.col.name')}</Table.Th>
              <Table.Th>{t('members.col.roles')}</Table.Th>
              <Table.Th>{t('enrol.col.state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((i) => (
              <Table.Tr key={i.member}>
                <Table.Td>
                  <bdi>{i.name}</bdi>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {i.roles.map((r) => (
                      <Badge key={r} variant="light" tt="none">
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {i.confirmedAt
                    ? t('enrol.state.confirmed', { time: formatTimestamp(i.confirmedAt, settings) })
                    : asked.has(i.member)
                      ? t('enrol.state.asked')
                      : t('enrol.state.waiting', { time: formatTimestamp(i.expires, settings) })}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {!i.confirmedAt && asked.has(i.member) && (
                      <Button
                        size="xs"
                        aria-label={t('enrol.confirmFor', { name: i.name })}
                        onClick={() => setDialog({ kind: 'confirm', invitation: i })}
                      >
                        {t('enrol.confirmShort')}
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('enrol.forget', { name: i.name })}
                      onClick={() => void invitations.cancel(i.member).then(refresh)}
                    >
                      {t('enrol.forgetShort')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={dialog?.kind === 'invite'} onClose={() => close()} title={t('enrol.inviteTitle')} size="lg">
        {dialog?.kind === 'invite' && <InviteForm invitations={invitations} onDone={() => refresh()} />}
      </Modal>
      <Modal
        opened={dialog?.kind === 'confirm'}
        onClose={() => close()}
        title={dialog?.kind === 'confirm' ? t('enrol.confirmFor', { name: dialog.invitation.name }) : ''}
      >
        {dialog?.kind === 'confirm' && (
          <ConfirmForm
            name={dialog.invitation.name}
            confirm={(readOut) => invitations.confirm(dialog.invitation.member, readOut)}
            onDone={() => close(t('enrol.confirmedDone', { name: dialog.invitation.name }))}
          />
        )}
      </Modal>
    </Stack>
  );
}

function InviteForm({ invitations, onDone }: { invitations: Invitations; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['caseworker']);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [prefix, setPrefix] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(async () => {
    setCode(await invitations.issue({ name, roles, user, password, prefix }));
    setPassword('');
    onDone();
  });
  if (code)
    return (
      <Stack>
        <Alert color="teal" role="status">
          {t('enrol.codeMade', { name })}
        </Alert>
        <Textarea
          label={t('enrol.code')}
          value={code}
          readOnly
          autosize
          minRows={4}
          dir="ltr"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant="default" style={{ alignSelf: 'start' }}>
              {copied ? t('enrol.copied') : t('enrol.copy')}
            </Button>
          )}
        </CopyButton>
        <Text size="sm">{t('enrol.codeNext')}</Text>
      </Stack>
    );
  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack>
        <Text size="sm">{t('enrol.inviteIntro')}</Text>
        <TextInput
          label={t('members.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
          autoComplete="off"
          data-autofocus
        />
        <Checkbox.Group label={t('members.roles')} value={roles} onChange={(v) => setRoles(v as Role[])} required>
          <Stack gap={6} mt={6}>
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          label={t('enrol.prefix')}
          description={t('enrol.prefixHint')}
          value={prefix}
          onChange={(e) => setPrefix(e.currentTarget.value.toUpperCase())}
          required
          maxLength={6}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
        />
        <TextInput
          label={t('enrol.deviceUser')}
          description={t('enrol.deviceUserHint')}
          value={user}
          onChange={(e) => setUser(e.currentTarget.value)}
          required
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
        />
        <PasswordInput
          label={t('enrol.devicePassword')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button
          type="submit"
          loading={busy}
          disabled={!name.trim() || !roles.length || !user.trim() || !password || !prefix.trim()}
        >
          {t('enrol.make')}
        </Button>
      </Stack>
    </form>
  );
}

function ConfirmForm({
  name,
  confirm,
  onDone,
}: {
  name: string;
  confirm: (readOut: string) => Promise<void>;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [readOut, setReadOut] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await confirm(readOut);
    onDone();
  });
  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack>
        <Text size="sm">{t('enrol.confirmIntro', { name })}</Text>
        <TextInput
          label={t('enrol.readOutLabel')}
          description={t('enrol.readOutHint')}
          value={readOut}
          onChange={(e) => setReadOut(e.currentTarget.value)}
          required
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          data-autofocus
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!readOut.trim()}>
          {t('enrol.confirmDo')}
        </Button>
      </Stack>
    </form>
  );
}
