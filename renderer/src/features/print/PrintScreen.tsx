import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { MAX_BATCH } from '@shared/print/summary';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { buildSummary, type CaseFile } from '@shared/print/summary';
import {
  auditFields,
  defaultOptions,
  PRINT_PROFILES,
  PROFILES,
  type PrintOptions,
  type PrintProfileId,
  type PrintSection,
} from '@shared/print/profiles';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { errorMessage } from '../../session/error-message';
import { platform } from '../../platform/platform';
import { loadCaseFile } from '../../session/load-case-file';
import { PrintDocument } from './PrintDocument';

/** More than this in one batch would make a PDF nobody can handle in one sitting. */

/**
 * Printing one case's summary, or several into one document: choose the
 * profile, the language (independent of the interface), what to include;
 * the preview shows what the profile keeps out; Print and Save as PDF
 * record the print, with every choice, in the audit log.
 */
export function PrintScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const settings = useSettings();
  const [params] = useSearchParams();
  const caseIds = useMemo(() => (params.get('cases') ?? '').split(',').filter(Boolean).slice(0, MAX_BATCH), [params]);
  const [files, setFiles] = useState<CaseFile[] | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [options, setOptions] = useState<PrintOptions>(() =>
    defaultOptions('family', settings.language, session.actor),
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setFiles(null);
    void (async () => {
      const out: CaseFile[] = [];
      for (const id of caseIds) {
        const f = await loadCaseFile(session, id, { incidents: true });
        if (f) out.push(f);
        if (!live) return;
        setLoaded(out.length);
      }
      if (live) setFiles(out);
    })().catch((e: unknown) => {
      if (live) setError(errorMessage(t, e));
    });
    return () => {
      live = false;
    };
  }, [caseIds, session, t]);

  const tp = useMemo(() => {
    const f = i18n.getFixedT(options.language);
    return (key: string, vars?: Record<string, unknown>): string => String(f(key, vars as never));
  }, [i18n, options.language]);
  const now = useMemo(() => new Date(), []);
  const models = useMemo(() => (files ?? []).map((f) => buildSummary(f, options, tp, now)), [files, options, tp, now]);
  const labels = {
    page: tp('print.page'),
    of: tp('print.of'),
    printedOn: tp('print.printedOn', { date: now.toISOString().slice(0, 10) }),
    confidential: tp('print.confidential'),
    photo: tp('print.sections.photo'),
  };

  // A photo is chosen among the case's own images (one case at a time), decrypted into memory only while shown.
  const images =
    files?.length === 1
      ? files[0]!.documents.filter((d) => d.mediaType.startsWith('image/') && d.size <= 64 * 1024 * 1024)
      : [];
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  useEffect(() => {
    const doc = images.find((d) => d.id === options.photoDocumentId);
    if (!doc) {
      setPhotoUrl(null);
      return;
    }
    let url: string | null = null;
    let live = true;
    void session.files.read(doc).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setPhotoUrl(url);
      },
      (e: unknown) => setError(errorMessage(t, e)),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [options.photoDocumentId, files]); // eslint-disable-line react-hooks/exhaustive-deps

  const record = async (): Promise<void> => {
    const fields = auditFields(options);
    for (const f of files ?? [])
      await session.store.logEvent({
        action: 'print',
        table: 'cases',
        recordId: f.record.id,
        caseId: f.record.id,
        fields,
      });
  };
  const doPrint = async (pdf: boolean): Promise<void> => {
    setError(null);
    setNotice(null);
    try {
      await record();
      const name =
        files?.length === 1
          ? `${files[0]!.record.reference} ${t(`print.profiles.${options.profile}`)}`
          : `Athar ${files?.length ?? 0} ${t(`print.profiles.${options.profile}`)}`;
      if (pdf) {
        const r = await platform.savePdf(name);
        if (r.saved && r.path) setNotice(t('print.saved', { path: r.path }));
      } else await platform.print();
    } catch (e) {
      setError(`${t('print.printedFailed')} ${errorMessage(t, e)}`);
    }
  };
  const setProfile = (profile: PrintProfileId): void =>
    setOptions({
      ...defaultOptions(profile, options.language, options.caseworkerText),
      actionsText: options.actionsText,
    });
  const toggle = (s: PrintSection, on: boolean): void =>
    setOptions({ ...options, sections: on ? [...options.sections, s] : options.sections.filter((x) => x !== s) });

  return (
    <Stack className="print-region-parent">
      <Stack data-print-hide gap="sm">
        <Anchor
          component="button"
          type="button"
          size="sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => void navigate(-1)}
        >
          {t('print.back')}
        </Anchor>
        <Title order={1} size="h2">
          {caseIds.length > 1 ? t('print.batchTitle', { count: caseIds.length }) : t('print.title')}
        </Title>
        {!files && caseIds.length > 0 && (
          <Paper
            withBorder
            p="sm"
            role="status"
            aria-label={t('print.loading', { done: loaded, total: caseIds.length })}
          >
            <Text size="sm">{t('print.loading', { done: loaded, total: caseIds.length })}</Text>
            <Progress value={(100 * loaded) / caseIds.length} aria-hidden mt={4} />
          </Paper>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {notice && (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        )}
        <Paper withBorder p="md" component="section" aria-label={t('print.options')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={4}>
              <Select
                label={t('print.profile')}
                value={options.profile}
                allowDeselect={false}
                onChange={(v) => v && setProfile(v as PrintProfileId)}
                data={PRINT_PROFILES.map((p) => ({ value: p, label: t(`print.profiles.${p}`) }))}
              />
              <Text size="xs" c="dimmed">
                {t(`print.profileHints.${options.profile}`)}
              </Text>
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="print-lang">
                {t('print.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="print-lang"
                value={options.language}
                onChange={(v) => setOptions({ ...options, language: v as 'en' | 'ar' })}
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'ar', label: 'العربية' },
                ]}
              />
            </Stack>
          </SimpleGrid>
          <Text size="sm" fw={500} mt="sm" id="print-sections">
            {t('print.sectionsLabel')}
          </Text>
          <Group gap="md" mt={4} role="group" aria-labelledby="print-sections">
            {PROFILES[options.profile].allowed.map((s) => (
              <Checkbox
                key={s}
                label={t(`print.sections.${s}`)}
                checked={options.sections.includes(s)}
                onChange={(e) => toggle(s, e.currentTarget.checked)}
              />
            ))}
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="sm">
            {PROFILES[options.profile].allowed.includes('actions') && (
              <Textarea
                label={t('print.actionsLabel')}
                value={options.actionsText}
                onChange={(e) => setOptions({ ...options, actionsText: e.currentTarget.value })}
                autosize
                minRows={2}
                dir="auto"
              />
            )}
            <Textarea
              label={t('print.caseworkerLabel')}
              value={options.caseworkerText}
              onChange={(e) => setOptions({ ...options, caseworkerText: e.currentTarget.value })}
              autosize
              minRows={2}
              dir="auto"
            />
          </SimpleGrid>
          {PROFILES[options.profile].allowed.includes('photo') && options.sections.includes('photo') && (
            <Select
              mt="sm"
              w={360}
              label={t('print.photo')}
              value={options.photoDocumentId}
              clearable
              placeholder={images.length ? t('print.noPhoto') : t('print.noImages')}
              disabled={!images.length}
              onChange={(v) => setOptions({ ...options, photoDocumentId: v })}
              data={images.map((d) => ({ value: d.id, label: d.originalName }))}
            />
          )}
          <Switch
            mt="sm"
            label={t('print.confidentialFooter')}
            checked={options.confidentialFooter}
            onChange={(e) => setOptions({ ...options, confidentialFooter: e.currentTarget.checked })}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" disabled={!files?.length} onClick={() => void doPrint(false)}>
              {t('print.print')}
            </Button>
            <Button disabled={!files?.length} onClick={() => void doPrint(true)}>
              {t('print.savePdf')}
            </Button>
          </Group>
        </Paper>
        <Title order={2} size="h4">
          {t('print.preview')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('print.previewNote')}
        </Text>
      </Stack>
      {/* Named pages break wherever the page name changes: the containers take the last document's name, so no empty page follows it. */}
      {models.length > 0 && (
        <style>{`@media print { html, body, #root, .mantine-AppShell-root, .mantine-AppShell-main, .print-region-parent, .print-region { page: athar-doc-${models.length - 1}; } }`}</style>
      )}
      <div aria-label={t('print.preview')} role="region" className="print-region">
        {models.map((m, i) => (
          <PrintDocument key={files![i]!.record.id} model={m} index={i} labels={labels} photoUrl={photoUrl} />
        ))}
      </div>
    </Stack>
  );
}
