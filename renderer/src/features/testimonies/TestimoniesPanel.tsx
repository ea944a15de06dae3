import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Pill,
} from '@mantine/core';
import type { Person, Recipient, Testimony } from '@shared/domain/records';
import { sameRecipientName } from '@shared/domain/consent';
import { TestimonyReview } from '../reviews/CaseReview';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { errorMessage } from '../../session/error-message';
import { displayName } from '@shared/names/display-name';
import { PartialDateField } from '../../components/PartialDateField';
import { useFormatDate } from '../../components/use-format-date';
import { placeLabel } from '../../components/place-label';
import { RichTextEditor } from '../../editor/RichTextEditor';
import type { MentionItem } from '../../editor/mention-suggestion';
import { PlacePicker } from '../../components/PlacePicker';
import { randomId } from '../../db/webcrypto-key';
import {
  blankTestimonyDraft,
  testimonyChanges,
  testimonyDraftFrom,
  type TestimonyDraft,
  type TestimonyProblem,
} from './testimony-draft';

type Draft = TestimonyDraft;

const PROBLEM_MESSAGES: Partial<Record<TestimonyProblem, string>> = {
  'witness-required': 'testimonies.witnessRequired',
  'pseudonym-required': 'testimonies.pseudonymRequired',
};

/** Where autosave seals a draft: a new testimony by its case (so a crash mid-way can find it again), a saved one by its id. */
const draftKey = (d: { id: string; isNew: boolean }, caseId: string): string =>
  d.isNew ? `testimony-new:${caseId}` : `testimony:${d.id}`;

