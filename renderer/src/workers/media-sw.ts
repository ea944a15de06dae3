/// <reference lib="webworker" />
import { AtharDb } from '../db/schema';
import { CHUNK_SIZE, chunkKeysFromWorker, decryptChunk, type KeyFor, type WorkerChunkKeys } from '../db/file-chunks';

/**
 * Streams decrypted evidence to <video>, <audio> and <img> without a
 * plaintext file: the media element asks for byte ranges of a virtual URL
 * (…/athar-media/<documentId>), and this service worker decrypts just the
 * chunks those bytes live in. It holds each allowed document's keys only while the page
 * that sent it is unlocked; locking sends "forget".
 */
declare const self: ServiceWorkerGlobalScope;

type Doc = { id: string; size: number; chunkCount: number; mediaType: string };
/** Each document it may serve, with the keys its chunks are sealed with (one per chunk mark). */
const docs = new Map<string, { doc: Doc; keys: KeyFor }>();
let db: AtharDb | null = null;

self.addEventListener('install', () => {
  void self.skipWaiting();
});
self.addEventListener('activate', (e) => {
  e.waitUntil(self.clients.claim());
});

self.addEventListener('message', (e: ExtendableMessageEvent) => {
  const m = e.data as { type: 'allow'; doc: Doc; keys: WorkerChunkKeys } | { type: 'forget' };
  if (m.type === 'allow') docs.set(m.doc.id, { doc: m.doc, keys: chunkKeysFromWorker(m.keys) });
  else if (m.type === 'forget') docs.clear();
  e.ports[0]?.postMessage('ok');
});

self.addEventListener('fetch', (e: FetchEvent) => {
  const url = new URL(e.request.url);
  const match = /\/athar-media\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (!match) return;
  e.respondWith(serve(match[1]!, e.request.headers.get('range')));
});

async function serve(id: string, range: string | null): Promise<Response> {
  const allowed = docs.get(id);
  if (!allowed) return new Response('Locked', { status: 403 });
  const { doc, keys } = allowed;
  db ??= new AtharDb();
  let start = 0;
  let end = doc.size - 1;
  const m = range ? /bytes=(\d*)-(\d*)/.exec(range) : null;
  if (m) {
    if (m[1]) start = Number(m[1]);
    if (m[2]) end = Math.min(Number(m[2]), doc.size - 1);
    else if (!m[1] && m[2]) {
      start = Math.max(0, doc.size - Number(m[2]));
      end = doc.size - 1;
    }
    // Serve at most two chunks per request: the element asks again for more.
    end = Math.min(end, start + 2 * CHUNK_SIZE - 1);
  }
  if (start > end || start >= doc.size)
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${doc.size}` } });
  const k = keys;
  const database = db;
  let index = Math.floor(start / CHUNK_SIZE);
  const last = Math.floor(end / CHUNK_SIZE);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index > last) {
        controller.close();
        return;
      }
      const plain = await decryptChunk(database, k, id, index);
      const from = index === Math.floor(start / CHUNK_SIZE) ? start - index * CHUNK_SIZE : 0;
      const to = index === last ? end - index * CHUNK_SIZE + 1 : plain.length;
      controller.enqueue(plain.subarray(from, to));
      index++;
    },
  });
  const headers = {
    'content-type': doc.mediaType,
    'accept-ranges': 'bytes',
    'content-length': String(end - start + 1),
    'cache-control': 'no-store',
  };
  return m
    ? new Response(body, { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${doc.size}` } })
    : new Response(body, { status: 200, headers });
}
