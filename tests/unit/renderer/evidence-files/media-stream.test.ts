import { afterEach, describe, expect, it, vi } from 'vitest';

/** A service worker that records what it was told, and answers each message on its port. */
function fakeWorker(name: string, log: string[]) {
  return {
    postMessage: (m: { type: string }, ports: MessagePort[]) => {
      log.push(`${name}:${m.type}`);
      ports[0]?.postMessage('ok');
    },
  } as unknown as ServiceWorker;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('streamed previews', () => {
  it('take the key back from the worker they gave it to, even when it did not control the page', async () => {
    const log: string[] = [];
    const active = fakeWorker('active', log);
    // A first run: the worker is active but has not claimed the page, so there is no controller.
    vi.stubGlobal('navigator', {
      serviceWorker: {
        controller: null,
        register: async () => ({ active }),
        ready: Promise.resolve({ active }),
        addEventListener: (_: string, done: () => void) => setTimeout(done, 0),
        removeEventListener: () => undefined,
      },
    });
    const { streamUrl, forgetMedia } = await import('../../../../renderer/src/evidence-files/media-stream');
    const url = await streamUrl(
      { id: '0b6f1d2e-8a47-4c1e-9e53-2f1d0c7a9b11', size: 10, chunkCount: 1, mediaType: 'video/mp4' },
      [['', {} as CryptoKey]],
    );
    expect(url).toContain('athar-media/');
    expect(log).toEqual(['active:allow']);
    await forgetMedia();
    expect(log).toContain('active:forget');
  });
});
