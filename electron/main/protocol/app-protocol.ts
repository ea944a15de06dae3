import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME } from '../windows/navigation-guards';
import { CONTENT_SECURITY_POLICY } from '../windows/csp';
import { contentTypeFor, resolveAppPath } from './resolve-app-path';

/**
 * The renderer is served from app://athar, never file://: a fixed origin
 * keeps IndexedDB (the vault) in the same place across releases, and a custom
 * scheme gives no access to the rest of the disk.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // allowServiceWorkers: evidence media is streamed to <video>/<audio> through a service worker that decrypts byte ranges.
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    codeCache: true,
    allowServiceWorkers: true,
  },
} as const;

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return new Response('Forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cross-origin-opener-policy': 'same-origin',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
