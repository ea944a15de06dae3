import { useEffect, useRef, useState, useSyncExternalStore, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { EvidenceDocument } from '@shared/domain/records';
import type { VerifyOutcome } from '../../db/file-chunks';
import { CustodyList } from './CustodyList';
import { useSyncStatus } from '../sync/use-sync-status';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { errorMessage } from '../../session/error-message';
import { formatBytes, formatTimestamp } from '../../components/format';
import { PartialDateField } from '../../components/PartialDateField';
import { randomId } from '../../db/webcrypto-key';
import classes from './Evidence.module.css';
import { PdfPreview } from './PdfPreview';
import { RecordLinks } from '../links/RecordLinks';
import { useCaseRecords } from '../../session/use-case-records';
import { FormFooter } from '../../components/FormFooter';
import { useCommitPlanned } from '../../session/use-commit-planned';
import {
  custodyAppended,
  detailsChange,
  detailsDraftFrom,
  intakeChanges,
  type DETAIL_TEXT_FIELDS,
  type DetailsDraft,
} from './evidence-draft';

type Notice = { color: 'teal' | 'red' | 'orange'; text: string };

/** Originals newest first, each followed by its working copies (crops, redactions), which never replace it. */
function orderWithCopies(docs: EvidenceDocument[]): EvidenceDocument[] {
  const byDate = [...docs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const originals = byDate.filter((d) => !d.derivedFromId || !docs.some((o) => o.id === d.derivedFromId));
  return originals.flatMap((o) => [o, ...byDate.filter((c) => c.derivedFromId === o.id).reverse()]);
}

/** Taking in evidence: originals stored encrypted, hashed at intake, with a custody log and integrity checks. */
export function EvidencePanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const jobs = useSyncExternalStore(
    (l) => session.files.subscribe(l),
    () => session.files.current(),
  );
  const { records: docs } = useRecords(session.documents, (d) => d.caseId === caseId, [caseId]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dragging, setDragging] = useState(false);
  const [verifying, setVerifying] = useState<Record<string, { done: number; total: number } | VerifyOutcome>>({});
  const [editing, setEditing] = useState<EvidenceDocument | null>(null);
  const [previewing, setPreviewing] = useState<EvidenceDocument | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const copyInput = useRef<HTMLInputElement>(null);
  const [copyOf, setCopyOf] = useState<string | null>(null);
  const { labelOf } = useCaseRecords(caseId);
  const notify = (n: Notice): void => setNotices((all) => [n, ...all].slice(0, 6));

  const takeIn = async (file: File, derivedFromId: string | null = null): Promise<void> => {
    const { job, result } = await session.files.intake(file, caseId);
    if (!result) {
      notify({ color: 'red', text: t(`evidence.failed.${job.error ?? 'unreadable'}`, { name: file.name }) });
      session.files.dismiss(job.jobId);
      return;
    }
    const existing = (await session.documents.all()).find((d) => d.sha256 === result.sha256);
    if (existing) {
      await session.files.discard(job.documentId);
      session.files.dismiss(job.jobId);
      notify({ color: 'orange', text: t('evidence.duplicate', { name: file.name, existing: existing.originalName }) });
      return;
    }
    try {
      await session.commit(
        intakeChanges(file, result, {
          documentId: job.documentId,
          caseId,
          derivedFromId,
          actor: session.actor,
          now: new Date(),
          newId: randomId,
        }),
      );
      notify({ color: 'teal', text: t('evidence.stored', { name: file.name }) });
    } catch (e) {
      await session.files.discard(job.documentId);
      notify({ color: 'red', text: errorMessage(t, e) });
    } finally {
      session.files.dismiss(job.jobId);
    }
  };

  const takeInAll = (files: FileList | File[]): void => {
    for (const f of Array.from(files)) void takeIn(f);
  };

  const verify = async (doc: EvidenceDocument): Promise<void> => {
    setVerifying((v) => ({ ...v, [doc.id]: { done: 0, total: doc.chunkCount } }));
    const outcome = await session.files.verify(doc, (done, total) =>
      setVerifying((v) => ({ ...v, [doc.id]: { done, total } })),
    );
    setVerifying((v) => ({ ...v, [doc.id]: outcome }));
    const current = (await session.documents.get(doc.id)) ?? doc;
    // The outcome is stored as a code and translated when shown, so the log reads right in either language.
    const detail = outcome.ok ? 'ok' : outcome.reason;
    await session.commit([
      custodyAppended(current, { action: 'verified', hashOk: outcome.ok, detail }, session.actor, new Date()),
    ]);
  };

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) takeInAll(e.dataTransfer.files);
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('evidence.title')}
      </Title>
      <div
        className={classes.drop}
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Group gap="xs" justify="center">
          <Text>{t('evidence.drop')}</Text>
          <Button onClick={() => input.current?.click()}>{t('evidence.choose')}</Button>
        </Group>
        <Text size="sm" c="dimmed" ta="center" mt={4}>
          {t('evidence.dropHint')}
        </Text>
        <VisuallyHidden>
          <input
            ref={copyInput}
            type="file"
            aria-label={t('evidence.copyInputLabel')}
            tabIndex={-1}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f && copyOf) void takeIn(f, copyOf);
              e.currentTarget.value = '';
            }}
          />
          <input
            ref={input}
            type="file"
            multiple
            aria-label={t('evidence.inputLabel')}
            tabIndex={-1}
            onChange={(e) => {
              if (e.currentTarget.files) takeInAll(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </VisuallyHidden>
      </div>
      {jobs.map((j) => (
        <Paper key={j.jobId} withBorder p="sm">
          <Group justify="space-between">
            <Text size="sm">
              {t('evidence.progress', {
                name: j.name,
                done: formatBytes(j.done, settings.language),
                total: formatBytes(j.size, settings.language),
              })}
            </Text>
            {j.state === 'running' && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('evidence.cancelNamed', { name: j.name })}
                onClick={() => session.files.cancel(j.jobId)}
              >
                {t('evidence.cancel')}
              </Button>
            )}
          </Group>
          <Progress value={j.size ? (j.done / j.size) * 100 : 100} mt={4} aria-label={j.name} />
        </Paper>
      ))}
      {notices.map((n, i) => (
        <Alert
          key={i}
          color={n.color}
          role={n.color === 'red' ? 'alert' : 'status'}
          withCloseButton
          closeButtonLabel={t('evidence.dismiss')}
          onClose={() => setNotices((all) => all.filter((x) => x !== n))}
        >
          {n.text}
        </Alert>
      ))}
      {docs && docs.length === 0 && jobs.length === 0 && <Text c="dimmed">{t('evidence.empty')}</Text>}
      {orderWithCopies(docs ?? []).map((d) => {
        const v = verifying[d.id];
        return (
          <Paper key={d.id} withBorder p="md" component="article" aria-label={d.originalName}>
            <Group justify="space-between" align="start">
              <Stack gap={2}>
                <Title order={3} size="h5" dir="auto">
                  {d.originalName}
                </Title>
                <Text size="sm" c="dimmed">
                  {d.mediaType} · {formatBytes(d.size, settings.language)} · {t('evidence.acquired')}:{' '}
                  {formatTimestamp(d.createdAt, settings)}
                </Text>
                {d.derivedFromId && (
                  <Text size="sm" c="blue">
                    {t('evidence.copyOf', { name: docs?.find((x) => x.id === d.derivedFromId)?.originalName ?? '' })}
                  </Text>
                )}
              </Stack>
              <Group gap="xs">
                {!d.derivedFromId && (
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('evidence.addCopyNamed', { name: d.originalName })}
                    onClick={() => {
                      setCopyOf(d.id);
                      copyInput.current?.click();
                    }}
                  >
                    {t('evidence.addCopy')}
                  </Button>
                )}
                <Button
                  size="xs"
                  variant="light"
                  aria-label={t('evidence.previewNamed', { name: d.originalName })}
                  onClick={() => setPreviewing(d)}
                >
                  {t('evidence.preview')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={t('evidence.detailsNamed', { name: d.originalName })}
                  onClick={() => setEditing(d)}
                >
                  {t('evidence.details')}
                </Button>
                <Button
                  size="xs"
                  aria-label={t('evidence.verifyNamed', { name: d.originalName })}
                  loading={v !== undefined && 'total' in v}
                  onClick={() => void verify(d)}
                >
                  {t('evidence.verify')}
                </Button>
              </Group>
            </Group>
            <Text size="xs" mt="xs">
              {t('evidence.sha256')}:{' '}
              <Code className={classes.hash} dir="ltr">
                {d.sha256}
              </Code>
            </Text>
            {v && 'total' in v && (
              <Progress mt="xs" value={v.total ? (v.done / v.total) * 100 : 0} aria-label={t('evidence.verifying')} />
            )}
            {v && 'ok' in v && v.ok && (
              <Alert mt="xs" color="teal" role="status">
                {t('evidence.verifiedOk')}
              </Alert>
            )}
            {v && 'ok' in v && !v.ok && (
              <Alert mt="xs" color="red" variant="filled" role="alert">
                {t(`evidence.verifiedBad.${v.reason}`, { chunk: 'chunk' in v ? v.chunk + 1 : 0 })}
              </Alert>
            )}
            <FileArrival doc={d} />
            <RecordLinks table="documents" id={d.id} labelOf={labelOf} />
            <Text size="sm" fw={600} mt="sm">
              {t('evidence.custody')}
            </Text>
            <CustodyList doc={d} />
          </Paper>
        );
      })}
      <EvidenceDetails doc={editing} onClose={() => setEditing(null)} />
      <EvidencePreview doc={previewing} onClose={() => setPreviewing(null)} />
    </Stack>
  );
}

