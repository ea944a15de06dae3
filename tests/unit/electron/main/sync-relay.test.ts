import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncRelay, MAX_ORIGINS, MAX_QUESTIONS } from '../../../../electron/main/services/sync-relay';
import { syncOrigin } from '@shared/sync/server-address';
import { SYNC_MAX_BODY } from '@shared/ipc/contract';

let server: Server;
let base: string;
let seen: Array<{ method: string; headers: Record<string, unknown>; body: number }>;

beforeEach(async () => {
  seen = [];
  server = createServer((req, res) => {
    let n = 0;
    req.on('data', (d: Buffer) => (n += d.length));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: n });
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"couchdb":"Welcome"}');
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const block = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const more = (): void => {
          while (sent <= SYNC_MAX_BODY / block.length + 1) {
            sent++;
            if (!res.write(block)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      } else res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const relayWith = (
  answers: boolean[],
  file = join(mkdtempSync(join(tmpdir(), 'relay-')), 'sync-servers.json'),
  fetchImpl?: typeof fetch,
) => {
  const asked: string[] = [];
  const relay = new SyncRelay(
    file,
    async (origin) => {
      asked.push(origin);
      return answers.shift() ?? false;
    },
    fetchImpl,
  );
  return { relay, asked, file };
};
/** Every server a CouchDB, without a network. */
const welcome: typeof fetch = async () => new Response('{"couchdb":"Welcome"}');

describe('the desktop app’s relay to sync servers', () => {
  it('accepts https anywhere and http on this computer only, never credentials in the address', () => {
    expect(syncOrigin('https://sync.example.org/athar')).toBe('https://sync.example.org');
    expect(syncOrigin('http://127.0.0.1:5984/x')).toBe('http://127.0.0.1:5984');
    expect(syncOrigin('http://sync.example.org')).toBeNull();
    expect(syncOrigin('https://u:p@sync.example.org')).toBeNull();
    expect(syncOrigin('file:///etc/passwd')).toBeNull();
    expect(syncOrigin('not a url')).toBeNull();
  });

  it('carries nothing to a server the user was not asked about or refused; a refusal holds until the app starts again', async () => {
    const { relay, asked, file } = relayWith([false]);
    await expect(relay.request({ url: `${base}/athar`, method: 'GET', headers: [], body: null })).rejects.toThrow(
      /not allowed/,
    );
    expect(await relay.allow(`${base}/athar`, 'en')).toBe(false);
    expect(await relay.allow(`${base}/athar`, 'en')).toBe(false);
    expect(asked).toEqual([base]);
    await expect(relay.request({ url: `${base}/athar`, method: 'GET', headers: [], body: null })).rejects.toThrow(
      /not allowed/,
    );
    expect(seen.filter((r) => r.method !== 'GET' || r.body)).toHaveLength(0);
    const restarted = relayWith([true], file);
    expect(await restarted.relay.allow(`${base}/athar`, 'en')).toBe(true);
    expect(await restarted.relay.allow(`${base}/other`, 'ar')).toBe(true);
    expect(restarted.asked).toEqual([base]);
    expect(await restarted.relay.allow('http://sync.example.org', 'en')).toBe(false);
  });

  it('asks only about a server that answers as CouchDB does, and only a few times per run', async () => {
    const notCouch = relayWith([true], undefined, async () => new Response('{"docker":"engine"}'));
    expect(await notCouch.relay.allow('http://127.0.0.1:2375', 'en')).toBe(false);
    expect(notCouch.asked).toHaveLength(0);
    const many = relayWith(
      Array.from({ length: 10 }, () => false),
      undefined,
      welcome,
    );
    for (let i = 0; i < 10; i++) await many.relay.allow(`https://s${i}.example.org`, 'en');
    expect(many.asked).toHaveLength(MAX_QUESTIONS);
  });

  it('remembers what was allowed in a private file, for a handful of servers at most', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'relay-')), 'sync-servers.json');
    for (let i = 0; i < 12; i++) await relayWith([true], file, welcome).relay.allow(`https://s${i}.example.org`, 'en');
    expect((JSON.parse(readFileSync(file, 'utf8')) as string[]).length).toBe(MAX_ORIGINS);
    expect(statSync(file).mode & 0o077).toBe(0);
    const again = new SyncRelay(file, async () => {
      throw new Error('must not ask');
    });
    expect(await again.allow('https://s11.example.org/db', 'en')).toBe(true);
  });

  it('carries nothing to the server’s own APIs, only to a database', async () => {
    const { relay } = relayWith([true]);
    await relay.allow(base, 'en');
    for (const path of ['/_config', '/_users/org.couchdb.user:x', '/_all_dbs', '/_replicate'])
      await expect(relay.request({ url: `${base}${path}`, method: 'GET', headers: [], body: null })).rejects.toThrow(
        /path not allowed/,
      );
  });

  it('carries the request with its body and the allowed headers, and gives back the answer', async () => {
    const { relay } = relayWith([true]);
    await relay.allow(base, 'en');
    const answer = await relay.request({
      url: `${base}/athar/_bulk_docs`,
      method: 'POST',
      headers: [
        ['authorization', 'Basic eDp5'],
        ['content-type', 'application/json'],
      ],
      body: new TextEncoder().encode('{"docs":[]}'),
    });
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe('application/json');
    expect(new TextDecoder().decode(answer.body)).toBe('{"ok":true}');
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post).toMatchObject({ method: 'POST', body: 11 });
    expect(post.headers['authorization']).toBe('Basic eDp5');
  });

  it('refuses an answer past the limit and does not follow a redirect to somewhere else', async () => {
    const { relay } = relayWith([true]);
    await relay.allow(base, 'en');
    await expect(relay.request({ url: `${base}/huge`, method: 'GET', headers: [], body: null })).rejects.toThrow(
      /too large/,
    );
    await expect(relay.request({ url: `${base}/moved`, method: 'GET', headers: [], body: null })).rejects.toThrow();
  }, 60_000);
});

describe('the sync channels at the bridge', () => {
  it('refuses a request from a page that is not the app’s, and input the contract does not allow', async () => {
    const handlers = new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>();
    const { registerSyncHandlers } = await import('../../../../electron/main/ipc/sync-handlers');
    const { relay } = relayWith([true]);
    registerSyncHandlers({ handle: (c, fn) => void handlers.set(c, fn as never) }, relay, {});
    const request = handlers.get('sync:request')!;
    const fromApp = { senderFrame: { url: 'app://athar/index.html' } };
    expect(await request({ senderFrame: { url: 'https://evil.example' } }, {})).toEqual({
      ok: false,
      error: 'forbidden-sender',
    });
    for (const bad of [
      { url: `${base}/x`, method: 'PATCH', headers: [], body: null },
      { url: `${base}/x`, method: 'GET', headers: [['cookie', 'a=b']], body: null },
      { url: `${base}/x`, method: 'GET', headers: [], body: 'not bytes' },
      { url: 'x'.repeat(5000), method: 'GET', headers: [], body: null },
    ])
      expect(await request(fromApp, bad)).toEqual({ ok: false, error: 'invalid-input' });
    expect(await request(fromApp, { url: `${base}/x`, method: 'GET', headers: [], body: null })).toEqual({
      ok: false,
      error: 'failed',
    });
    expect(seen.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});
