import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  MultiSelect,
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
import {
  CASE_KINDS,
  CASE_STATUSES,
  CONFIDENTIALITY,
  PLACE_KINDS,
  PRIORITIES,
  SEXES,
  type Case,
  type CaseStatus,
  type Place,
} from '@shared/domain/records';
import { changeStatus } from '@shared/domain/case-status';
import { useSession, useVault } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { useSettings } from '../../settings/settings-store';
import {
  draftFrom,
  emptyDraft,
  validateDraft,
  withInitialStatus,
  type CaseDraft,
  type DraftProblem,
} from './case-draft';
import { displayName } from '@shared/names/display-name';
import { StatusBadge } from './StatusBadge';
import { PartialDateField } from '../../components/PartialDateField';
import { formatTimestamp } from '../../components/format';
import { RichTextEditor } from '../../editor/RichTextEditor';
import { DuplicateWarnings } from '../duplicates/DuplicateWarnings';
import { MergeBanner } from '../duplicates/MergeBanner';
import { parseOptionalPartialDate } from '@shared/domain/partial-date';
import { useRecords } from '../../session/use-records';
import { writeRefusal } from '@shared/domain/permissions';
import { useMemberNames } from '../../session/use-member-names';

type Loaded = { kind: 'new' } | { kind: 'existing'; record: Case };

