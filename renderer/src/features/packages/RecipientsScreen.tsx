import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Code,
  FileButton,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { Recipient, SigningKey } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { errorMessage } from '../../session/error-message';
import { randomId } from '../../db/webcrypto-key';
import { newRecord } from '@shared/domain/new-record';
import { recipientChange } from './recipient-draft';
import {
  generateSigningKey,
  groupFingerprint,
  importSigningKey,
  KeyError,
  readRecipientKey,
  type KeyInfo,
} from '../../package/openpgp-keys';

const toStored = (armored: string, info: KeyInfo) => ({
  armored,
  fingerprint: info.fingerprint,
  userIds: info.userIds,
  algorithm: info.algorithm,
  created: info.created,
  expires: info.expires,
});

/**
 * Who receives evidence packages, with the public keys packages are
 * encrypted to, and the organisation's own signing key. Fingerprints are
 * shown in groups of four, to be read out and checked with the recipient
 * by another channel before anything is sent.
 */
export function RecipientsScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { records: recipients } = useRecords(session.recipients, () => true, []);
  const { records: keys } = useRecords(session.keys, () => true, []);
  const [editing, setEditing] = useState<Recipient | 'new' | null>(null);
  const signing = keys?.[0] ?? null;
  const failure = (e: unknown): string => (e instanceof KeyError ? t(`keys.errors.${e.code}`) : errorMessage(t, e));

  return (
    <Stack pb="xl">
      <Title order={1} size="h2">
        {t('keys.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('keys.intro')}
      </Text>
      <SigningKeySection signing={signing} failure={failure} />
      <Paper withBorder p="md" component="section" aria-labelledby="recipients-h">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="recipients-h">
            {t('keys.recipients')}
          </Title>
          <Button variant="light" onClick={() => setEditing('new')}>
            {t('keys.addRecipient')}
          </Button>
        </Group>
        {recipients?.length === 0 && <Text c="dimmed">{t('keys.noRecipients')}</Text>}
        <Stack gap="sm">
          {(recipients ?? []).map((r) => (
            <Paper key={r.id} withBorder p="sm" component="article" aria-label={r.name}>
              <Group justify="space-between" align="start">
                <div>
                  <Text fw={600} dir="auto">
                    {r.name}
                  </Text>
                  {r.contact && (
                    <Text size="sm" dir="auto">
                      {r.contact}
                    </Text>
                  )}
                </div>
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing(r)}>
                  {t('keys.edit')}
                </Button>
              </Group>
              {r.keys.map((k) => (
                <Fingerprint key={k.fingerprint} fingerprint={k.fingerprint} userIds={k.userIds} expires={k.expires} />
              ))}
            </Paper>
          ))}
        </Stack>
      </Paper>
      {editing && (
        <RecipientDialog
          recipient={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          failure={failure}
        />
      )}
    </Stack>
  );
}

function Fingerprint({
  fingerprint,
  userIds,
  expires,
}: {
  fingerprint: string;
  userIds: string[];
  expires: string | null;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap={2} mt={6}>
      <Text size="sm" dir="ltr">
        {userIds.join(', ')}
      </Text>
      <Text size="sm">
        {t('keys.fingerprint')}{' '}
        <Code dir="ltr" aria-label={t('keys.fingerprint')}>
          {groupFingerprint(fingerprint)}
        </Code>
      </Text>
      {expires && (
        <Text size="xs" c="dimmed">
          {t('keys.expires', { date: expires.slice(0, 10) })}
        </Text>
      )}
    </Stack>
  );
}

function SigningKeySection({
  signing,
  failure,
}: {
  signing: SigningKey | null;
  failure: (e: unknown) => string;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [armored, setArmored] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { records: members } = useRecords(session.members, () => true, []);
  // Every laptop of the team holds the key's secret: a member removed since it was made may still hold it, and
  // sign packages as the organisation with it.
  const removedSince = signing?.armoredPrivate
    ? (members ?? []).filter((m) => m.status === 'removed' && m.updatedAt > signing.createdAt)
    : [];
  const [replacing, setReplacing] = useState(false);
  const exportUrl = useMemo(
    () => (signing ? URL.createObjectURL(new Blob([signing.public.armored], { type: 'application/pgp-keys' })) : null),
    [signing],
  );
  useEffect(
    () => () => {
      if (exportUrl) URL.revokeObjectURL(exportUrl);
    },
    [exportUrl],
  );

  const store = async (
    made: { armoredPrivate: string; armoredPublic: string; info: KeyInfo },
    origin: SigningKey['origin'],
  ): Promise<void> => {
    const key = newRecord(
      'keys',
      { id: randomId(), armoredPrivate: made.armoredPrivate, public: toStored(made.armoredPublic, made.info), origin },
      session.actor,
      new Date(),
    );
    // A key restored without its secret, or one a removed member may hold, is replaced by the one made now:
    // packages signed with it are no longer taken as the organisation's.
    await session.commit([
      ...(signing && (!signing.armoredPrivate || replacing) ? [{ table: 'keys' as const, delete: signing.id }] : []),
      { table: 'keys', put: key, fresh: true },
    ]);
    setReplacing(false);
  };
  const run = async (task: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="signing-h">
      <Title order={2} size="h4" id="signing-h" mb="xs">
        {t('keys.signingTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('keys.signingIntro')}
      </Text>
      {error && (
        <Alert color="red" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      {signing && !signing.armoredPrivate && (
        <Stack gap="xs" mb="sm">
          <Fingerprint
            fingerprint={signing.public.fingerprint}
            userIds={signing.public.userIds}
            expires={signing.public.expires}
          />
          <Alert color="orange" role="note">
            {t('keys.secretMissing')}
          </Alert>
        </Stack>
      )}
      {removedSince.length > 0 && !replacing && (
        <Alert color="orange" role="alert" title={t('keys.replaceAdvisedTitle')} mb="sm">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('keys.replaceAdvised', { names: removedSince.map((m) => m.name).join(', ') })}</Text>
            <Button size="xs" color="orange" onClick={() => setReplacing(true)}>
              {t('keys.replace')}
            </Button>
          </Stack>
        </Alert>
      )}
      {replacing && (
        <Alert color="blue" role="note" mb="sm">
          {t('keys.replaceNote')}
        </Alert>
      )}
      {signing?.armoredPrivate && !replacing ? (
        <Stack gap="xs">
          <Fingerprint
            fingerprint={signing.public.fingerprint}
            userIds={signing.public.userIds}
            expires={signing.public.expires}
          />
          <Group>
            <Button
              component="a"
              href={exportUrl ?? undefined}
              download={`${signing.public.fingerprint.slice(-16)}.asc`}
              variant="light"
            >
              {t('keys.exportPublic')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Group align="end">
            <TextInput
              label={t('keys.orgName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              dir="auto"
            />
            <TextInput
              label={t('keys.orgEmail')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              dir="ltr"
            />
            <Button
              loading={busy}
              disabled={!name.trim()}
              onClick={() => void run(async () => store(await generateSigningKey(name, email), 'generated'))}
            >
              {t('keys.generate')}
            </Button>
            {replacing && (
              <Button variant="default" onClick={() => setReplacing(false)}>
                {t('actions.cancel')}
              </Button>
            )}
          </Group>
          <Textarea
            label={t('keys.importPrivate')}
            value={armored}
            onChange={(e) => setArmored(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
            dir="ltr"
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group align="end">
            <PasswordInput
              label={t('keys.keyPassphrase')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              w={280}
            />
            <Button
              variant="light"
              loading={busy}
              disabled={!armored.trim()}
              onClick={() =>
                void run(async () => {
                  await store(await importSigningKey(armored, passphrase), 'imported');
                  setArmored('');
                  setPassphrase('');
                })
              }
            >
              {t('keys.import')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function RecipientDialog({
  recipient,
  onClose,
  failure,
}: {
  recipient: Recipient | null;
  onClose: () => void;
  failure: (e: unknown) => string;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState(recipient?.name ?? '');
  const [contact, setContact] = useState(recipient?.contact ?? '');
  const [notes, setNotes] = useState(recipient?.notes ?? '');
  const [keyText, setKeyText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    setError(null);
    if (!name.trim()) {
      setError(t('keys.errors.name-required'));
      return;
    }
    try {
      const keys = [...(recipient?.keys ?? [])];
      if (keyText.trim()) {
        const read = await readRecipientKey(keyText);
        keys.push(toStored(read.armored, read.info));
      }
      const planned = recipientChange(
        { name, contact, notes, keys },
        { existing: recipient, actor: session.actor, now: new Date(), newId: randomId },
      );
      if (!planned.ok) {
        setError(t(`keys.errors.${planned.problem}`));
        return;
      }
      await session.commit([planned.change]);
      onClose();
    } catch (e) {
      setError(failure(e));
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('keys.recipientTitle')} size="lg">
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextInput
          label={t('keys.recipientName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          dir="auto"
        />
        <TextInput
          label={t('keys.recipientContact')}
          value={contact}
          onChange={(e) => setContact(e.currentTarget.value)}
          dir="auto"
        />
        <Textarea
          label={t('keys.publicKey')}
          description={t('keys.publicKeyHint')}
          value={keyText}
          onChange={(e) => setKeyText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
          dir="ltr"
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <FileButton
          accept=".asc,.gpg,.pgp,.txt,application/pgp-keys"
          onChange={(f) => {
            if (f && f.size < 1_000_000) void f.text().then(setKeyText);
          }}
        >
          {(props) => (
            <Button variant="default" size="xs" {...props} style={{ alignSelf: 'flex-start' }}>
              {t('keys.keyFromFile')}
            </Button>
          )}
        </FileButton>
        <Textarea
          label={t('keys.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
          dir="auto"
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit">{t('actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
