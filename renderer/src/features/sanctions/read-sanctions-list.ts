import { ListFormatError, type ListFormat } from '@shared/sanctions/designation';
import { detectListFormat, parseList, type ParsedList } from '@shared/sanctions/read-list';
import { readListFile } from '@shared/list-import/read-list-file';
import type { FromWorker, ListRefusal, ToWorker } from '../../workers/sanctions-protocol';

export type ReadOutcome =
  | { ok: true; list: ParsedList; sha256: string; fileName: string }
  | { ok: false; refusal: ListRefusal }
  | { ok: false; cancelled: true };

const hex = (b: ArrayBuffer): string => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

/** The files' format, from the main file's name and first bytes; OFAC's CSV comes as sdn.csv with alt.csv and add.csv. */
export async function formatOf(files: readonly File[]): Promise<ListFormat | null> {
  const main = files.find((f) => f.name.toLowerCase() === 'sdn.csv') ?? files[0];
  if (!main) return null;
  return detectListFormat(main.name, await main.slice(0, 8192).text());
}

/**
 * Reads a list the user picked, in the sanctions worker (XML at any size, as a stream; CSV and JSON whole), or
 * here for a spreadsheet, which the spreadsheet reader can only open on the page. Nothing is stored.
 */
export async function readSanctionsList(
  files: readonly File[],
  opts: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<ReadOutcome> {
  const format = await formatOf(files);
  if (!format) return { ok: false, refusal: { problem: 'not-this-format', element: files[0]?.name } };
  const fileName = files.map((f) => f.name).join(' + ');
  if (format === 'au-xlsx') return readSpreadsheet(files[0]!, fileName, opts.signal);
  const worker = new Worker(new URL('../../workers/sanctions.worker.ts', import.meta.url), { type: 'module' });
  const jobId = crypto.randomUUID();
  try {
    return await new Promise<ReadOutcome>((resolve) => {
      // A CSV or JSON list is parsed in one go, deaf to messages: Cancel stops the worker itself.
      const cancel = (): void => {
        worker.terminate();
        resolve({ ok: false, cancelled: true });
      };
      opts.signal?.addEventListener('abort', cancel, { once: true });
      worker.onmessage = (ev: MessageEvent<FromWorker>) => {
        const m = ev.data;
        if (m.jobId !== jobId) return;
        if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
        else if (m.type === 'parsed') resolve({ ok: true, list: m.list, sha256: m.sha256, fileName });
        else if (m.type === 'failed') resolve({ ok: false, refusal: m.refusal });
        else resolve({ ok: false, cancelled: true });
      };
      worker.onerror = () => resolve({ ok: false, refusal: { problem: 'unreadable' } });
      worker.postMessage({ type: 'parse', jobId, format, files: [...files] } satisfies ToWorker);
    });
  } finally {
    worker.terminate();
  }
}

async function readSpreadsheet(file: File, fileName: string, signal?: AbortSignal): Promise<ReadOutcome> {
  const read = await readListFile(file);
  if (signal?.aborted) return { ok: false, cancelled: true };
  if (!read.ok)
    return {
      ok: false,
      refusal: { problem: read.error === 'too-large' ? 'too-large' : 'malformed', element: file.name },
    };
  try {
    const { headers, rows, lines } = read.table;
    const list = await parseList({ format: 'au-xlsx', table: { rows: [headers, ...rows], lines: [1, ...lines] } });
    const sha256 = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    return { ok: true, list, sha256, fileName };
  } catch (e) {
    if (e instanceof ListFormatError) return { ok: false, refusal: { problem: e.problem, ...e.at } };
    return { ok: false, refusal: { problem: 'unreadable' } };
  }
}