/** The case form. Inside a case page (`embedded`) the page's header names the case, so the form shows only its save state. */
export function CaseEditorScreen({ embedded = false }: { embedded?: boolean }): ReactNode {
  const { t } = useTranslation();
  const { caseId } = useParams();
  const session = useSession();
  const { onBeforeLock } = useVault();
  const draftId = caseId ?? 'new';
  const [restored, setRestored] = useState(false);
  const settings = useSettings();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<CaseDraft | null>(null);
  const [baseline, setBaseline] = useState<string>('');
  const [places, setPlaces] = useState<Place[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const [nextStatus, setNextStatus] = useState<CaseStatus | null>(null);
  const [statusReason, setStatusReason] = useState('');
  const [statusError, setStatusError] = useState<string | null>(null);
  /** Who may read a restricted or strict case (its compartment's assigned members). */
  const [access, setAccess] = useState<string[]>([session.member.id]);
  const [accessBaseline, setAccessBaseline] = useState<string>(JSON.stringify([session.member.id]));
  const [sealing, setSealing] = useState<{ done: number; total: number } | null>(null);
  const { records: activeMembers } = useRecords(session.members, (m) => m.status === 'active', []);
  const nameOf = useMemberNames();

  useEffect(() => {
    let live = true;
    setLoadError(null);
    void session.cases.places().then(
      (p) => {
        if (live) setPlaces(p);
      },
      () => undefined,
    );
    const sealed = session.drafts.load<CaseDraft>(caseId ?? 'new');
    if (!caseId) {
      const d = emptyDraft(session.actor, t('caseEditor.initialReasonDefault'), undefined, session.member.id);
      void sealed.then((saved) => {
        if (!live) return;
        setLoaded({ kind: 'new' });
        setDraft(saved ?? d);
        setRestored(saved !== null);
        setBaseline(JSON.stringify(d));
      });
      return () => {
        live = false;
      };
    }
    Promise.all([session.cases.load(caseId), sealed]).then(
      ([r, saved]) => {
        if (!live) return;
        if (!r) {
          setLoadError(t('errors.case-not-found'));
          return;
        }
        const d = draftFrom(r.record, r.subject);
        const assigned = session.storage.compartments.ofCase(r.record.id)?.assigned ?? [session.member.id];
        setAccess(assigned);
        setAccessBaseline(JSON.stringify(assigned));
        setLoaded({ kind: 'existing', record: r.record });
        setDraft(saved ?? d);
        setRestored(saved !== null);
        setBaseline(JSON.stringify(d));
      },
      (e: unknown) => {
        if (live) setLoadError(errorMessage(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [caseId, session]); // eslint-disable-line react-hooks/exhaustive-deps

  const dirty =
    draft !== null &&
    (JSON.stringify(draft) !== baseline ||
      (draft.record.confidentiality !== 'standard' && JSON.stringify(access) !== accessBaseline));
  // The blocker reads a ref: right after a save the rendered `dirty` is stale, and the redirect to the new case must pass.
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // Locking (idle, sleep, shortcut) seals the unsaved form with the vault key; it comes back on the next unlock.
  const draftRef = useRef<CaseDraft | null>(null);
  draftRef.current = draft;
  useEffect(
    () =>
      onBeforeLock(async () => {
        if (dirtyRef.current && draftRef.current) await session.drafts.save(draftId, draftRef.current);
      }),
    [onBeforeLock, session, draftId],
  );

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const isMember = (id: string): boolean => (activeMembers ?? []).some((m) => m.id === id);

  const save = useCallback(async () => {
    if (!draft || !loaded || saving) return;
    const v = validateDraft(draft, loaded.kind === 'new');
    if (!v.ok) {
      setProblems(v.problems);
      return;
    }
    setProblems([]);
    setSaveError(null);
    setSaving(true);
    try {
      // A restricted case's members: the key is given to those added, and made anew when someone leaves.
      const share = async (id: string): Promise<void> => {
        if (v.record.confidentiality === 'standard') return;
        const wanted = [...new Set([...access, ...(isMember(v.record.assignee) ? [v.record.assignee] : [])])];
        const current = session.storage.compartments.ofCase(id)?.assigned ?? [];
        if (JSON.stringify([...wanted].sort()) === JSON.stringify([...current].sort())) return;
        await session.storage.compartments.assign(id, wanted, { onProgress: (p) => setSealing(p) });
        setAccess(wanted);
        setAccessBaseline(JSON.stringify(wanted));
        session.invalidateAll();
      };
      if (loaded.kind === 'new') {
        const created = await session.cases.create(v.record, v.subject);
        await share(created.id);
        await session.drafts.clear(draftId);
        setRestored(false);
        setBaseline(JSON.stringify(draft));
        setSavedNotice(t('caseEditor.savedAt', { reference: created.reference }));
        dirtyRef.current = false;
        void navigate(`/cases/${created.id}`, { replace: true });
      } else {
        const current = await session.cases.load(loaded.record.id);
        if (!current) throw new Error('case-not-found');
        // A merge is made and undone on its own (not through this form): the stored mark wins over the draft's copy.
        const updated = await session.cases.update(
          { ...current.record, ...v.record },
          { ...current.subject, ...v.subject, mergedInto: current.subject.mergedInto },
        );
        await share(updated.id);
        if (updated.confidentiality !== loaded.record.confidentiality) {
          // Its older records move in (or out) under the case's key; the list and search follow.
          await session.storage.compartments.settle({ onProgress: (p) => setSealing(p) });
          session.invalidateAll();
        }
        await session.drafts.clear(draftId);
        setRestored(false);
        const reloaded = draftFrom(updated, { ...current.subject, ...v.subject });
        setLoaded({ kind: 'existing', record: updated });
        setDraft(reloaded);
        setBaseline(JSON.stringify(reloaded));
        setSavedNotice(t('caseEditor.savedAt', { reference: updated.reference }));
      }
    } catch (e) {
      setSaveError(errorMessage(t, e));
    } finally {
      setSaving(false);
      setSealing(null);
    }
  }, [draft, loaded, saving, session, t, navigate, draftId, access]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  useEffect(() => {
    if (dirty) setSavedNotice(null);
  }, [dirty]);

  const placeOptions = useMemo(
    () =>
      PLACE_KINDS.map((kind) => ({
        group: t(`placeKind.${kind}`),
        items: places
          .filter((p) => p.kind === kind)
          .map((p) => ({ value: p.id, label: displayName(p.nameAr, p.nameEn, settings.language) }))
          .sort((a, b) => a.label.localeCompare(b.label, settings.language)),
      })).filter((g) => g.items.length > 0),
    [places, settings.language, t],
  );

  if (loadError)
    return (
      <Alert color="red" role="alert">
        {loadError}
      </Alert>
    );
  if (!draft || !loaded) return <Loader aria-label={t('cases.loading')} />;

  const memberOptions = (activeMembers ?? []).map((m) => ({ value: m.id, label: m.name }));
  const setRecord = (patch: Partial<CaseDraft['record']>): void =>
    setDraft({ ...draft, record: { ...draft.record, ...patch } });
  const setSubject = (patch: Partial<CaseDraft['subject']>): void =>
    setDraft({ ...draft, subject: { ...draft.subject, ...patch } });
  const isNew = loaded.kind === 'new';
  // The store refuses a save beyond the member's roles anyway; the form says so before anything is typed.
  const canWrite = writeRefusal(session.member.roles, 'cases') === null;
  const subjectTitle = displayName(draft.subject.nameAr, draft.subject.nameLatin, settings.language);
  const originalStatus = loaded.kind === 'existing' ? loaded.record.status : null;
  const pendingStatus = !isNew && originalStatus !== draft.record.status ? draft.record.status : null;

  const applyStatus = (): void => {
    if (!nextStatus) return;
    const r = changeStatus(draft.record, nextStatus, statusReason, session.actor, new Date().toISOString());
    if (!r.ok) {
      setStatusError(t(`errors.${r.error}`));
      return;
    }
    setStatusError(null);
    setRecord({ status: r.status, statusHistory: r.statusHistory });
    setNextStatus(null);
    setStatusReason('');
  };

  const problemText = problems.map((p) => t(`errors.${p}`)).join(' ');
  const field = (
    k: 'nameAr' | 'nameLatin' | 'fatherName' | 'motherName' | 'nationality' | 'occupation',
    dir?: 'rtl' | 'ltr' | 'auto',
  ) => (
    <TextInput
      label={t(`caseEditor.${k}`)}
      value={draft.subject[k]}
      onChange={(e) => setSubject({ [k]: e.currentTarget.value })}
      dir={dir ?? 'auto'}
      error={k === 'nameLatin' && problems.includes('name-required') ? t('errors.name-required') : undefined}
    />
  );

  return (
    <Stack
      gap="md"
      pb="xl"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={isNew ? t('caseEditor.newTitle') : subjectTitle}
    >
      <Group justify="space-between" align="start">
        {embedded ? (
          <span />
        ) : (
          <Stack gap={4}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => void navigate('/cases')}
            >
              {t('actions.back')}
            </Anchor>
            <Title order={1} size="h2">
              {isNew ? t('caseEditor.newTitle') : subjectTitle || t('common.none')}
            </Title>
            {loaded.kind === 'existing' && (
              <Group gap="xs">
                <Text ff="monospace" dir="ltr" aria-label={t('caseEditor.reference')}>
                  {loaded.record.reference}
                </Text>
                <StatusBadge status={loaded.record.status} />
                <Text size="sm" c="dimmed">
                  {t(`priority.${loaded.record.priority}`)} ·{' '}
                  {loaded.record.assignee ? nameOf(loaded.record.assignee) : t('common.none')}
                </Text>
              </Group>
            )}
          </Stack>
        )}
        <Group gap="sm">
          <Text size="sm" c={dirty ? 'orange' : 'dimmed'} role="status">
            {dirty ? t('caseEditor.unsaved') : t('caseEditor.saved')}
          </Text>
          <Button
            type="submit"
            loading={saving}
            disabled={!canWrite || (!dirty && !isNew)}
            aria-keyshortcuts="Control+S"
          >
            {t('actions.save')}
          </Button>
        </Group>
      </Group>
      {!canWrite && (
        <Alert color="gray" role="note">
          {t('caseEditor.readOnly')}
        </Alert>
      )}
      {restored && (
        <Alert color="blue" role="status">
          {t('caseEditor.restoredDraft')}
        </Alert>
      )}
      {savedNotice && (
        <Alert color="teal" role="status">
          {savedNotice}
        </Alert>
      )}
      {saveError && (
        <Alert color="red" role="alert">
          {saveError}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert color="red" role="alert">
          {problemText}
        </Alert>
      )}

      {loaded.kind === 'existing' && <MergeBanner personId={loaded.record.subjectId} />}
      <Paper withBorder p="md" component="section" aria-labelledby="subject-h">
        <Title order={2} size="h4" mb="sm" id="subject-h">
          {t('caseEditor.subject')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {field('nameAr', 'rtl')}
          {field('nameLatin', 'ltr')}
          {field('fatherName')}
          {field('motherName')}
          <TagsInput
            label={t('caseEditor.aliases')}
            description={t('caseEditor.aliasesHint')}
            value={draft.subject.aliases}
            onChange={(v) => setSubject({ aliases: v })}
            clearable
          />
          <Select
            label={t('caseEditor.sex')}
            value={draft.subject.sex}
            allowDeselect={false}
            onChange={(v) => setSubject({ sex: (v ?? 'unknown') as CaseDraft['subject']['sex'] })}
            data={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
          <PartialDateField
            label={t('caseEditor.birthDate')}
            value={draft.birthDateText}
            onChange={(v) => setDraft({ ...draft, birthDateText: v })}
          />
          <Select
            label={t('caseEditor.birthPlace')}
            value={draft.subject.birthPlaceId}
            onChange={(v) => setSubject({ birthPlaceId: v })}
            searchable
            clearable
            placeholder={t('caseEditor.placeNone')}
            data={placeOptions}
          />
          {field('nationality')}
          {field('occupation')}
        </SimpleGrid>
        <Textarea
          mt="sm"
          label={t('caseEditor.description')}
          value={draft.subject.description}
          onChange={(e) => setSubject({ description: e.currentTarget.value })}
          autosize
          minRows={2}
          dir="auto"
        />
        <Stack gap="xs" mt="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" size="sm" fw={500}>
            {t('caseEditor.ids')}
          </Text>
          {draft.subject.ids.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('caseEditor.noIds')}
            </Text>
          )}
          {draft.subject.ids.map((doc, i) => (
            <Grid key={i} align="end">
              {(['kind', 'value', 'issuer'] as const).map((k) => (
                <Grid.Col span={{ base: 12, sm: 'auto' }} key={k}>
                  <TextInput
                    label={t(`caseEditor.id${k === 'kind' ? 'Kind' : k === 'value' ? 'Value' : 'Issuer'}`)}
                    value={doc[k]}
                    dir="auto"
                    onChange={(e) => {
                      const ids = [...draft.subject.ids];
                      ids[i] = { ...doc, [k]: e.currentTarget.value };
                      setSubject({ ids });
                    }}
                  />
                </Grid.Col>
              ))}
              <Grid.Col span="content">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('caseEditor.removeId', { n: i + 1 })}
                  onClick={() => setSubject({ ids: draft.subject.ids.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              </Grid.Col>
            </Grid>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => setSubject({ ids: [...draft.subject.ids, { kind: '', value: '', issuer: '' }] })}
            >
              {t('caseEditor.addId')}
            </Button>
          </Group>
        </Stack>
        <DuplicateWarnings
          person={{
            ...draft.subject,
            birthDate: (() => {
              const p = parseOptionalPartialDate(draft.birthDateText);
              return p.ok ? p.value : null;
            })(),
          }}
          selfId={loaded.kind === 'existing' ? loaded.record.subjectId : null}
          canMerge={loaded.kind === 'existing' && !dirty}
        />
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="case-h">
        <Title order={2} size="h4" mb="sm" id="case-h">
          {t('caseEditor.caseDetails')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Select
            label={t('caseEditor.kind')}
            value={draft.record.kind}
            allowDeselect={false}
            onChange={(v) => v && setRecord({ kind: v as Case['kind'] })}
            data={CASE_KINDS.map((k) => ({ value: k, label: t(`caseKind.${k}`) }))}
          />
          <Select
            label={t('caseEditor.priority')}
            value={draft.record.priority}
            allowDeselect={false}
            onChange={(v) => v && setRecord({ priority: v as Case['priority'] })}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
          <Select
            label={t('caseEditor.assignee')}
            placeholder={t('common.none')}
            clearable
            searchable
            value={draft.record.assignee || null}
            onChange={(v) => setRecord({ assignee: v ?? '' })}
            data={[
              ...memberOptions,
              // A name typed before members existed, or a member removed since, stays as it was.
              ...(draft.record.assignee && !isMember(draft.record.assignee)
                ? [{ value: draft.record.assignee, label: nameOf(draft.record.assignee) }]
                : []),
            ]}
          />
          <Select
            label={t('caseEditor.confidentiality')}
            value={draft.record.confidentiality}
            allowDeselect={false}
            onChange={(v) => v && setRecord({ confidentiality: v as Case['confidentiality'] })}
            data={CONFIDENTIALITY.map((c) => ({ value: c, label: t(`confidentiality.${c}`) }))}
          />
          {draft.record.confidentiality !== 'standard' && (
            <MultiSelect
              label={t('caseEditor.access')}
              description={t(`caseEditor.accessHelp.${draft.record.confidentiality}`)}
              value={access}
              onChange={setAccess}
              data={memberOptions}
              searchable
            />
          )}
          {sealing && (
            <Text size="sm" role="status">
              {t('caseEditor.sealing', { done: sealing.done, total: sealing.total })}
            </Text>
          )}
          <TagsInput
            label={t('caseEditor.tags')}
            value={draft.record.tags}
            onChange={(v) => setRecord({ tags: v })}
            clearable
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="status-h">
        <Title order={2} size="h4" mb="sm" id="status-h">
          {t('caseEditor.statusSection')}
        </Title>
        {isNew ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select
              label={t('caseEditor.initialStatus')}
              value={draft.record.status}
              allowDeselect={false}
              onChange={(v) =>
                v &&
                setDraft(
                  withInitialStatus(
                    draft,
                    v as CaseStatus,
                    draft.initialReason,
                    session.actor,
                    new Date().toISOString(),
                  ),
                )
              }
              data={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            />
            <TextInput
              label={t('caseEditor.initialReason')}
              value={draft.initialReason}
              dir="auto"
              error={problems.includes('reason-required') ? t('errors.reason-required') : undefined}
              onChange={(e) =>
                setDraft(
                  withInitialStatus(
                    draft,
                    draft.record.status,
                    e.currentTarget.value,
                    session.actor,
                    new Date().toISOString(),
                  ),
                )
              }
            />
          </SimpleGrid>
        ) : (
          <Stack gap="sm">
            <Group gap="xs">
              <Text size="sm">{t('caseEditor.currentStatus')}</Text>
              <StatusBadge status={draft.record.status} />
            </Group>
            {pendingStatus && (
              <Alert color="orange" role="status">
                {t('caseEditor.statusPending', { status: t(`caseStatus.${pendingStatus}`) })}
              </Alert>
            )}
            <Grid align="end">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('caseEditor.newStatus')}
                  value={nextStatus}
                  onChange={(v) => setNextStatus(v as CaseStatus | null)}
                  clearable
                  data={CASE_STATUSES.filter((s) => s !== draft.record.status).map((s) => ({
                    value: s,
                    label: t(`caseStatus.${s}`),
                  }))}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  label={t('caseEditor.reason')}
                  value={statusReason}
                  onChange={(e) => setStatusReason(e.currentTarget.value)}
                  error={statusError}
                  dir="auto"
                />
              </Grid.Col>
              <Grid.Col span="content">
                <Button variant="light" onClick={applyStatus} disabled={!nextStatus}>
                  {t('caseEditor.applyStatus')}
                </Button>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('caseEditor.history')}
        </Title>
        <Stack
          gap={4}
          component="ol"
          style={{ paddingInlineStart: '1.2em', margin: 0 }}
          aria-label={t('caseEditor.history')}
        >
          {[...draft.record.statusHistory].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <Text size="sm">
                {t('caseEditor.historyEntry', {
                  status: t(`caseStatus.${h.status}`),
                  date: formatTimestamp(h.at, settings),
                  by: h.by || t('common.localUser'),
                })}
              </Text>
              <Text size="sm" c="dimmed" dir="auto">
                {h.reason}
              </Text>
            </li>
          ))}
        </Stack>
      </Paper>

      <RichTextEditor
        label={t('editor.label')}
        value={draft.record.summary}
        onChange={(summary) => setRecord({ summary })}
      />

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('caseEditor.leaveTitle')}
        centered
      >
        <Text>{t('caseEditor.leaveBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            {t('actions.stay')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              void session.drafts.clear(draftId);
              blocker.proceed?.();
            }}
          >
            {t('actions.leave')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
