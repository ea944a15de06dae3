// npm run sync-server -- --data <dir> --port <p> [--host <address>]
// npm run sync-server -- add-device <name> --data <dir>
// npm run sync-server -- revoke-device <name> --data <dir>
//
// Starts a CouchDB-compatible server (pouchdb-server) for a small office, development and the tests, on loopback
// unless told otherwise. At its first start it makes the server admin with a random password, kept in
// <dir>/athar-server.json (readable by this user only); devices are added and revoked with the commands above.
// Production runs stock Apache CouchDB 3 behind TLS; docs/sync.md says how.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addDevice, prepareDatabase, revokeDevice, type ServerAdmin } from './admin.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

/** What the commands answer: one JSON value on stdout, for a person or a script. */
function say(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

let child: ReturnType<typeof spawn> | null = null;

function fail(message: string): never {
  console.error(`sync-server: ${message}`);
  child?.kill('SIGTERM');
  process.exit(2);
}

if (!values.data) fail('--data <dir> is required');
const dir = resolve(values.data);
const settingsFile = join(dir, 'athar-server.json');

interface Settings {
  port: number;
  host: string;
  admin: { user: string; password: string };
}

function loadSettings(): Settings | null {
  return existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Settings) : null;
}

function adminOf(s: Settings): ServerAdmin {
  const host = s.host === '0.0.0.0' || s.host === '::' ? '127.0.0.1' : s.host;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${s.port}`, ...s.admin };
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`the server did not answer at ${url}`);
}

async function serve(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('--port <1-65535> is required');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const known = loadSettings();
  const settings: Settings = {
    port,
    host: values.host!,
    admin: known?.admin ?? { user: 'athar-admin', password: randomBytes(24).toString('base64url') },
  };

  const bin = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  const server = spawn(
    process.execPath,
    [bin, '--port', String(port), '--host', settings.host, '--dir', dir, '--config', join(dir, 'config.json')],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir },
  );
  child = server;
  const stop = (): void => {
    server.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

  const admin = adminOf(settings);
  await waitUntilUp(admin.url);
  // No admin yet ("admin party": everyone is one): a first start, or one that died before it made the admin.
  // This makes one, on loopback, before anyone else can; and the settings are kept only once it exists.
  if ((await fetch(`${admin.url}/_config`)).ok) {
    const r = await fetch(`${admin.url}/_config/admins/${admin.user}`, {
      method: 'PUT',
      body: JSON.stringify(admin.password),
    });
    if (!r.ok) fail(`could not make the server admin: ${r.status}`);
  }
  if ((await fetch(`${admin.url}/_config`)).ok) fail('the server still lets anyone administer it');
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2), { mode: 0o600 });
  chmodSync(settingsFile, 0o600);
  await prepareDatabase(admin);
  // One line for whoever started it (the tests wait for it): where it listens, never the password.
  process.stdout.write(`${JSON.stringify({ ready: true, url: admin.url, settings: settingsFile })}\n`);
}

async function main(): Promise<void> {
  const [command, name] = positionals;
  if (!command) return serve();
  const settings = loadSettings() ?? fail(`no server has been started with --data ${dir}`);
  if (command === 'add-device') {
    if (!name) fail('add-device <name>');
    say(await addDevice(adminOf(settings), name));
  } else if (command === 'revoke-device') {
    if (!name) fail('revoke-device <name>');
    await revokeDevice(adminOf(settings), name);
    say({ revoked: name });
  } else fail(`unknown command ${command}`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
