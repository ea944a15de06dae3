import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import type { AuditEntry } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { CaseEditorScreen } from './CaseEditorScreen';
import { TimelinePanel } from '../events/TimelinePanel';
import { ProofOfLifePanel } from '../events/ProofOfLifePanel';
import { EventsPanel } from '../events/EventsPanel';
import { useCaseEvents } from '../../session/use-case-events';
import { ContactsPanel } from '../contacts/ContactsPanel';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { AuditTable } from '../audit/AuditTable';
import { TestimoniesPanel } from '../testimonies/TestimoniesPanel';
import { LinksPanel } from '../links/LinksPanel';
import type { CaseSummary } from '../../db/case-repository';
import { displayName } from '@shared/names/display-name';
import { StatusBadge } from './StatusBadge';
import { statusEvent } from '@shared/domain/case-status';
import { useFormatDate } from '../../components/use-format-date';
import { useMemberNames } from '../../session/use-member-names';
import { CaseReview } from '../reviews/CaseReview';

const TABS = ['overview', 'contacts', 'testimonies', 'evidence', 'events', 'links', 'history'] as const;
type Tab = (typeof TABS)[number];

/** A case in sections: the timeline first, then people and contacts, events, and history. */
export function CasePage(): ReactNode {
  const { t } = useTranslation();
  const { caseId, tab } = useParams();
  const navigate = useNavigate();
  const current: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview';
  const session = useSession();
  if (!caseId) return <CaseEditorScreen />;
  if (session.store.withheld('cases', caseId)) return <WithheldCase caseId={caseId} />;
  return (
    <Stack gap="sm">
      <CaseHeader caseId={caseId} />
      <Tabs
        value={current}
        onChange={(v) => void navigate(`/cases/${caseId}${v && v !== 'overview' ? `/${v}` : ''}`)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('casePage.tabs')} mb="md">
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`casePage.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="md">
            <ProofOfLifePanel caseId={caseId} />
            <TimelinePanel caseId={caseId} />
            <CaseReview caseId={caseId} />
            <CaseEditorScreen embedded />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="contacts">
          <ContactsPanel caseId={caseId} />
        </Tabs.Panel>
        <Tabs.Panel value="testimonies">
          <TestimoniesPanel caseId={caseId} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence">
          <EvidencePanel caseId={caseId} />
        </Tabs.Panel>
        <Tabs.Panel value="events">
          <Stack gap="md">
            <TimelinePanel caseId={caseId} />
            <EventsPanel caseId={caseId} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="links">
          <LinksPanel caseId={caseId} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <CaseHistory caseId={caseId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A restricted case this member is not assigned to: its reference, who may read it, and nothing of its content. */
function WithheldCase({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const c = session.storage.compartments.ofCase(caseId);
  const names = useMemberNames();
  return (
    <Stack gap="sm">
      <Anchor
        component="button"
        type="button"
        size="sm"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => void navigate('/cases')}
      >
        {t('actions.back')}
      </Anchor>
      <Title order={1} size="h2" dir="ltr" style={{ alignSelf: 'flex-start' }}>
        {c?.reference ?? ''}
      </Title>
      <Alert color="gray" title={t('casePage.withheldTitle', { level: t(`confidentiality.${c?.level ?? 'strict'}`) })}>
        {t('casePage.withheldBody', {
          members: new Intl.ListFormat(t('common.language.code'), { type: 'conjunction' }).format(
            (c?.assigned ?? []).map(names),
          ),
        })}
      </Alert>
    </Stack>
  );
}

/** Who this case is about, on every section (the overview's form shows it itself). */
function CaseHeader({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const navigate = useNavigate();
  const [summary, setSummary] = useState<CaseSummary | null>(null);
  const names = useMemberNames();
  const { events } = useCaseEvents(caseId);
  const fmt = useFormatDate();
  const since = summary ? statusEvent(summary.status, events ?? []) : null;
  // Re-read after every save: the summaries are updated when the case is.
  const [tick, setTick] = useState(0);
  useEffect(() => session.cases.onChange(() => setTick((n) => n + 1)), [session]);
  useEffect(() => {
    void session.cases.summaries().then((all) => setSummary(all.find((c) => c.id === caseId) ?? null));
  }, [caseId, session, tick]);
  // The case record changed on another laptop while they were apart: said here, chosen in the sync settings.
  const [versions, setVersions] = useState(0);
  useEffect(() => {
    void session.store.remote
      .conflictsOf([`cases/${caseId}`])
      .then((c) => setVersions(c.size ? (c.values().next().value?.versions.length ?? 0) + 1 : 0))
      .catch(() => undefined);
  }, [caseId, session, tick]);
  return (
    <Stack gap={4}>
      {versions > 0 && (
        <Alert color="orange" role="alert" title={t('sync.conflicts.onCase', { count: versions })}>
          <Anchor component="button" type="button" size="sm" onClick={() => void navigate('/settings#sync')}>
            {t('sync.conflicts.goChoose')}
          </Anchor>
        </Alert>
      )}
      <Anchor
        component="button"
        type="button"
        size="sm"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => void navigate('/cases')}
      >
        {t('actions.back')}
      </Anchor>
      {summary && (
        <>
          <Group justify="space-between" align="start">
            <Title order={1} size="h2">
              {displayName(summary.nameAr, summary.nameLatin, language)}
            </Title>
            <Group gap="xs">
              <Button variant="light" onClick={() => void navigate(`/print?cases=${caseId}`)}>
                {t('print.open')}
              </Button>
              <Button variant="light" onClick={() => void navigate(`/export?cases=${caseId}`)}>
                {t('export.open')}
              </Button>
            </Group>
          </Group>
          <Group gap="xs">
            <Text ff="monospace" dir="ltr" aria-label={t('caseEditor.reference')}>
              {summary.reference}
            </Text>
            <StatusBadge status={summary.status} />
            {since?.date && (
              <Text size="sm">
                {t('casePage.sinceEvent', { event: t(`print.sinceKind.${since.kind}`), date: fmt(since.date) })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t(`priority.${summary.priority}`)} · {summary.assignee ? names(summary.assignee) : t('common.none')}
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** The audit trail of everything belonging to this case (its subject, contacts and events), deleted records included. */
function CaseHistory({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const loaded = await session.cases.load(caseId);
      const all = await session.store.auditEntries();
      if (live)
        setEntries(
          all
            .filter((e): e is AuditEntry => e !== null && (e.caseId === caseId || e.recordId === loaded?.subject.id))
            .reverse(),
        );
    })();
    return () => {
      live = false;
    };
  }, [caseId, session]);
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('casePage.history')}
      </Title>
      {entries?.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {entries && entries.length > 0 && <AuditTable entries={entries} label={t('casePage.history')} withSeq={false} />}
    </Stack>
  );
}
