import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Member } from '@shared/domain/records';
import { ROLES, type Role } from '@shared/domain/permissions';
import { memberFingerprint } from '@shared/crypto/signatures';
import { useSession, useVault } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSubmit } from '../../session/use-submit';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { InvitationsPanel } from '../sync/InvitationsPanel';
import { serverUserOf } from '../../sync/invitations';

/**
 * The team: who can unlock this vault, with which roles, and the fingerprint
 * of their keys (to be read aloud). An administrator adds members (who type
 * their own passphrase), changes roles, resets a forgotten passphrase and
 * removes members; the record store refuses the same to anyone else.
 */
export function MembersScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { members: teamOf } = useVault();
  const { records } = useRecords(session.members, () => true, []);
  const [labels, setLabels] = useState<Map<string, string> | null>(null);
  const [dialog, setDialog] = useState<
    | { kind: 'add' }
    | { kind: 'roles'; member: Member }
    | { kind: 'reset'; member: Member }
    | { kind: 'remove'; member: Member }
    | null
  >(null);
  const [done, setDone] = useState<string | null>(null);
  const team = useMemo(() => teamOf(session), [teamOf, session]);
  // As the members table holds it now: a role changed since the unlock shows at once.
  const me = records?.find((m) => m.id === session.member.id) ?? session.member;
  const isAdmin = me.status === 'active' && me.roles.includes('administrator');
  const refreshLabels = useCallback(() => {
    void team.slots().then(setLabels, () => undefined);
  }, [team]);
  useEffect(refreshLabels, [refreshLabels, records]);

  const close = (message?: string): void => {
    setDialog(null);
    if (message) setDone(message);
    refreshLabels();
  };
  // In a team that syncs, a member without a slot here works on their own laptop.
  const elsewhere = session.sync.settings() !== null;
  const withoutSlot =
    labels && !elsewhere ? (records ?? []).filter((m) => m.status === 'active' && !labels.has(m.id)) : [];
  const sorted = [...(records ?? [])].sort((a, b) =>
    a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'active' ? -1 : 1,
  );

  return (
    <Stack pb="xl">
      <Title order={1} size="h2">
        {t('members.title')}
      </Title>
      <Text maw={760}>{t('members.intro')}</Text>
      {!isAdmin && (
        <Alert color="gray" role="note">
          {t('members.onlyAdmins')}
        </Alert>
      )}
      {done && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {isAdmin && withoutSlot.length > 0 && (
        <Alert color="orange" role="note" title={t('members.withoutSlotTitle')}>
          {t('members.withoutSlot', { names: withoutSlot.map((m) => m.name).join(t('common.listSeparator')) })}
        </Alert>
      )}
      {isAdmin && (
        <Button style={{ alignSelf: 'start' }} onClick={() => setDialog({ kind: 'add' })}>
          {t('members.add')}
        </Button>
      )}
      <Table striped withTableBorder aria-label={t('members.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            {(['name', 'label', 'roles', 'fingerprint', 'status'] as const).map((c) => (
              <Table.Th key={c}>{t(`members.col.${c}`)}</Table.Th>
            ))}
            {isAdmin && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <bdi>{m.name}</bdi> {m.id === session.member.id && t('members.you')}
              </Table.Td>
              <Table.Td>
                {!labels ? null : labels.has(m.id) ? (
                  <bdi>{labels.get(m.id)}</bdi>
                ) : (
                  <Text size="sm" c="dimmed">
                    {elsewhere ? t('members.elsewhere') : t('members.noSlot')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {m.roles.map((r) => (
                    <Badge key={r} variant="light" tt="none" style={{ flexShrink: 0 }}>
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Code dir="ltr" style={{ whiteSpace: 'pre' }}>
                  {memberFingerprint(m).replace(/^((?:\S+ ){3}\S+) /, '$1\n')}
                </Code>
              </Table.Td>
              <Table.Td>{m.status === 'active' ? t('members.active') : t('members.removed')}</Table.Td>
              {isAdmin && (
                <Table.Td>
                  {m.status === 'active' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('members.editRoles', { name: m.name })}
                        onClick={() => setDialog({ kind: 'roles', member: m })}
                      >
                        {t('members.rolesShort')}
                      </Button>
                      {m.id !== session.member.id && (
                        <>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('members.reset', { name: m.name })}
                            onClick={() => setDialog({ kind: 'reset', member: m })}
                          >
                            {t('members.resetShort')}
                          </Button>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            aria-label={t('members.remove', { name: m.name })}
                            onClick={() => setDialog({ kind: 'remove', member: m })}
                          >
                            {t('members.removeShort')}
                          </Button>
                        </>
                      )}
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {isAdmin && session.sync.available && <InvitationsPanel team={team} />}
      <Modal opened={dialog?.kind === 'add'} onClose={() => close()} title={t('members.addTitle')} size="lg">
        {dialog?.kind === 'add' && (
          <AddMemberForm
            onDone={(name) => close(t('members.added', { name }))}
            add={(m) => team.add(m).then((r) => r.name)}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'roles'}
        onClose={() => close()}
        title={dialog?.kind === 'roles' ? t('members.editRoles', { name: dialog.member.name }) : ''}
      >
        {dialog?.kind === 'roles' && (
          <RolesForm
            initial={dialog.member.roles}
            save={(roles) => team.setRoles(dialog.member.id, roles)}
            onDone={() => close(t('members.rolesSaved'))}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'reset'}
        onClose={() => close()}
        title={dialog?.kind === 'reset' ? t('members.resetTitle', { name: dialog.member.name }) : ''}
        size="lg"
      >
        {dialog?.kind === 'reset' && (
          <ResetForm
            needsLabel={!labels?.has(dialog.member.id)}
            reset={(p, c, l) => team.reset(dialog.member.id, p, c, l)}
            onDone={() => close(t('members.resetDone', { name: dialog.member.name }))}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'remove'}
        onClose={() => close()}
        title={dialog?.kind === 'remove' ? t('members.remove', { name: dialog.member.name }) : ''}
      >
        {dialog?.kind === 'remove' && (
          <RemoveForm
            name={dialog.member.name}
            member={dialog.member.id}
            remove={() => team.remove(dialog.member.id)}
            onDone={() => close(t('members.removedDone', { name: dialog.member.name }))}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** The name the lock screen shows for a member: in clear on this computer's disk, so the hint says so. */
function LockScreenLabel({
  value,
  onChange,
  autoFocus = false,
}: {
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('members.label')}
      description={t('members.labelHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      required
      maxLength={60}
      autoComplete="off"
      {...(autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}

function RoleChoice({ value, onChange }: { value: Role[]; onChange: (r: Role[]) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('members.roles')} value={value} onChange={(v) => onChange(v as Role[])} required>
      <Stack gap={6} mt={6}>
        {ROLES.map((r) => (
          <Checkbox key={r} value={r} label={t(`roles.${r}`)} description={t(`roleHelp.${r}`)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function AddMemberForm({
  add,
  onDone,
}: {
  add: (m: { name: string; label: string; roles: Role[]; passphrase: string; confirmation: string }) => Promise<string>;
  onDone: (name: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [roles, setRoles] = useState<Role[]>(['caseworker']);
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    onDone(await add({ name, label, roles, passphrase: pass, confirmation: confirm }));
  });
  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack>
        <Text size="sm">{t('members.addIntro')}</Text>
        <TextInput
          label={t('members.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
          autoComplete="off"
          data-autofocus
        />
        <LockScreenLabel value={label} onChange={setLabel} />
        <RoleChoice value={roles} onChange={setRoles} />
        <NewPassphraseFields
          label={t('members.passphrase')}
          confirmLabel={t('members.confirm')}
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
        <Button type="submit" loading={busy} disabled={!name.trim() || !label.trim() || !roles.length || !pass}>
          {t('members.save')}
        </Button>
      </Stack>
    </form>
  );
}

function RolesForm({
  initial,
  save,
  onDone,
}: {
  initial: Role[];
  save: (roles: Role[]) => Promise<void>;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(initial);
  const { busy, error, submit } = useSubmit(async () => {
    await save(roles);
    onDone();
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <RoleChoice value={roles} onChange={setRoles} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!roles.length}>
          {t('members.saveRoles')}
        </Button>
      </Stack>
    </form>
  );
}

function ResetForm({
  needsLabel,
  reset,
  onDone,
}: {
  needsLabel: boolean;
  reset: (passphrase: string, confirmation: string, label: string) => Promise<void>;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [label, setLabel] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await reset(pass, confirm, label);
    onDone();
  });
  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack>
        <Text size="sm">{t('members.resetIntro')}</Text>
        {needsLabel && <LockScreenLabel value={label} onChange={setLabel} autoFocus />}
        <NewPassphraseFields
          label={t('members.passphrase')}
          confirmLabel={t('members.confirm')}
          value={pass}
          confirmation={confirm}
          onChange={setPass}
          onConfirmationChange={setConfirm}
          required
          autoFocus={!needsLabel}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!pass || (needsLabel && !label.trim())}>
          {t('members.resetDo')}
        </Button>
      </Stack>
    </form>
  );
}

function RemoveForm({
  name,
  member,
  remove,
  onDone,
}: {
  name: string;
  member: string;
  remove: () => Promise<void>;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [serverUser, setServerUser] = useState<string | undefined>();
  useEffect(() => {
    void serverUserOf(session.meta, member).then(setServerUser, () => undefined);
  }, [session.meta, member]);
  const { busy, error, submit } = useSubmit(async () => {
    await remove();
    onDone();
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('members.removeConfirm', { name })}</Text>
        <Text size="sm">{t('members.removeTeamKey')}</Text>
        {serverUser && (
          <Alert color="orange" role="note" title={t('members.removeServerTitle')}>
            <Text size="sm">{t('members.removeServer', { user: serverUser })}</Text>
            <Code
              block
              dir="ltr"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >{`npm run sync-server -- revoke-device ${serverUser} --data <dir>`}</Code>
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" color="red" loading={busy}>
          {t('members.removeDo')}
        </Button>
      </Stack>
    </form>
  );
}
