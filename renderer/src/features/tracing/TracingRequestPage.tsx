import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { SEXES, type MatchDecision, type TracingRequest } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { errorMessage } from '../../session/error-message';
import { displayName } from '@shared/names/display-name';
import { PlacePicker } from '../../components/PlacePicker';
import { PartialDateField } from '../../components/PartialDateField';
import { randomId } from '../../db/webcrypto-key';
import type { CandidateView } from '../../search/search-protocol';
import { BandBadge, MatchReasons } from '../../components/MatchReasons';
import {
  currentDecisions,
  emptyTracingDraft,
  tracingDraftFrom,
  validateTracingDraft,
  type TracingDraft,
  type TracingProblem,
} from './tracing-draft';

/**
 * One family's request: what they know, and every person on file who may be
 * the one they seek, scored and explained, in two bands. A person decides on
 * each (match, not a match, unsure); the decision is recorded and can be
 * changed, and nothing is ever merged by the matcher.
 */
export function TracingRequestPage(): ReactNode {
  const { t } = useTranslation();
  const { requestId } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const isNew = !requestId || requestId === 'new';
  const [request, setRequest] = useState<TracingRequest | null>(null);
  const [draft, setDraft] = useState<TracingDraft>(emptyTracingDraft());
  const [problems, setProblems] = useState<TracingProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(!isNew);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (isNew) {
      setRequest(null);
      setDraft(emptyTracingDraft());
      setLoading(false);
      return;
    }
    let live = true;
    void session.store.get('tracing', requestId).then(
      (r) => {
        if (!live) return;
        setRequest(r ?? null);
        if (r) setDraft(tracingDraftFrom(r));
        setLoading(false);
      },
      (e: unknown) => {
        if (live) {
          setError(errorMessage(t, e));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
    // Not on `t`: a change of language must not reload the request over what is being typed.
  }, [requestId, isNew, session]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (): Promise<void> => {
    const v = validateTracingDraft(draft);
    if (!v.ok) {
      setProblems(v.problems);
      return;
    }
    setProblems([]);
    setError(null);
    const now = new Date().toISOString();
    try {
      const next: TracingRequest = request
        ? { ...request, ...v.value, updatedAt: now }
        : {
            ...v.value,
            id: randomId(),
            receivedAt: now.slice(0, 10),
            status: 'open',
            decisions: [],
            createdAt: now,
            updatedAt: now,
            author: session.actor,
          };
      const stored = await session.tracing.put(next);
      setRequest(stored);
      setSaved(true);
      if (!request) void navigate(`/tracing/${stored.id}`, { replace: true });
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  const decide = useCallback(
    async (c: CandidateView, decision: MatchDecision, note: string): Promise<void> => {
      if (!request) return;
      const now = new Date().toISOString();
      try {
        const latest = (await session.store.get('tracing', request.id)) ?? request;
        const next = await session.tracing.put({
          ...latest,
          updatedAt: now,
          decisions: [
            ...latest.decisions,
            { personId: c.id, decision, score: c.score, by: session.actor, at: now, note },
          ],
        });
        setRequest(next);
      } catch (e) {
        setError(errorMessage(t, e));
      }
    },
    [request, session, t],
  );

  const setStatus = async (status: TracingRequest['status']): Promise<void> => {
    if (!request) return;
    try {
      setRequest(await session.tracing.put({ ...request, status, updatedAt: new Date().toISOString() }));
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  if (loading) return <Loader aria-label={t('cases.loading')} />;
  if (!isNew && !request)
    return (
      <Alert color="red" role="alert">
        {t('tracing.notFound')}
      </Alert>
    );
  const set = (patch: Partial<TracingDraft>): void => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const text = (k: keyof TracingDraft, label: string, dir: 'auto' | 'rtl' | 'ltr' = 'auto', err?: string) => (
    <TextInput
      label={label}
      value={draft[k] as string}
      onChange={(e) => set({ [k]: e.currentTarget.value })}
      dir={dir}
      error={err}
    />
  );

  return (
    <Stack pb="xl">
      <Anchor component={Link} to="/tracing" size="sm">
        {t('tracing.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {isNew ? t('tracing.new') : t('tracing.requestFor', { name: request!.nameAr || request!.nameLatin })}
        </Title>
        {request && (
          <Button variant="light" onClick={() => void setStatus(request.status === 'open' ? 'closed' : 'open')}>
            {request.status === 'open' ? t('tracing.close') : t('tracing.reopen')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Paper
        withBorder
        p="md"
        component="form"
        aria-label={t('tracing.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Title order={2} size="h4" mb="sm">
          {t('tracing.sought')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {text(
            'nameAr',
            t('caseEditor.nameAr'),
            'rtl',
            problems.includes('name-required') ? t('errors.name-required') : undefined,
          )}
          {text('nameLatin', t('caseEditor.nameLatin'), 'ltr')}
          {text('fatherName', t('caseEditor.fatherName'))}
          {text('motherName', t('caseEditor.motherName'))}
          <TagsInput
            label={t('caseEditor.aliases')}
            description={t('caseEditor.aliasesHint')}
            value={draft.aliases}
            onChange={(v) => set({ aliases: v })}
            clearable
          />
          <Select
            label={t('caseEditor.sex')}
            value={draft.sex}
            allowDeselect={false}
            onChange={(v) => set({ sex: (v ?? 'unknown') as TracingDraft['sex'] })}
            data={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
          {text(
            'birthYear',
            t('tracing.birthYear'),
            'ltr',
            problems.includes('birth-year-invalid') ? t('errors.birth-year-invalid') : undefined,
          )}
          <PlacePicker label={t('tracing.place')} value={draft.placeId} onChange={(v) => set({ placeId: v })} />
          <PartialDateField
            label={t('tracing.lastSeenDate')}
            value={draft.lastSeenDate}
            onChange={(v) => set({ lastSeenDate: v })}
          />
          <PlacePicker
            label={t('tracing.lastSeenPlace')}
            value={draft.lastSeenPlaceId}
            onChange={(v) => set({ lastSeenPlaceId: v })}
          />
          {text('nationalId', t('tracing.nationalId'), 'ltr')}
        </SimpleGrid>
        <Title order={2} size="h4" mt="md" mb="sm">
          {t('tracing.requester')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {text(
            'requesterName',
            t('tracing.requesterName'),
            'auto',
            problems.includes('requester-required') ? t('errors.requester-required') : undefined,
          )}
          {text('requesterRelationship', t('tracing.requesterRelationship'))}
          {text('requesterContact', t('tracing.requesterContact'))}
        </SimpleGrid>
        <Textarea
          mt="sm"
          label={t('tracing.notes')}
          value={draft.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })}
          autosize
          minRows={2}
          dir="auto"
        />
        {problems.some((p) => p.startsWith('date-')) && (
          <Alert color="red" mt="sm" role="alert">
            {problems
              .filter((p) => p.startsWith('date-'))
              .map((p) => t(`errors.${p}`))
              .join(' ')}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          {saved && (
            <Text size="sm" c="teal" role="status">
              {t('tracing.saved')}
            </Text>
          )}
          <Button type="submit">{t('actions.save')}</Button>
        </Group>
      </Paper>
      {request && <Candidates request={request} onDecide={decide} />}
    </Stack>
  );
}

function Candidates({
  request,
  onDecide,
}: {
  request: TracingRequest;
  onDecide: (c: CandidateView, d: MatchDecision, note: string) => Promise<void>;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [candidates, setCandidates] = useState<CandidateView[] | null>(null);
  const key = JSON.stringify({ ...request, decisions: [], updatedAt: '' });

  useEffect(() => {
    let live = true;
    setCandidates(null);
    void session.search.matchTracing(request).then((c) => {
      if (live) setCandidates(c);
    });
    return () => {
      live = false;
    };
  }, [key, session]); // eslint-disable-line react-hooks/exhaustive-deps

  const decisions = useMemo(() => currentDecisions(request), [request]);
  if (!candidates)
    return (
      <Group>
        <Loader size="sm" />
        <Text size="sm">{t('tracing.matching')}</Text>
      </Group>
    );
  const pending = candidates.filter((c) => !decisions.has(c.id));
  const decided = candidates.filter((c) => decisions.has(c.id));
  const band = (b: 'probable' | 'review') => pending.filter((c) => c.band === b);

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('tracing.candidates')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('tracing.candidatesIntro')}
      </Text>
      {candidates.length === 0 && <Text role="status">{t('tracing.noCandidates')}</Text>}
      {(['probable', 'review'] as const).map(
        (b) =>
          band(b).length > 0 && (
            <Stack key={b} gap="xs" component="section" aria-label={t(`tracing.band.${b}`)}>
              <Title order={3} size="h5">
                {t(`tracing.band.${b}`)} ({band(b).length})
              </Title>
              {band(b).map((c) => (
                <CandidateCard key={c.id} c={c} onDecide={onDecide} />
              ))}
            </Stack>
          ),
      )}
      {decided.length > 0 && (
        <Stack gap="xs" component="section" aria-label={t('tracing.decided')}>
          <Title order={3} size="h5">
            {t('tracing.decided')} ({decided.length})
          </Title>
          {decided.map((c) => (
            <CandidateCard key={c.id} c={c} onDecide={onDecide} decision={decisions.get(c.id)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

const DECISION_COLOUR: Record<MatchDecision, string> = { match: 'teal', 'not-match': 'gray', unsure: 'yellow' };

function CandidateCard({
  c,
  onDecide,
  decision,
}: {
  c: CandidateView;
  onDecide: (c: CandidateView, d: MatchDecision, note: string) => Promise<void>;
  decision?: { decision: MatchDecision; by: string; at: string; note: string };
}): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  // Nothing is chosen for the person: a decision is recorded only once someone has made it.
  const [choice, setChoice] = useState<MatchDecision | null>(null);
  const [note, setNote] = useState('');
  const [changing, setChanging] = useState(!decision);
  const name = displayName(c.nameAr, c.nameLatin, language);
  return (
    <Paper withBorder p="sm" component="article" aria-label={name}>
      <Group justify="space-between" align="start" wrap="nowrap">
        <div>
          <Text fw={600} dir="auto">
            {c.caseId ? (
              <Anchor component={Link} to={`/cases/${c.caseId}`}>
                {name}
              </Anchor>
            ) : (
              name
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {[
              c.reference,
              c.birthYear && t('duplicates.born', { year: c.birthYear }),
              c.fatherName && t('duplicates.father', { name: c.fatherName }),
              c.motherName && t('duplicates.mother', { name: c.motherName }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        <BandBadge band={c.band} score={c.score} />
      </Group>
      <MatchReasons fields={c.fields} />
      {decision && !changing && (
        <Group mt="xs" gap="xs">
          <Badge color={DECISION_COLOUR[decision.decision]}>{t(`tracing.decision.${decision.decision}`)}</Badge>
          <Text size="xs" c="dimmed">
            {t('tracing.decidedBy', {
              by: decision.by || t('common.localUser'),
              at: decision.at.slice(0, 16).replace('T', ' '),
            })}
            {decision.note && ` — ${decision.note}`}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setChanging(true)}>
            {t('tracing.change')}
          </Button>
        </Group>
      )}
      {changing && (
        <Group mt="xs" align="end">
          <SegmentedControl
            value={choice ?? ''}
            onChange={(v) => setChoice(v as MatchDecision)}
            aria-label={t('tracing.decisionFor', { name })}
            data={(['match', 'not-match', 'unsure'] as const).map((d) => ({
              value: d,
              label: t(`tracing.decision.${d}`),
            }))}
          />
          <TextInput
            size="xs"
            label={t('tracing.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            dir="auto"
            style={{ flex: 1 }}
          />
          <Button
            size="xs"
            disabled={!choice}
            onClick={() => {
              if (!choice) return;
              void onDecide(c, choice, note.trim()).then(() => {
                setChanging(false);
                setChoice(null);
                setNote('');
              });
            }}
          >
            {t('tracing.record')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
