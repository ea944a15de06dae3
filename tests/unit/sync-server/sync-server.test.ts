import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDevice, revokeDevice, SYNC_DB } from '../../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../../sync/server-process';

const basic = (user: string, password: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  'content-type': 'application/json',
});

let servers: SyncServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

describe('the sync server (pouchdb-server on loopback, one command)', () => {
  it('lets only device users in, refuses a wrong password and, once revoked, the device', async () => {
    const server = await startSyncServer();
    servers.push(server);
    const db = `${server.url}/${SYNC_DB}`;
    expect((await fetch(`${db}/_all_docs`)).status).toBe(401);
    // Signing up in _users gives no role: still shut out.
    await fetch(`${server.url}/_users/org.couchdb.user:intruder`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'intruder', password: 'x', roles: ['athar-device'], type: 'user' }),
    });
    expect((await fetch(`${db}/_all_docs`, { headers: basic('intruder', 'x') })).status).not.toBe(200);

    const device = await addDevice(server.admin, 'laptop-a');
    expect(device.password.length).toBeGreaterThanOrEqual(32);
    const put = await fetch(`${db}/d1`, { method: 'PUT', headers: basic(device.user, device.password), body: '{}' });
    expect(put.status).toBe(201);
    expect((await fetch(`${db}/_all_docs`, { headers: basic(device.user, 'wrong') })).status).toBe(401);
    await expect(addDevice(server.admin, 'laptop-a')).rejects.toThrow(/already exists/);
    await expect(addDevice(server.admin, '../_config')).rejects.toThrow(/device name/);

    // Written once: a device can neither change nor delete a document, its own included.
    const rev = ((await put.json()) as { rev: string }).rev;
    const change = await fetch(`${db}/d1`, {
      method: 'PUT',
      headers: basic(device.user, device.password),
      body: JSON.stringify({ _rev: rev, changed: true }),
    });
    expect(change.status).toBe(403);
    const remove = await fetch(`${db}/d1?rev=${rev}`, {
      method: 'DELETE',
      headers: basic(device.user, device.password),
    });
    expect(remove.status).toBe(403);
    expect((await fetch(`${db}/d1`, { headers: basic(device.user, device.password) })).status).toBe(200);

    await revokeDevice(server.admin, 'laptop-a');
    expect((await fetch(`${db}/_all_docs`, { headers: basic(device.user, device.password) })).status).toBe(401);
  }, 120_000);

  it('keeps its admin, devices and documents across a restart, even after a kill, with the settings file private', async () => {
    const first = await startSyncServer();
    const device = await addDevice(first.admin, 'laptop-b');
    const db = `${first.url}/${SYNC_DB}`;
    await fetch(`${db}/kept`, { method: 'PUT', headers: basic(device.user, device.password), body: '{"n":1}' });
    await first.stop('SIGKILL');
    expect(statSync(join(first.dir, 'athar-server.json')).mode & 0o077).toBe(0);

    const again = await startSyncServer({ dir: first.dir, port: first.port });
    servers.push(again);
    expect(again.admin.password).toBe(first.admin.password);
    const got = await fetch(`${db}/kept`, { headers: basic(device.user, device.password) });
    expect(((await got.json()) as { n: number }).n).toBe(1);
  }, 120_000);

  it('refuses to start without a data folder or with a bad port, with a message', () => {
    const main = resolve(import.meta.dirname, '../../../sync-server/main.ts');
    const noData = spawnSync(process.execPath, [main, '--port', '5990'], { encoding: 'utf8' });
    expect(noData.status).toBe(2);
    expect(noData.stderr).toMatch(/--data/);
    const badPort = spawnSync(process.execPath, [main, '--data', '/tmp/x', '--port', '99999'], { encoding: 'utf8' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/--port/);
  });
});
