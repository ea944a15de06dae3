import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { MergeTable, MergeItem, Resolution } from '@shared/package/merge-plan';
import { ByteProgress, useByteWork } from '../../components/ByteProgress';
import { useSession } from '../../session/VaultProvider';
import { formatBytes } from '../../components/format';
import { groupFingerprint } from '../../package/openpgp-keys';
import { applyMerge, itemKey, reviewMerge, type MergeReport, type MergeReview } from './merge-package';
import { packageProblemMessage } from '../../package/package-problem';
import { recordLabel, shownValue } from '../../components/record-display';

const TABLES: MergeTable[] = ['cases', 'persons', 'places', 'events', 'links', 'testimonies', 'documents', 'contacts'];

/** What a person recognises a record by, in a conflict's heading. */
const itemLabel = (i: MergeItem): string =>
  recordLabel((i.existing ?? i.incoming.record) as Record<string, unknown>, i.id);

/** Names and dates from the package keep their own direction inside a translated sentence. */
const isolate = (s: string): string => `\u2068${s}\u2069`;

const shown = shownValue;

/**
 * Open a package: choose the file (and a passphrase if it was made for
 * one), see the verification report and what the import would do, resolve
 * each conflict side by side, then import in one transaction. A refused
 * package names the reason and the file, and nothing is written.
 */
