import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Loader, Stack } from '@mantine/core';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

const MAX_PAGES = 30;

/**
 * Renders a decrypted PDF to canvases with pdf.js, in memory: no plaintext
 * file, no browser plugin, no script from the document (eval off, scripting
 * not loaded).
 */
export function PdfPreview({ blob, label }: { blob: Blob; label: string }): ReactNode {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    const target = host.current;
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(workerUrl, { type: 'module' });
        const task = pdfjs.getDocument({
          data: new Uint8Array(await blob.arrayBuffer()),
          isEvalSupported: false,
          enableXfa: false,
        });
        destroy = () => {
          void task.destroy();
        };
        const doc = await task.promise;
        const count = Math.min(doc.numPages, MAX_PAGES);
        for (let n = 1; n <= count && !cancelled; n++) {
          const page = await doc.getPage(n);
          const viewport = page.getViewport({ scale: 1.3 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('evidence.pdfPage', { n, name: label }));
          canvas.style.maxWidth = '100%';
          target?.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
        }
        if (!cancelled) {
          setPages(doc.numPages);
          setState('ready');
        }
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
      target?.replaceChildren();
    };
  }, [blob, label, t]);

  return (
    <Stack gap="xs">
      {state === 'loading' && <Loader size="sm" aria-label={t('evidence.previewLoading')} />}
      {state === 'failed' && <Alert color="orange">{t('evidence.pdfFailed')}</Alert>}
      {state === 'ready' && pages > MAX_PAGES && (
        <Alert color="gray">{t('evidence.pdfTruncated', { shown: MAX_PAGES, total: pages })}</Alert>
      )}
      <div ref={host} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
    </Stack>
  );
}
