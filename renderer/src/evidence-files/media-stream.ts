/**
 * The page's side of streamed previews: registers the media service worker
 * (served at the app's root so it controls the page), hands it each allowed
 * document with the keys its chunks are sealed with while unlocked. Locking calls
 * forgetMedia(), after which it answers 403.
 */
import type { WorkerChunkKeys } from '../db/file-chunks';

type Doc = { id: string; size: number; chunkCount: number; mediaType: string };

let registration: Promise<ServiceWorkerRegistration> | null = null;
/** Every worker the key was handed to: the page may not be controlled yet, and then it went to the active one. */
const keyed = new Set<ServiceWorker>();

async function worker(): Promise<ServiceWorker | null> {
  if (!('serviceWorker' in navigator)) return null;
  registration ??= navigator.serviceWorker.register(new URL('./media-sw.js', document.baseURI).href, {
    type: 'module',
    scope: './',
  });
  await registration;
  const ready = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    // First registration: wait until the worker has claimed this page.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        navigator.serviceWorker.removeEventListener('controllerchange', done);
        resolve();
      };
      navigator.serviceWorker.addEventListener('controllerchange', done);
      setTimeout(done, 3000);
    });
  }
  return navigator.serviceWorker.controller ?? ready.active;
}

function send(sw: ServiceWorker, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    sw.postMessage(message, [channel.port2]);
    setTimeout(resolve, 2000);
  });
}

/** A URL the media element can stream with range requests, or null where service workers are unavailable. */
export async function streamUrl(doc: Doc, keys: WorkerChunkKeys): Promise<string | null> {
  const sw = await worker().catch(() => null);
  if (!sw) return null;
  keyed.add(sw);
  await send(sw, {
    type: 'allow',
    doc: { id: doc.id, size: doc.size, chunkCount: doc.chunkCount, mediaType: doc.mediaType },
    keys,
  });
  return new URL(`athar-media/${doc.id}`, document.baseURI).href;
}

/** Tells every worker that may hold the key to drop it: the one that controls the page and each one given the key. */
export async function forgetMedia(): Promise<void> {
  const targets = new Set(keyed);
  const controller = navigator.serviceWorker?.controller;
  if (controller) targets.add(controller);
  const active = registration ? (await registration.catch(() => null))?.active : null;
  if (active) targets.add(active);
  keyed.clear();
  await Promise.all([...targets].map((sw) => send(sw, { type: 'forget' })));
}
