import PouchDB, { type RemoteDatabase } from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';

PouchDB.plugin(HttpAdapter);

/** A database on the sync server through PouchDB's HTTP client, every request carried by the host's `fetch`. */
export function remoteDatabase(
  s: { server: string; database: string; user: string; password: string },
  fetchFn: typeof fetch,
): RemoteDatabase {
  return new PouchDB(`${s.server.replace(/\/+$/, '')}/${s.database}`, {
    adapter: 'http',
    skip_setup: true,
    auth: { username: s.user, password: s.password },
    // The client's own Headers class need not be the host's: the pairs are handed over as they are.
    fetch: (url: string | Request, opts?: RequestInit) =>
      fetchFn(url, {
        ...opts,
        // The server's answers change (a document that was not there a moment ago): never from a cache.
        cache: 'no-store',
        headers: [...((opts?.headers ?? []) as Iterable<[string, string]>)],
      }),
  });
}