export function OpenPackageScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const lang = i18n.language === 'ar' ? 'ar' : 'en';
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [review, setReview] = useState<MergeReview | null>(null);
  const [resolutions, setResolutions] = useState<Map<string, Resolution>>(new Map());
  const [report, setReport] = useState<MergeReport | null>(null);
  const { progress, error, setError, run, cancel } = useByteWork(
    useCallback((e: unknown) => packageProblemMessage(t, e), [t]),
  );

  const conflicts = useMemo(() => review?.items.filter((i) => i.disposition === 'conflict') ?? [], [review]);
  const unresolved = conflicts.filter((c) => !resolutions.has(itemKey(c))).length;

  const check = async (): Promise<void> => {
    if (!file) return;
    setReview(null);
    setReport(null);
    setResolutions(new Map());
    const r = await run(t('openPackage.checking'), file.size, (signal, onProgress) =>
      reviewMerge(session, file, { ...(passphrase ? { passphrase } : {}), signal, onProgress }),
    );
    if (r) setReview(r);
  };

  const doImport = async (): Promise<void> => {
    if (!file || !review) return;
    const r = await run(t('openPackage.importing'), file.size, (signal, onProgress) =>
      applyMerge(session, file, review, resolutions, { ...(passphrase ? { passphrase } : {}), signal, onProgress }),
    );
    if (r) {
      setReport(r);
      setReview(null);
    }
  };

  const resolveAll = (r: Resolution): void => setResolutions(new Map(conflicts.map((c) => [itemKey(c), r])));
  const opened = review?.opened;
  const anySynced = review?.items.some((i) => i.disposition === 'synced') ?? false;
  const count = (table: MergeTable, d: MergeItem['disposition']): number =>
    review?.items.filter((i) => i.table === table && i.disposition === d).length ?? 0;

  return (
    <Stack pb="xl" maw={1040}>
      <Title order={1} size="h2">
        {t('openPackage.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('openPackage.intro')}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby="open-choose-h">
        <Title order={2} size="h4" id="open-choose-h" mb="sm">
          {t('openPackage.chooseStep')}
        </Title>
        <Stack gap="xs" maw={560}>
          <FileInput
            label={t('openPackage.file')}
            description={t('openPackage.fileHint')}
            placeholder={t('openPackage.choose')}
            accept=".gpg,.pgp,application/pgp-encrypted"
            clearable
            value={file}
            onChange={(f) => {
              setFile(f);
              setReview(null);
              setReport(null);
              setError(null);
            }}
          />
          <PasswordInput
            label={t('openPackage.passphrase')}
            description={t('openPackage.passphraseHint')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => void check()} disabled={!file || !!progress}>
              {t('openPackage.check')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {progress && <ByteProgress {...progress} lang={lang} cancelLabel={t('openPackage.cancel')} onCancel={cancel} />}
      {error && (
        <Alert color="red" role="alert" title={t('openPackage.refused')}>
          <Text size="sm">{error}</Text>
          <Text size="sm" mt={4}>
            {t('openPackage.nothingWritten')}
          </Text>
        </Alert>
      )}

      {review && opened && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="open-report-h">
            <Title order={2} size="h4" id="open-report-h" mb="sm">
              {t('openPackage.reportStep')}
            </Title>
            <List size="sm" spacing={4} aria-label={t('openPackage.reportList')}>
              <List.Item>
                {t('openPackage.signedBy', { who: isolate(opened.signer?.label || t('openPackage.ownKey')) })}{' '}
                {opened.signer?.userId !== opened.signer?.label && <bdi>{opened.signer?.userId}</bdi>}
                {opened.signer && (
                  <>
                    {' '}
                    · <Code dir="ltr">{groupFingerprint(opened.signer.fingerprint)}</Code>
                  </>
                )}
              </List.Item>
              <List.Item>
                {t('openPackage.filesChecked', {
                  count: opened.entries.size,
                  size: formatBytes(opened.payloadBytes, lang),
                })}
              </List.Item>
              <List.Item>{t('openPackage.manifestsOk')}</List.Item>
              <List.Item>
                {t('openPackage.fromLine', {
                  org: isolate(opened.bagInfo.get('Source-Organization') ?? '—'),
                  date: isolate(opened.bagInfo.get('Bagging-Date') ?? '—'),
                })}{' '}
                <Code dir="ltr">{review.source.packageId}</Code>
              </List.Item>
              <List.Item>
                {t('openPackage.auditHead')} <Code dir="ltr">{opened.bagInfo.get('Audit-Chain-Head') ?? '—'}</Code>
              </List.Item>
            </List>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="open-merge-h">
            <Title order={2} size="h4" id="open-merge-h" mb="sm">
              {t('openPackage.mergeStep')}
            </Title>
            <Table aria-label={t('openPackage.mergeTable')} withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('openPackage.kind')}</Table.Th>
                  <Table.Th>{t('openPackage.new')}</Table.Th>
                  <Table.Th>{t('openPackage.identical')}</Table.Th>
                  {anySynced && <Table.Th>{t('openPackage.synced')}</Table.Th>}
                  <Table.Th>{t('openPackage.conflict')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {TABLES.filter((tb) => review.items.some((i) => i.table === tb)).map((tb) => (
                  <Table.Tr key={tb}>
                    <Table.Th scope="row">{t(`openPackage.tables.${tb}`)}</Table.Th>
                    <Table.Td>{count(tb, 'new')}</Table.Td>
                    <Table.Td>{count(tb, 'identical')}</Table.Td>
                    {anySynced && <Table.Td>{count(tb, 'synced')}</Table.Td>}
                    <Table.Td>{count(tb, 'conflict')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {anySynced && (
              <Text size="sm" c="dimmed">
                {t('openPackage.syncedHint')}
              </Text>
            )}
            <Text size="sm" mt="xs">
              {t('openPackage.filesToStore', { count: review.files.size, size: formatBytes(review.fileBytes, lang) })}
            </Text>

            {conflicts.length > 0 && (
              <Stack mt="md" gap="sm">
                <Group justify="space-between">
                  <Title order={3} size="h5">
                    {t('openPackage.conflicts', { count: conflicts.length })}
                  </Title>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => resolveAll('mine')}>
                      {t('openPackage.allMine')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => resolveAll('theirs')}>
                      {t('openPackage.allTheirs')}
                    </Button>
                  </Group>
                </Group>
                {conflicts.map((c) => {
                  const key = itemKey(c);
                  const label = `${t(`openPackage.tables.${c.table}`)}: ${itemLabel(c)}`;
                  return (
                    <Paper key={key} withBorder p="sm" component="article" aria-label={label}>
                      <Text fw={600} size="sm" mb={4}>
                        <bdi>{label}</bdi> · <span dir="ltr">{c.caseReference}</span>
                      </Text>
                      <Table aria-label={t('openPackage.sideBySide', { label })} layout="fixed">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th w="20%">{t('openPackage.field')}</Table.Th>
                            <Table.Th>{t('openPackage.mine')}</Table.Th>
                            <Table.Th>{t('openPackage.theirs')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {c.fields.map((f) => (
                            <Table.Tr key={f}>
                              <Table.Td>{t(`openPackage.fields.${f}`, { defaultValue: f })}</Table.Td>
                              <Table.Td dir="auto" style={{ overflowWrap: 'anywhere' }}>
                                {shown(c.existing?.[f])}
                              </Table.Td>
                              <Table.Td dir="auto" style={{ overflowWrap: 'anywhere' }}>
                                {shown(c.incoming.record[f])}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                      <Radio.Group
                        mt="xs"
                        label={t('openPackage.choice')}
                        value={resolutions.get(key) ?? null}
                        onChange={(v) => setResolutions(new Map(resolutions).set(key, v as Resolution))}
                      >
                        <Group mt={4}>
                          <Radio value="mine" label={t('openPackage.keepMine')} />
                          <Radio value="theirs" label={t('openPackage.takeTheirs')} />
                        </Group>
                      </Radio.Group>
                    </Paper>
                  );
                })}
              </Stack>
            )}
            <Group mt="md">
              <Button onClick={() => void doImport()} disabled={unresolved > 0 || !!progress}>
                {t('openPackage.import')}
              </Button>
              {unresolved > 0 && (
                <Text size="sm" c="dimmed">
                  {t('openPackage.unresolved', { count: unresolved })}
                </Text>
              )}
            </Group>
          </Paper>
        </>
      )}

      {report && (
        <Alert color="green" role="status" title={t('openPackage.done')}>
          <Text size="sm">
            {t('openPackage.doneDetail', {
              added: report.added,
              updated: report.updated,
              identical: report.identical,
              synced: report.synced,
              kept: report.kept,
              files: report.files,
            })}
          </Text>
          <Anchor component={Link} to="/cases" size="sm">
            {t('openPackage.toCases')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
