import { randomBytes } from 'node:crypto';

/**
 * The server side of an office's sync, through CouchDB's own HTTP API: one database, `athar`, readable and
 * writable only by device users (role `athar-device`), administered by one server admin. The same calls work
 * against stock Apache CouchDB 3 and against the pouchdb-server this folder starts for small offices and tests.
 */
export const SYNC_DB = 'athar';
/**
 * Where laptops and administrators exchange an enrolment's two messages (shared/sync/invitation.ts, which names
 * it the same way): apart from the commits, so that no device takes them for commits it cannot open.
 */
export const enrolmentDatabase = (db: string): string => `${db}-enrolment`;
export const DEVICE_ROLE = 'athar-device';

export interface ServerAdmin {
  url: string;
  user: string;
  password: string;
}

export interface DeviceCredentials {
  server: string;
  database: string;
  user: string;
  password: string;
}

const DEVICE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

function auth(admin: ServerAdmin): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`,
    'content-type': 'application/json',
  };
}

async function call(admin: ServerAdmin, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, admin.url), {
    method,
    headers: auth(admin),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function expectOk(r: Response, what: string): Promise<void> {
  if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
}

/**
 * Devices write each document once and never change or delete one: a device whose password leaked (or a page
 * taken over on it) cannot rewrite or wipe what the team sent. The server admin still can, as in any CouchDB.
 */
const WRITE_ONCE = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (oldDoc || newDoc._deleted) throw({ forbidden: 'documents are written once and never changed' });
}`;

/** The databases, who may use them, and their write-once rule. Idempotent: run at every start. */
export async function prepareDatabase(admin: ServerAdmin): Promise<void> {
  for (const db of [SYNC_DB, enrolmentDatabase(SYNC_DB)]) await prepareOne(admin, db);
}

async function prepareOne(admin: ServerAdmin, db: string): Promise<void> {
  const made = await call(admin, 'PUT', `/${db}`);
  if (!made.ok && made.status !== 412) await expectOk(made, 'create the database');
  const design = await call(admin, 'GET', `/${db}/_design/athar`);
  const current = design.ok ? ((await design.json()) as { _rev?: string; validate_doc_update?: string }) : null;
  if (current?.validate_doc_update !== WRITE_ONCE)
    await expectOk(
      await call(admin, 'PUT', `/${db}/_design/athar`, {
        ...(current?._rev ? { _rev: current._rev } : {}),
        validate_doc_update: WRITE_ONCE,
      }),
      'install the write-once rule',
    );
  await expectOk(
    await call(admin, 'PUT', `/${db}/_security`, {
      admins: { names: [admin.user], roles: [] },
      members: { names: [], roles: [DEVICE_ROLE] },
    }),
    'set who may use the database',
  );
}

/** A CouchDB user for one device, with a password made here: what an invitation carries to that laptop. */
export async function addDevice(admin: ServerAdmin, name: string): Promise<DeviceCredentials> {
  if (!DEVICE_NAME.test(name)) throw new Error('a device name is lower-case letters, digits and hyphens');
  const password = randomBytes(24).toString('base64url');
  const r = await call(admin, 'PUT', `/_users/org.couchdb.user:${name}`, {
    _id: `org.couchdb.user:${name}`,
    name,
    password,
    roles: [DEVICE_ROLE],
    type: 'user',
  });
  if (r.status === 409) throw new Error(`a device named ${name} already exists`);
  await expectOk(r, 'add the device');
  return { server: admin.url, database: SYNC_DB, user: name, password };
}

/** Deletes a device's user: its password opens nothing on the server from then on. */
export async function revokeDevice(admin: ServerAdmin, name: string): Promise<void> {
  if (!DEVICE_NAME.test(name)) throw new Error('a device name is lower-case letters, digits and hyphens');
  const id = `org.couchdb.user:${name}`;
  const got = await call(admin, 'GET', `/_users/${encodeURIComponent(id)}`);
  if (got.status === 404) return;
  await expectOk(got, 'find the device');
  const { _rev } = (await got.json()) as { _rev: string };
  await expectOk(
    await call(admin, 'DELETE', `/_users/${encodeURIComponent(id)}?rev=${encodeURIComponent(_rev)}`),
    'revoke the device',
  );
}
