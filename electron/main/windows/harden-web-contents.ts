import type { Session, WebContents } from 'electron';
import { isAppUrl } from './navigation-guards';

/**
 * Applies the guards every window gets: no navigation away from the app, no
 * new windows and nothing handed to the system browser (a compromised page
 * must have no way to send data out), no permissions (camera, microphone,
 * notifications, geolocation…; `appPermissions` below), and no webviews.
 */
export function hardenWebContents(
  contents: WebContents,
  opts: { devServerUrl?: string | undefined; now?: () => number },
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A renderer that crashed (or was killed) leaves a white window: load the app again, which opens locked.
  // Three crashes within a minute stop the reloading, so a page that crashes at once does not spin.
  const crashes: number[] = [];
  contents.on('render-process-gone', (_event, details: { reason: string }) => {
    if (details.reason === 'clean-exit') return;
    const now = (opts.now ?? Date.now)();
    crashes.push(now);
    while (crashes.length && now - crashes[0]! > 60_000) crashes.shift();
    if (crashes.length <= 3 && !contents.isDestroyed()) contents.reload();
  });
}

/**
 * Every permission is refused but one: persistent storage, for the app's own pages only. Without it the
 * browser engine counts the vault as "best effort" storage and may delete all of it, without asking, when
 * the disk runs low (Chromium's quota eviction); with it, only the app removes what it wrote.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage']);

export function appPermissions(session: Session, devServerUrl?: string): void {
  const allowed = (permission: string, url: string | undefined): boolean =>
    GRANTED_PERMISSIONS.has(permission) && typeof url === 'string' && isAppUrl(url, devServerUrl);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowed(permission, details?.requestingUrl ?? contents?.getURL())),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
