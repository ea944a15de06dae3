import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { PartialDateField } from '../../components/PartialDateField';
import { useFormatDate } from '../../components/use-format-date';
import { formatTimestamp } from '../../components/format';
import { randomId } from '../../db/webcrypto-key';
import { RecordLinks } from '../links/RecordLinks';
import { useCaseRecords } from '../../session/use-case-records';
import { FormFooter } from '../../components/FormFooter';
import { useCommitPlanned } from '../../session/use-commit-planned';
import {
  blankLogDraft,
  contactChange,
  contactDraftFrom,
  logEntryChange,
  type ContactDraft,
  type LogDraft,
} from './contact-draft';

const CHANNELS = ['phone', 'messaging', 'visit', 'email', 'other'] as const;

const today = (): string => new Date().toISOString().slice(0, 10);

/** Family contacts of a case. Safety notes always come before any way of reaching the person. */
export function ContactsPanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const fmt = useFormatDate();
  const { records: contacts } = useRecords(session.contacts, (c) => c.caseId === caseId, [caseId]);
  const [draft, setDraft] = useState<ContactDraft | null>(null);
  const [logDraft, setLogDraft] = useState<LogDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { labelOf } = useCaseRecords(caseId);

  const commitPlanned = useCommitPlanned(setError);
  const saveContact = async (): Promise<void> => {
    if (!draft) return;
    const existing = draft.id ? await session.contacts.get(draft.id) : undefined;
    if (
      await commitPlanned(
        contactChange(draft, { caseId, existing, actor: session.actor, now: new Date(), newId: randomId }),
      )
    )
      setDraft(null);
  };
  const saveLog = async (): Promise<void> => {
    if (!logDraft) return;
    const c = await session.contacts.get(logDraft.contactId);
    if (!c) return;
    if (await commitPlanned(logEntryChange(logDraft, c, new Date()))) setLogDraft(null);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('contacts.title')}
        </Title>
        <Button
          onClick={() => {
            setError(null);
            setDraft(contactDraftFrom(null));
          }}
        >
          {t('contacts.add')}
        </Button>
      </Group>
      {contacts && contacts.length === 0 && <Text c="dimmed">{t('contacts.empty')}</Text>}
      {(contacts ?? []).map((c) => (
        <Paper key={c.id} withBorder p="md" component="article" aria-label={c.name}>
          <Group justify="space-between" align="start">
            <Stack gap={2}>
              <Title order={3} size="h5" dir="auto">
                {c.name}
              </Title>
              <Text size="sm" c="dimmed" dir="auto">
                {c.relationship}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                aria-label={t('contacts.editNamed', { name: c.name })}
                onClick={() => {
                  setError(null);
                  setDraft(contactDraftFrom(c));
                }}
              >
                {t('contacts.edit')}
              </Button>
              <Button
                size="xs"
                aria-label={t('contacts.addLogNamed', { name: c.name })}
                onClick={() => {
                  setError(null);
                  setLogDraft(blankLogDraft(c.id, session.actor, today()));
                }}
              >
                {t('contacts.addLog')}
              </Button>
            </Group>
          </Group>
          {c.safetyNotes && (
            <Alert color="orange" mt="sm" title={t('contacts.safetyTitle')} role="note">
              <Text size="sm" dir="auto">
                {c.safetyNotes}
              </Text>
            </Alert>
          )}
          <Group gap="xs" mt="sm">
            <Badge color={c.consentToContact ? 'teal' : 'red'} variant="light">
              {c.consentToContact ? t('contacts.consented') : t('contacts.noConsent')}
            </Badge>
            {c.consentToShare.length > 0 && (
              <Badge variant="outline">{t('contacts.sharesWith', { list: c.consentToShare.join(', ') })}</Badge>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="xs">
            {c.phones.length > 0 && (
              <Text size="sm">
                <b>{t('contacts.phones')}:</b> <span dir="ltr">{c.phones.join(', ')}</span>
              </Text>
            )}
            {c.messaging.length > 0 && (
              <Text size="sm">
                <b>{t('contacts.messaging')}:</b> <span dir="ltr">{c.messaging.join(', ')}</span>
              </Text>
            )}
            {c.address && (
              <Text size="sm" dir="auto">
                <b>{t('contacts.address')}:</b> {c.address}
              </Text>
            )}
            {c.language && (
              <Text size="sm">
                <b>{t('contacts.language')}:</b> {c.language}
              </Text>
            )}
          </SimpleGrid>
          <RecordLinks table="contacts" id={c.id} labelOf={labelOf} />
          {c.dnaSample?.given && (
            <Text size="sm" mt="xs">
              {t('contacts.dnaGiven', { to: c.dnaSample.to || t('common.none'), date: fmt(c.dnaSample.date) })}
            </Text>
          )}
          <Title order={4} size="h6" mt="md">
            {t('contacts.log')}
          </Title>
          {c.log.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('contacts.logEmpty')}
            </Text>
          )}
          <Stack
            gap={6}
            component="ol"
            style={{ margin: 0, paddingInlineStart: '1.2em' }}
            aria-label={t('contacts.log')}
          >
            {[...c.log]
              .sort((a, b) => (a.at < b.at ? 1 : -1))
              .map((l, i) => (
                <li key={`${l.at}-${i}`}>
                  <Text size="sm">
                    {t('contacts.logLine', {
                      date: formatTimestamp(l.at, settings).split(',')[0],
                      channel: t(`contacts.channels.${l.channel}`, { defaultValue: l.channel }),
                      by: l.by || t('common.localUser'),
                    })}
                  </Text>
                  {l.notes && (
                    <Text size="sm" c="dimmed" dir="auto">
                      {l.notes}
                    </Text>
                  )}
                  {l.followUp && (
                    <Text size="sm" c="orange">
                      {t('contacts.followUpOn', { date: l.followUp })}
                    </Text>
                  )}
                </li>
              ))}
          </Stack>
        </Paper>
      ))}

      <Modal opened={draft !== null} onClose={() => setDraft(null)} title={t('contacts.dialog')} size="xl">
        {draft && (
          <Stack
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveContact();
            }}
          >
            <Textarea
              label={t('contacts.safetyNotes')}
              description={t('contacts.safetyHint')}
              value={draft.safetyNotes}
              onChange={(e) => setDraft({ ...draft, safetyNotes: e.currentTarget.value })}
              autosize
              minRows={2}
              dir="auto"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('contacts.name')}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                required
                dir="auto"
              />
              <TextInput
                label={t('contacts.relationship')}
                value={draft.relationship}
                onChange={(e) => setDraft({ ...draft, relationship: e.currentTarget.value })}
                dir="auto"
              />
              <TagsInput
                label={t('contacts.phones')}
                value={draft.phones}
                onChange={(phones) => setDraft({ ...draft, phones })}
              />
              <TagsInput
                label={t('contacts.messaging')}
                value={draft.messaging}
                onChange={(messaging) => setDraft({ ...draft, messaging })}
              />
              <TextInput
                label={t('contacts.address')}
                value={draft.address}
                onChange={(e) => setDraft({ ...draft, address: e.currentTarget.value })}
                dir="auto"
              />
              <TextInput
                label={t('contacts.language')}
                value={draft.language}
                onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value })}
                dir="auto"
              />
            </SimpleGrid>
            <Checkbox
              label={t('contacts.consentToContact')}
              checked={draft.consentToContact}
              onChange={(e) => setDraft({ ...draft, consentToContact: e.currentTarget.checked })}
            />
            <TagsInput
              label={t('contacts.consentToShare')}
              value={draft.consentToShare}
              onChange={(consentToShare) => setDraft({ ...draft, consentToShare })}
            />
            <Checkbox
              label={t('contacts.dna')}
              checked={draft.dnaGiven}
              onChange={(e) => setDraft({ ...draft, dnaGiven: e.currentTarget.checked })}
            />
            {draft.dnaGiven && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('contacts.dnaTo')}
                  value={draft.dnaTo}
                  onChange={(e) => setDraft({ ...draft, dnaTo: e.currentTarget.value })}
                  dir="auto"
                />
                <PartialDateField
                  label={t('contacts.dnaDate')}
                  value={draft.dnaDateText}
                  onChange={(v) => setDraft({ ...draft, dnaDateText: v })}
                />
              </SimpleGrid>
            )}
            <FormFooter error={error} onCancel={() => setDraft(null)} />
          </Stack>
        )}
      </Modal>

      <Modal opened={logDraft !== null} onClose={() => setLogDraft(null)} title={t('contacts.logDialog')} size="lg">
        {logDraft && (
          <Stack
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveLog();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label={t('contacts.logDate')}
                value={logDraft.day}
                max={today()}
                required
                onChange={(e) => setLogDraft({ ...logDraft, day: e.currentTarget.value })}
              />
              <Select
                label={t('contacts.channel')}
                value={logDraft.channel}
                allowDeselect={false}
                onChange={(v) => v && setLogDraft({ ...logDraft, channel: v })}
                data={CHANNELS.map((c) => ({ value: c, label: t(`contacts.channels.${c}`) }))}
              />
              <TextInput
                label={t('contacts.by')}
                value={logDraft.by}
                onChange={(e) => setLogDraft({ ...logDraft, by: e.currentTarget.value })}
                dir="auto"
              />
              <TextInput
                type="date"
                label={t('contacts.followUp')}
                value={logDraft.followUp}
                min={logDraft.day}
                onChange={(e) => setLogDraft({ ...logDraft, followUp: e.currentTarget.value })}
              />
            </SimpleGrid>
            <Textarea
              label={t('contacts.notes')}
              value={logDraft.notes}
              onChange={(e) => setLogDraft({ ...logDraft, notes: e.currentTarget.value })}
              autosize
              minRows={3}
              dir="auto"
            />
            <FormFooter error={error} onCancel={() => setLogDraft(null)} saveDisabled={!logDraft.day} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
