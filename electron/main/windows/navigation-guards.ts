/**
 * Decisions about where the window may go, kept free of Electron so they are
 * unit-tested. The app never navigates away from its own origin; links to
 * the outside world open in the system browser, and only for schemes that
 * cannot run code.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'athar';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return u.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
