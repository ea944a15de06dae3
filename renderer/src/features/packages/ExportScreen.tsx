import { isCancelled } from '@shared/cancelled';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MAX_EXPORT } from '@shared/package/export-plan';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  PasswordInput,
  Progress,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DEFAULT_EXPORT_OPTIONS } from '@shared/package/export-plan';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { errorMessage } from '../../session/error-message';
import { platform } from '../../platform/platform';
import { groupFingerprint } from '../../package/openpgp-keys';
import { ByteProgress } from '../../components/ByteProgress';
import { formatBytes } from '../../components/format';
import { ExportReview } from '../reviews/CaseReview';
import { exportReviewRequired } from '../reviews/export-review';
import {
  ExportRefused,
  prepareExport,
  produceExport,
  type PreparedExport,
  type ProducedExport,
} from './export-package';
import { packageFileName } from '@shared/package/file-names';
import { PackageSourceError } from '../../package/package-writer';

/** Cases in one package: the list is carried in the address. */

/**
 * The export wizard: the cases come from the list or a case page; choose a
 * recipient (or a passphrase), choose what to hide, review exactly what
 * will go in and what is left out, then produce, with progress and cancel.
 * Nothing is written before the review is accepted.
 */
export function ExportScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const caseIds = useMemo(() => (params.get('cases') ?? '').split(',').filter(Boolean).slice(0, MAX_EXPORT), [params]);
  const { records: recipients } = useRecords(session.recipients, () => true, []);
  const { records: keys } = useRecords(session.keys, () => true, []);
  const signing = keys?.find((k) => k.armoredPrivate) ?? null;

  const [mode, setMode] = useState<'key' | 'passphrase'>('key');
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [opts, setOpts] = useState(DEFAULT_EXPORT_OPTIONS);
  const [prepared, setPrepared] = useState<PreparedExport | null>(null);
  const [loading, setLoading] = useState<{ done: number; total: number } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<(ProducedExport & { path: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  // Leaving the screen (locking the vault unmounts it) stops the work: it reads with the vault's key.
  useEffect(() => () => abort.current?.abort(), []);

  // Whichever way the package is encrypted, it is for a recipient on record: consent names recipients by id.
  const chosen = recipients?.find((r) => r.id === recipientId) ?? null;
  const recipient = mode === 'key' ? chosen : null;
  const [reviewRequired, setReviewRequired] = useState(false);
  const [approved, setApproved] = useState(false);
  useEffect(() => {
    void exportReviewRequired(session).then(setReviewRequired);
  }, [session]);
  const recipientName = chosen?.name ?? '';
  const passphraseProblem =
    mode === 'passphrase' && (passphrase.length < 12 ? 'short' : passphrase !== confirm ? 'mismatch' : null);
  const ready = !!signing && !!chosen && (mode === 'key' ? !!chosen.keys.length : !passphraseProblem);

  // The plan follows every choice; it is only a plan until Produce.
  useEffect(() => {
    setPrepared(null);
    setResult(null);
    if (!ready) return;
    let live = true;
    void prepareExport(session, caseIds, { recipientId: recipientId ?? '', recipientName, ...opts }, (done, total) => {
      if (live) setLoading({ done, total });
    }).then(
      (p) => {
        if (live) {
          setPrepared(p);
          setLoading(null);
        }
      },
      (e: unknown) => {
        if (live) setError(errorMessage(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [ready, recipientId, recipientName, opts, caseIds, session, t]);

  const produce = async (): Promise<void> => {
    if (!prepared || !signing) return;
    setError(null);
    setResult(null);
    const ac = new AbortController();
    abort.current = ac;
    const now = new Date();
    const bagName = packageFileName('export', now);
    const packageFile = `${bagName}.tar.gpg`;
    let path = '';
    try {
      setProgress({ done: 0, total: prepared.plan.fileBytes });
      const r = await produceExport(session, prepared, {
        recipient,
        recipientId: chosen?.id ?? '',
        recipientName,
        ...(mode === 'passphrase' ? { passphrase } : {}),
        signingKey: signing,
        bagName,
        packageFile,
        now,
        signal: ac.signal,
        openSink: async (instructions) => {
          const s = await platform.openOutput(packageFile, { where: 'ask', companionText: instructions });
          path = s?.path ?? '';
          return s;
        },
        onProgress: (done, total) => setProgress({ done, total }),
      });
      if (r) setResult({ ...r, path });
    } catch (e) {
      setError(
        isCancelled(e)
          ? t('export.cancelled')
          : e instanceof PackageSourceError
            ? t('export.sourceError', { file: e.path })
            : e instanceof ExportRefused
              ? e.reason === 'audit-broken'
                ? t('export.auditBroken')
                : e.reason === 'review-required'
                  ? t('export.reviewRequired')
                  : t('export.tooLarge', { file: e.path })
              : errorMessage(t, e),
      );
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const plan = prepared?.plan;
  const plannedCaseIds = useMemo(() => (plan ? plan.cases.map((c) => c.caseId) : []), [plan]);
  const lang = i18n.language === 'ar' ? 'ar' : 'en';
  return (
    <Stack pb="xl" maw={960}>
      <Title order={1} size="h2">
        {t('export.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('export.intro', { count: caseIds.length })}
      </Text>
      {!signing && keys && (
        <Alert color="yellow" title={t('export.noSigningKey')}>
          <Anchor component={Link} to="/recipients">
            {t('export.goToKeys')}
          </Anchor>
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="export-recipient-h">
        <Title order={2} size="h4" id="export-recipient-h" mb="sm">
          {t('export.recipientStep')}
        </Title>
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'key' | 'passphrase')} label={t('export.encryptTo')}>
          <Group mt="xs">
            <Radio value="key" label={t('export.toRecipientKey')} />
            <Radio value="passphrase" label={t('export.toPassphrase')} />
          </Group>
        </Radio.Group>
        <Stack mt="sm" gap="xs">
          {/* One choice for both ways of encrypting: consent is checked against the recipient on record. */}
          <Select
            label={t('export.recipient')}
            description={t('export.recipientNameHint')}
            placeholder={t('export.chooseRecipient')}
            data={(recipients ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={recipientId}
            onChange={setRecipientId}
          />
          {recipients?.length === 0 && (
            <Anchor component={Link} to="/recipients" size="sm">
              {t(mode === 'key' ? 'export.addRecipientFirst' : 'export.addRecipientRecord')}
            </Anchor>
          )}
          {mode === 'key' ? (
            <>
              {recipient?.keys.map((k) => (
                <Text key={k.fingerprint} size="sm">
                  {t('keys.fingerprint')} <Code dir="ltr">{groupFingerprint(k.fingerprint)}</Code>{' '}
                  <bdi>{k.userIds[0]}</bdi>
                </Text>
              ))}
              {recipient && (
                <Text size="xs" c="dimmed">
                  {t('export.checkFingerprint')}
                </Text>
              )}
            </>
          ) : (
            <>
              <PasswordInput
                label={t('export.passphrase')}
                description={t('export.passphraseHint')}
                value={passphrase}
                onChange={(e) => setPassphrase(e.currentTarget.value)}
                error={passphrase && passphraseProblem === 'short' ? t('export.passphraseShort') : null}
              />
              <PasswordInput
                label={t('export.confirmPassphrase')}
                value={confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
                error={confirm && passphraseProblem === 'mismatch' ? t('export.passphraseMismatch') : null}
              />
            </>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="export-options-h">
        <Title order={2} size="h4" id="export-options-h" mb="sm">
          {t('export.optionsStep')}
        </Title>
        <Stack gap="xs">
          <Checkbox
            label={t('export.pseudonymise')}
            checked={opts.pseudonymiseWitnesses}
            onChange={(e) => setOpts({ ...opts, pseudonymiseWitnesses: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('export.excludeContacts')}
            checked={opts.excludeContacts}
            onChange={(e) => setOpts({ ...opts, excludeContacts: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('export.excludeNotes')}
            checked={opts.excludeInternalNotes}
            onChange={(e) => setOpts({ ...opts, excludeInternalNotes: e.currentTarget.checked })}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="export-review-h">
        <Title order={2} size="h4" id="export-review-h" mb="sm">
          {t('export.reviewStep')}
        </Title>
        {!ready && <Text c="dimmed">{t('export.reviewWaiting')}</Text>}
        {loading && !plan && (
          <Progress value={(100 * loading.done) / Math.max(1, loading.total)} aria-label={t('export.loadingCases')} />
        )}
        {plan && (
          <Stack gap="sm">
            <Table aria-label={t('export.goesIn')} withTableBorder>
              <Table.Tbody>
                {(['cases', 'persons', 'events', 'testimonies', 'documents', 'contacts'] as const).map((k) => (
                  <Table.Tr key={k}>
                    <Table.Th scope="row">{t(`export.counts.${k}`)}</Table.Th>
                    <Table.Td>{plan.counts[k].toLocaleString(i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">{t('export.size')}</Table.Th>
                  <Table.Td>
                    <bdi>{formatBytes(plan.fileBytes, lang)}</bdi>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('export.witnesses')}</Table.Th>
                  <Table.Td>{plan.pseudonymiseWitnesses ? t('export.byPseudonym') : t('export.byName')}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Title order={3} size="h5">
              {t('export.leftOut', { count: plan.excluded.length })}
            </Title>
            {plan.excluded.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('export.nothingLeftOut')}
              </Text>
            ) : (
              <Table aria-label={t('export.leftOutTable')} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('export.case')}</Table.Th>
                    <Table.Th>{t('export.item')}</Table.Th>
                    <Table.Th>{t('export.why')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.excluded.map((x) => (
                    <Table.Tr key={`${x.table}/${x.id}/${x.reason}`}>
                      <Table.Td dir="ltr">{x.caseReference}</Table.Td>
                      <Table.Td>
                        {t(`export.tables.${x.table}`)}: {x.label}
                      </Table.Td>
                      <Table.Td>{t(`export.reasons.${x.reason}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {reviewRequired && chosen && (
              <ExportReview recipientId={chosen.id} caseIds={plannedCaseIds} onApproved={setApproved} />
            )}
            <Group>
              <Button
                onClick={() => void produce()}
                disabled={!!progress || plan.counts.cases === 0 || (reviewRequired && !approved)}
              >
                {t('export.produce')}
              </Button>
            </Group>
            {progress && (
              <ByteProgress
                label={t('export.writing')}
                done={progress.done}
                total={progress.total}
                lang={lang}
                cancelLabel={t('export.cancel')}
                onCancel={() => abort.current?.abort()}
              />
            )}
          </Stack>
        )}
      </Paper>
      {error && (
        <Alert color="red" role="alert" title={t('export.failed')}>
          {error}
        </Alert>
      )}
      {result && (
        <Alert color="green" role="status" title={t('export.done')}>
          <Stack gap={4}>
            <Text size="sm">{t('export.savedTo', { path: result.path })}</Text>
            <Text size="sm">
              {t('export.doneDetail', { files: result.written.files.length, documents: result.documents })}
            </Text>
            <Text size="sm">{t('export.instructionsBeside')}</Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