/**
 * An original that came with its record from another laptop: how much of it is here yet, or that it did not
 * match its signed hashes once whole (renderer/src/sync/file-transfer.ts). Nothing is shown for a whole file.
 */
function FileArrival({ doc }: { doc: EvidenceDocument }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const status = useSyncStatus();
  const [state, setState] = useState<{ have: number; failed: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const have = (await session.storage.files.chunkIndexes(doc.id)).length;
      const failed = await session.sync.fileFailed(doc.id);
      if (live) setState({ have, failed });
    })();
    return () => {
      live = false;
    };
  }, [session, doc.id, status]);
  if (!state) return null;
  if (state.failed)
    return (
      <Alert mt="xs" color="red" variant="filled" role="alert">
        {t('evidence.arrivedBad')}
      </Alert>
    );
  if (state.have >= doc.chunkCount) return null;
  return (
    <Alert mt="xs" color="blue" role="status">
      {t('evidence.arriving', { have: state.have, total: doc.chunkCount })}
      <Progress
        mt={4}
        value={(state.have / Math.max(1, doc.chunkCount)) * 100}
        aria-label={t('evidence.arrivingLabel', { name: doc.originalName })}
      />
    </Alert>
  );
}

function EvidenceDetails({ doc, onClose }: { doc: EvidenceDocument | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [draft, setDraft] = useState<DetailsDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  if (doc && openedFor !== doc.id) {
    setOpenedFor(doc.id);
    setError(null);
    setDraft(detailsDraftFrom(doc));
  }
  if (!doc && openedFor) setOpenedFor(null);

  const save = async (): Promise<void> => {
    if (!doc || !draft) return;
    const current = (await session.documents.get(doc.id)) ?? doc;
    if (await commitPlanned(detailsChange(draft, current, new Date()))) onClose();
  };

  const field = (k: (typeof DETAIL_TEXT_FIELDS)[number], multiline = false): ReactNode =>
    multiline ? (
      <Textarea
        key={k}
        label={t(`evidence.${k}`)}
        value={draft?.[k] ?? ''}
        onChange={(e) => draft && setDraft({ ...draft, [k]: e.currentTarget.value })}
        autosize
        minRows={2}
        dir="auto"
      />
    ) : (
      <TextInput
        key={k}
        label={t(`evidence.${k}`)}
        value={draft?.[k] ?? ''}
        onChange={(e) => draft && setDraft({ ...draft, [k]: e.currentTarget.value })}
        dir="auto"
      />
    );

  return (
    <Modal opened={doc !== null} onClose={onClose} title={t('evidence.dialog')} size="xl">
      {doc && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Text size="sm" dir="auto">
            {doc.originalName}
          </Text>
          <Text size="xs">
            {t('evidence.sha512')}:{' '}
            <Code dir="ltr" style={{ wordBreak: 'break-all' }}>
              {doc.sha512}
            </Code>
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('source')}
            {field('acquiredHow')}
            {field('acquiredBy')}
            <PartialDateField
              label={t('evidence.acquiredAt')}
              value={draft?.acquiredAt ?? ''}
              onChange={(v) => draft && setDraft({ ...draft, acquiredAt: v })}
            />
            <PartialDateField
              label={t('evidence.documentDate')}
              value={draft?.documentDate ?? ''}
              onChange={(v) => draft && setDraft({ ...draft, documentDate: v })}
            />
            {field('docType')}
            {field('language')}
          </SimpleGrid>
          {field('description', true)}
          {field('authenticity', true)}
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      )}
    </Modal>
  );
}

