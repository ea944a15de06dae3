import type { Session, WebContents } from 'electron';
import { isAppUrl } from './navigation-guards';

/**
 * Applies the guards every window gets: no navigation away from the app, no
 * new windows and nothing handed to the system browser (a compromised page
 * must have no way to send data out), no permissions (camera, microphone,
 * notifications, geolocation…), and no webviews.
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

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
