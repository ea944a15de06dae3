/**
 * The sync server addresses the app will talk to: https, or plain http on this computer only (a server started
 * for a small office or a test on loopback). Credentials never go in the address, where logs and history keep
 * them. One rule for the settings form and for the desktop app's relay.
 */
export type ServerAddressProblem = 'not-a-url' | 'needs-tls' | 'has-credentials';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function serverAddressProblem(address: string): ServerAddressProblem | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'not-a-url';
  }
  if (url.username || url.password) return 'has-credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return url.protocol === 'http:' ? 'needs-tls' : 'not-a-url';
}

/** The origin of an address the app may reach, or null. */
export function syncOrigin(address: string): string | null {
  return serverAddressProblem(address) ? null : new URL(address).origin;
}