/** Larger files are not decrypted for display: Chromium may page big blobs to disk, and plaintext must never reach the disk. */
export const PREVIEW_LIMIT = 64 * 1024 * 1024;

/** Decrypts into memory only, shows the file, records "viewed" in its custody log, and drops the plaintext on close. */
function EvidencePreview({ doc, onClose }: { doc: EvidenceDocument | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const [url, setUrl] = useState<string | null>(null);
  const [blob, setBlob] = useState<Blob | null>(null);
  const kind = doc
    ? doc.mediaType.startsWith('image/')
      ? 'image'
      : doc.mediaType.startsWith('audio/')
        ? 'audio'
        : doc.mediaType.startsWith('video/')
          ? 'video'
          : doc.mediaType === 'application/pdf' || /\.pdf$/i.test(doc.originalName)
            ? 'pdf'
            : null
    : null;
  const streamable = kind === 'audio' || kind === 'video';
  const [streamFailed, setStreamFailed] = useState(false);
  const tooLarge = doc ? doc.size > PREVIEW_LIMIT && (!streamable || streamFailed) : false;

  useEffect(() => {
    if (!doc || !kind || tooLarge) return;
    let live = true;
    let objectUrl: string | null = null;
    const open = async (): Promise<void> => {
      // Audio and video stream through the media service worker, decrypting only the ranges played.
      if (streamable) {
        const streamed = await session.files.streamUrl(doc);
        if (!live) return;
        if (streamed) {
          setUrl(streamed);
          return;
        }
        if (doc.size > PREVIEW_LIMIT) {
          setStreamFailed(true);
          return;
        }
      }
      const plain = await session.files.read(doc);
      if (!live) return;
      if (kind === 'pdf') setBlob(plain);
      else {
        objectUrl = URL.createObjectURL(plain);
        setUrl(objectUrl);
      }
    };
    void open().then(async () => {
      if (!live) return;
      const current = (await session.documents.get(doc.id)) ?? doc;
      await session.commit([
        custodyAppended(current, { action: 'viewed', detail: '', hashOk: null }, session.actor, new Date()),
      ]);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
      setBlob(null);
    };
  }, [doc, kind, tooLarge, streamable, session]);

  return (
    <Modal
      opened={doc !== null}
      onClose={onClose}
      title={doc ? t('evidence.previewTitle', { name: doc.originalName }) : ''}
      size="xl"
    >
      {doc && tooLarge && (
        <Alert color="orange">
          {t('evidence.previewTooLarge', { max: formatBytes(PREVIEW_LIMIT, settings.language) })}
        </Alert>
      )}
      {doc && !tooLarge && !kind && <Alert color="gray">{t('evidence.previewUnsupported')}</Alert>}
      {url && kind === 'image' && (
        <img src={url} alt={t('evidence.previewAlt', { name: doc?.originalName ?? '' })} style={{ maxWidth: '100%' }} />
      )}
      {url && kind === 'audio' && (
        <audio
          src={url}
          controls
          aria-label={t('evidence.previewAlt', { name: doc?.originalName ?? '' })}
          style={{ width: '100%' }}
        />
      )}
      {blob && kind === 'pdf' && <PdfPreview blob={blob} label={doc?.originalName ?? ''} />}
      {url && kind === 'video' && (
        <video
          src={url}
          controls
          aria-label={t('evidence.previewAlt', { name: doc?.originalName ?? '' })}
          style={{ maxWidth: '100%' }}
        />
      )}
    </Modal>
  );
}
