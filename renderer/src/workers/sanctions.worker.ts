/// <reference lib="webworker" />
import Papa from 'papaparse';
import { createSHA256 } from 'hash-wasm';
import { decodeText } from '@shared/list-import/decode';
import { ListFormatError, type ListFormat } from '@shared/sanctions/designation';
import { parseList, type ListInput } from '@shared/sanctions/read-list';
import type { OfacCsvFiles } from '@shared/sanctions/ofac-csv';
import type { FromWorker, ListRefusal, ToWorker } from './sanctions-protocol';

// Sanctions lists are read here, off the page's thread: the SDN list is over 100 MB of XML, read as a stream
// an entry at a time, with its SHA-256 taken on the way so the very file can be named later.
declare const self: DedicatedWorkerGlobalScope;
const jobs = new Map<string, AbortController>();
const post = (m: FromWorker): void => self.postMessage(m);

/** The largest list file read whole (CSV, JSON); XML streams at any size. */
const MAX_WHOLE_BYTES = 150 * 1024 * 1024;

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    jobs.get(msg.jobId)?.abort(new DOMException('Cancelled', 'AbortError'));
    return;
  }
  const ctl = new AbortController();
  jobs.set(msg.jobId, ctl);
  const total = msg.files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  let lastPost = 0;
  const advance = (bytes: number): void => {
    done += bytes;
    const now = performance.now();
    if (now - lastPost > 100 || done === total) {
      lastPost = now;
      post({ type: 'progress', jobId: msg.jobId, done, total });
    }
  };
  try {
    const hash = await createSHA256();
    hash.init();
    const input = await listInput(msg.format, msg.files, { advance, hash, signal: ctl.signal });
    const list = await parseList(input, ctl.signal);
    post({ type: 'parsed', jobId: msg.jobId, list, sha256: hash.digest('hex') });
  } catch (e) {
    if (ctl.signal.aborted) post({ type: 'cancelled', jobId: msg.jobId });
    else post({ type: 'failed', jobId: msg.jobId, refusal: refusalOf(e) });
  } finally {
    jobs.delete(msg.jobId);
  }
};

function refusalOf(e: unknown): ListRefusal {
  if (e instanceof ListFormatError) return { problem: e.problem, ...e.at };
  return { problem: 'unreadable' };
}

interface Reading {
  advance: (bytes: number) => void;
  hash: { update: (b: Uint8Array) => unknown };
  signal: AbortSignal;
}

/** A file's text as it streams in, counted and hashed chunk by chunk. */
async function* textChunks(file: File, r: Reading): AsyncIterable<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (;;) {
    if (r.signal.aborted) throw r.signal.reason;
    const { done, value } = await reader.read();
    if (done) break;
    r.hash.update(value);
    r.advance(value.byteLength);
    yield decoder.decode(value, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function wholeText(file: File, r: Reading): Promise<string> {
  if (file.size > MAX_WHOLE_BYTES) throw new ListFormatError('too-large', { element: file.name });
  const bytes = new Uint8Array(await file.arrayBuffer());
  r.hash.update(bytes);
  r.advance(bytes.byteLength);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new ListFormatError('malformed', { element: file.name, detail: decoded.error });
  return decoded.value.text;
}

async function listInput(format: ListFormat, files: File[], r: Reading): Promise<ListInput> {
  const [first] = files;
  if (!first) throw new ListFormatError('empty');
  switch (format) {
    case 'ofac-sdn-xml':
    case 'eu-fsf-xml':
    case 'ca-xml':
    case 'ch-xml':
      return { format, chunks: textChunks(first, r) };
    case 'ofac-sdn-csv': {
      // sdn.csv with its companions, known by their names; a single file is sdn.csv.
      const byName = (n: string) => files.find((f) => f.name.toLowerCase() === n);
      const sdn = byName('sdn.csv') ?? first;
      const out: OfacCsvFiles = { sdn: await wholeText(sdn, r) };
      const alt = byName('alt.csv');
      const add = byName('add.csv');
      if (alt) out.alt = await wholeText(alt, r);
      if (add) out.add = await wholeText(add, r);
      return { format, files: out };
    }
    case 'uk-csv': {
      const rows = Papa.parse<string[]>(await wholeText(first, r), { skipEmptyLines: 'greedy' }).data;
      return { format, table: { rows, lines: rows.map((_, i) => i + 1) } };
    }
    case 'fr-json':
      return { format, text: await wholeText(first, r) };
    case 'au-xlsx':
      // Spreadsheets are read on the page, where the spreadsheet reader runs (renderer/src/features/sanctions).
      throw new ListFormatError('not-this-format', { element: first.name });
  }
}
