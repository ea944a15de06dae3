import type { Session, WebContents } from 'electron';
import { isAppUrl } from './navigation-guards';

/**
 * Applies the guards every window gets: no navigation away from the app, no
 * new windows and nothing handed to the system browser (a compromised page
 * must have no way to send data out), no permissions (camera, microphone,
 * notifications, geolocation…), and no webviews.
 */
export function hardenWebContents(contents: WebContents, opts: { devServerUrl?: string | undefined }): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