/** Testimonies of a case: witnesses appear by pseudonym; identity is shown only when deliberately opened. */
export function TestimoniesPanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormatDate();
  const { records: testimonies } = useRecords(session.testimonies, (x) => x.caseId === caseId, [caseId]);
  const { records: persons } = useRecords(session.persons, () => true, []);
  const [open, setOpen] = useState<Draft | null>(null);
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const witnessOf = (id: string): Person | undefined => persons?.find((p) => p.id === id);

  const startNew = async (): Promise<void> => {
    const sealed = await session.drafts.load<Draft>(draftKey({ id: '', isNew: true }, caseId));
    if (sealed) {
      setOpen(sealed);
      return;
    }
    setOpen(blankDraft());
  };
  const blankDraft = (): Draft => blankTestimonyDraft(randomId(), session.actor);
  const openExisting = (x: Testimony): void => setOpen(testimonyDraftFrom(x));

  if (open) return <TestimonyEditor caseId={caseId} initial={open} onClose={() => setOpen(null)} />;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('testimonies.title')}
        </Title>
        <Button onClick={() => void startNew()}>{t('testimonies.add')}</Button>
      </Group>
      {testimonies && testimonies.length === 0 && <Text c="dimmed">{t('testimonies.empty')}</Text>}
      {(testimonies ?? []).map((x) => {
        const w = witnessOf(x.witnessId);
        const pseudonym = w?.pseudonym || t('common.none');
        return (
          <Paper key={x.id} withBorder p="md" component="article" aria-label={pseudonym}>
            <Group justify="space-between" align="start">
              <Stack gap={2}>
                <Title order={3} size="h5" dir="auto">
                  {pseudonym}
                </Title>
                <Text size="sm" c="dimmed">
                  {fmt(x.date)} · {t(`testimonies.scopes.${x.consent.scope}`)}
                </Text>
                {revealed.has(x.id) && w && (
                  <Text size="sm" c="orange" dir="auto">
                    {t('testimonies.identity', { name: displayName(w.nameAr, w.nameLatin, 'en') })}
                  </Text>
                )}
              </Stack>
              <Group gap="xs">
                {!revealed.has(x.id) && (
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={t('testimonies.showIdentityNamed', { pseudonym })}
                    onClick={() => setRevealed(new Set([...revealed, x.id]))}
                  >
                    {t('testimonies.showIdentity')}
                  </Button>
                )}
                <Button
                  size="xs"
                  aria-label={t('testimonies.editNamed', { name: pseudonym })}
                  onClick={() => openExisting(x)}
                >
                  {t('testimonies.edit')}
                </Button>
              </Group>
            </Group>
            {x.consent.withdrawnAt && (
              <Badge color="red" mt="xs">
                {t('testimonies.withdrawn', { date: x.consent.withdrawnAt })}
              </Badge>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}

function TestimonyEditor({
  caseId,
  initial,
  onClose,
}: {
  caseId: string;
  initial: Draft;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const fmt = useFormatDate();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const { records: persons } = useRecords(session.persons, () => true, []);
  const { records: places } = useRecords(session.places, () => true, []);
  const { records: events } = useRecords(session.events, (e) => e.caseId === caseId, [caseId]);
  const { records: units } = useRecords(session.units, () => true, []);
  const { records: recipients } = useRecords(session.recipients, () => true, []);
  const { records: documents } = useRecords(session.documents, (d) => d.caseId === caseId, [caseId]);
  // Only a testimony already on record can be put to a reviewer.
  const { records: stored } = useRecords(session.testimonies, (x) => x.id === initial.id, [initial.id]);
  const saved = (stored ?? []).length > 0;
  const { records: links } = useRecords(
    session.links,
    (l) => l.fromTable === 'testimonies' && l.fromId === initial.id,
    [initial.id],
  );
  const baseline = useRef(JSON.stringify(initial));

  // Restore text kept safe by autosave (a crash, a lock) before anything else.
  useEffect(() => {
    void session.drafts.load<Draft>(draftKey(initial, caseId)).then((saved) => {
      if (saved) {
        setDraft(saved);
        setNotice(t('testimonies.restored'));
      }
    });
    // Not on `t`: a change of language must not put the autosaved text back over newer typing.
  }, [initial, caseId, session]); // eslint-disable-line react-hooks/exhaustive-deps

  // Autosave: the draft is sealed with the vault key about a second after typing stops.
  useEffect(() => {
    if (JSON.stringify(draft) === baseline.current) return;
    const timer = setTimeout(() => {
      void session.drafts
        .save(draftKey(draft, caseId), draft)
        .then(() => setAutosavedAt(new Date().toLocaleTimeString(settings.language === 'ar' ? 'ar-SY' : 'en-GB')));
    }, 800);
    return () => clearTimeout(timer);
  }, [draft, caseId, session, settings.language]);

  const witnesses = (persons ?? []).filter((p) => p.role === 'witness');
  const mentionItems = useMemo(() => {
    const all: MentionItem[] = [
      ...(persons ?? [])
        .filter((p) => p.role !== 'witness')
        .map((p) => ({
          id: `persons:${p.id}`,
          label: displayName(p.nameAr, p.nameLatin, settings.language),
          kind: t('testimonies.mentionKinds.persons'),
        })),
      ...(persons ?? [])
        .filter((p) => p.role === 'witness')
        .map((p) => ({ id: `persons:${p.id}`, label: p.pseudonym, kind: t('testimonies.mentionKinds.persons') })),
      ...(places ?? []).map((p) => ({
        id: `places:${p.id}`,
        label: placeLabel(p, settings.language, ''),
        kind: t('testimonies.mentionKinds.places'),
      })),
      ...(events ?? []).map((e) => ({
        id: `events:${e.id}`,
        label: `${t(`eventKind.${e.kind}`)} ${fmt(e.date)}`,
        kind: t('testimonies.mentionKinds.events'),
      })),
      ...(units ?? []).map((u) => ({
        id: `units:${u.id}`,
        label: displayName(u.nameAr, u.nameEn, settings.language),
        kind: t('testimonies.mentionKinds.units'),
      })),
    ];
    return (q: string) => {
      const s = q.trim().toLocaleLowerCase();
      return all.filter((i) => !s || i.label.toLocaleLowerCase().includes(s));
    };
  }, [persons, places, events, units, settings.language, t, fmt]);

  const save = async (): Promise<void> => {
    setError(null);
    const planned = testimonyChanges(draft, {
      caseId,
      existing: await session.testimonies.get(draft.id),
      mentionLinks: await session.links.where(
        (l) => l.type === 'mentions' && l.fromTable === 'testimonies' && l.fromId === draft.id,
      ),
      actor: session.actor,
      now: new Date(),
      newId: randomId,
    });
    if (!planned.ok) {
      setError(t(PROBLEM_MESSAGES[planned.problem] ?? `errors.${planned.problem}`));
      return;
    }
    try {
      await session.commit(planned.changes);
      await session.drafts.clear(draftKey(draft, caseId));
      const saved: Draft = { ...draft, isNew: false, witnessId: planned.witnessId, newWitness: null };
      baseline.current = JSON.stringify(saved);
      setDraft(saved);
      setNotice(t('testimonies.saved'));
      setAutosavedAt(null);
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  const set = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });
  const setConsent = (patch: Partial<Draft['consent']>): void =>
    setDraft({ ...draft, consent: { ...draft.consent, ...patch } });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Stack
      gap="md"
      component="form"
      aria-label={t('testimonies.editor')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('testimonies.editor')}
        </Title>
        <Group gap="xs">
          {autosavedAt && (
            <Text size="sm" c="dimmed" role="status">
              {t('testimonies.autosaved', { time: autosavedAt })}
            </Text>
          )}
          <Button variant="default" onClick={onClose}>
            {t('testimonies.close')}
          </Button>
          <Button type="submit">{t('testimonies.save')}</Button>
        </Group>
      </Group>
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {saved && <TestimonyReview testimonyId={draft.id} caseId={caseId} />}
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('testimonies.witness')}
        </Title>
        {!draft.newWitness ? (
          <Group align="end">
            <Select
              label={t('testimonies.chooseWitness')}
              value={draft.witnessId}
              onChange={(v) => set({ witnessId: v })}
              w={320}
              searchable
              data={witnesses.map((w) => ({ value: w.id, label: w.pseudonym || t('common.none') }))}
            />
            {draft.isNew && (
              <Button
                variant="light"
                onClick={() =>
                  set({
                    witnessId: null,
                    newWitness: { nameAr: '', nameLatin: '', pseudonym: '', protectionLevel: 'standard' },
                  })
                }
              >
                {t('testimonies.newWitness')}
              </Button>
            )}
          </Group>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('testimonies.pseudonym')}
              value={draft.newWitness.pseudonym}
              required
              dir="auto"
              onChange={(e) => set({ newWitness: { ...draft.newWitness!, pseudonym: e.currentTarget.value } })}
            />
            <Select
              label={t('testimonies.protection')}
              value={draft.newWitness.protectionLevel}
              allowDeselect={false}
              onChange={(v) =>
                v && set({ newWitness: { ...draft.newWitness!, protectionLevel: v as Person['protectionLevel'] } })
              }
              data={(['none', 'standard', 'high'] as const).map((l) => ({
                value: l,
                label: t(`testimonies.protectionLevels.${l}`),
              }))}
            />
            <TextInput
              label={t('testimonies.witnessNameAr')}
              value={draft.newWitness.nameAr}
              dir="rtl"
              onChange={(e) => set({ newWitness: { ...draft.newWitness!, nameAr: e.currentTarget.value } })}
            />
            <TextInput
              label={t('testimonies.witnessNameLatin')}
              value={draft.newWitness.nameLatin}
              dir="ltr"
              onChange={(e) => set({ newWitness: { ...draft.newWitness!, nameLatin: e.currentTarget.value } })}
            />
          </SimpleGrid>
        )}
      </Paper>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PartialDateField
            label={t('testimonies.date')}
            value={draft.dateText}
            onChange={(v) => set({ dateText: v })}
          />
          <PlacePicker label={t('testimonies.place')} value={draft.placeId} onChange={(placeId) => set({ placeId })} />
          <TextInput
            label={t('testimonies.interviewer')}
            value={draft.interviewer}
            onChange={(e) => set({ interviewer: e.currentTarget.value })}
            dir="auto"
          />
          <TextInput
            label={t('testimonies.language')}
            value={draft.language}
            onChange={(e) => set({ language: e.currentTarget.value })}
            dir="auto"
          />
          <TextInput
            label={t('testimonies.interpreter')}
            value={draft.interpreter}
            onChange={(e) => set({ interpreter: e.currentTarget.value })}
            dir="auto"
          />
          <TextInput
            label={t('testimonies.recordedHow')}
            value={draft.recordedHow}
            onChange={(e) => set({ recordedHow: e.currentTarget.value })}
            dir="auto"
          />
        </SimpleGrid>
      </Paper>
      <MultiSelect
        label={t('testimonies.attachments')}
        value={draft.attachmentIds ?? []}
        onChange={(attachmentIds) => set({ attachmentIds })}
        searchable
        data={(documents ?? []).map((d) => ({ value: d.id, label: d.originalName }))}
      />
      <Text size="sm" c="dimmed">
        {t('testimonies.mentionHint')}
      </Text>
      <RichTextEditor
        label={t('testimonies.content')}
        value={draft.content}
        onChange={(content) => set({ content })}
        mentionItems={mentionItems}
      />
      {links && links.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('testimonies.mentions')}
          </Text>
          <Group gap="xs" role="list" aria-label={t('testimonies.mentions')}>
            {links.map((l) => {
              const label =
                l.toTable === 'places'
                  ? placeLabel(
                      places?.find((p) => p.id === l.toId),
                      settings.language,
                      l.toId,
                    )
                  : l.toTable === 'units'
                    ? (() => {
                        const u = units?.find((x) => x.id === l.toId);
                        return u ? displayName(u.nameAr, u.nameEn, settings.language) : l.toId;
                      })()
                    : l.toTable === 'persons'
                      ? (() => {
                          const p = persons?.find((x) => x.id === l.toId);
                          return p
                            ? p.role === 'witness'
                              ? p.pseudonym
                              : displayName(p.nameAr, p.nameLatin, settings.language)
                            : l.toId;
                        })()
                      : (() => {
                          const e = events?.find((x) => x.id === l.toId);
                          return e ? `${t(`eventKind.${e.kind}`)} ${fmt(e.date)}` : l.toId;
                        })();
              return (
                <Badge key={l.id} role="listitem" variant="outline" tt="none">
                  {label} · {t(`testimonies.mentionKinds.${l.toTable}`, { defaultValue: l.toTable })}
                </Badge>
              );
            })}
          </Group>
        </Stack>
      )}
      <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
        <Title order={3} size="h5" mb="xs" component="legend">
          {t('testimonies.consent')}
        </Title>
        {draft.consent.withdrawnAt ? (
          <Alert color="red" role="status">
            {t('testimonies.withdrawn', { date: draft.consent.withdrawnAt })}
          </Alert>
        ) : (
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="scope-label">
                {t('testimonies.scope')}
              </Text>
              <SegmentedControl
                aria-labelledby="scope-label"
                value={draft.consent.scope}
                onChange={(v) => setConsent({ scope: v as Draft['consent']['scope'] })}
                data={(['internal', 'mechanisms', 'public-anonymised'] as const).map((s) => ({
                  value: s,
                  label: t(`testimonies.scopes.${s}`),
                }))}
              />
            </Stack>
            {draft.consent.scope === 'mechanisms' && (
              <ConsentRecipients
                recipients={recipients ?? []}
                recipientIds={draft.consent.recipientIds ?? []}
                names={draft.consent.mechanisms}
                onChange={(recipientIds, mechanisms) => setConsent({ recipientIds, mechanisms })}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PartialDateField
                label={t('testimonies.obtainedAt')}
                value={draft.consent.obtainedText}
                onChange={(v) => setConsent({ obtainedText: v })}
              />
              <TextInput
                label={t('testimonies.how')}
                value={draft.consent.how}
                onChange={(e) => setConsent({ how: e.currentTarget.value })}
                dir="auto"
              />
            </SimpleGrid>
            {!draft.isNew && (
              <Button
                color="red"
                variant="light"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => setConfirmWithdraw(true)}
              >
                {t('testimonies.withdraw')}
              </Button>
            )}
          </Stack>
        )}
      </Paper>
      <Modal opened={confirmWithdraw} onClose={() => setConfirmWithdraw(false)} title={t('testimonies.withdrawTitle')}>
        <Text>{t('testimonies.withdrawBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmWithdraw(false)}>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmWithdraw(false);
              setConsent({ withdrawnAt: today });
            }}
          >
            {t('testimonies.withdraw')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/**
 * The recipients a witness agreed to, chosen from those on record (never typed: an export is checked against
 * the record, so a recipient given an agreed one's name is not covered). Names typed by an older version are
 * shown apart, with a way to swap each for the recipient of the same name.
 */
function ConsentRecipients({
  recipients,
  recipientIds,
  names,
  onChange,
}: {
  recipients: Recipient[];
  recipientIds: string[];
  names: string[];
  onChange: (recipientIds: string[], names: string[]) => void;
}): ReactNode {
  const { t } = useTranslation();
  const matchOf = (name: string): Recipient | null => {
    const found = recipients.filter((r) => sameRecipientName(r.name, name));
    return found.length === 1 ? found[0]! : null;
  };
  const matched = names.filter((n) => matchOf(n));
  // A recipient deleted since stays listed by its id, so that consent never silently widens or narrows.
  const known = new Set(recipients.map((r) => r.id));
  const data = [
    ...recipients.map((r) => ({ value: r.id, label: r.name })),
    ...recipientIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('testimonies.recipientGone') })),
  ];
  return (
    <Stack gap="xs">
      <MultiSelect
        label={t('testimonies.mechanisms')}
        description={recipients.length ? t('testimonies.recipientsHint') : t('testimonies.noRecipients')}
        data={data}
        value={recipientIds}
        onChange={(ids) => onChange(ids, names)}
        maxValues={100}
        searchable
      />
      {names.length > 0 && (
        <Alert color="yellow" role="note" title={t('testimonies.namesTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('testimonies.namesIntro', { names: names.join(', ') })}</Text>
            <Group gap="xs">
              {names.map((n) => (
                <Pill
                  key={n}
                  withRemoveButton
                  removeButtonProps={{ 'aria-label': t('testimonies.namesRemove', { name: n }) }}
                  onRemove={() =>
                    onChange(
                      recipientIds,
                      names.filter((x) => x !== n),
                    )
                  }
                >
                  <bdi>{n}</bdi>
                </Pill>
              ))}
            </Group>
            {matched.length > 0 && (
              <Button
                size="xs"
                variant="light"
                style={{ alignSelf: 'start' }}
                onClick={() =>
                  onChange(
                    [...new Set([...recipientIds, ...matched.map((n) => matchOf(n)!.id)])],
                    names.filter((n) => !matchOf(n)),
                  )
                }
              >
                {t('testimonies.namesReplace', { count: matched.length })}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
