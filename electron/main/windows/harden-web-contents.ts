import type { Session, WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './navigation-guards';

/**
 * Applies the guards every window gets: no navigation away from the app, no
 * new windows (links to the web go to the system browser after a check), no
 * permissions (camera, microphone, notifications, geolocation…), and no
 * webviews.
 */
export function hardenWebContents(
  contents: WebContents,
  opts: { devServerUrl?: string | undefined; openExternal: (url: string) => void },
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) opts.openExternal(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
