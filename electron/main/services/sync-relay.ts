import { readFile } from 'node:fs/promises';
import { writePrivateJson } from './private-json-file';
import { SYNC_MAX_BODY } from '@shared/ipc/contract';
import { syncOrigin } from '@shared/sync/server-address';

/**
 * The desktop app's one way out to the network: requests to the sync servers the user allowed, carried for the
 * page (whose content security policy lets it connect to nothing). A page taken over by a hostile file could ask
 * for anything, so the relay decides alone: only origins the user confirmed in the main process's own dialog,
 * https (plain http on this computer only), no credentials in the address, a few methods and headers, bounded
 * bodies both ways, a time limit. The origins allowed are kept in a file of the main process.
 */
export const MAX_ORIGINS = 8;
/** Questions per run of the app: a page cannot keep the user answering dialogs. */
export const MAX_QUESTIONS = 3;
/** Requests carried at once. */
export const MAX_IN_FLIGHT = 6;
const TIMEOUT_MS = 90_000;

export type Confirm = (origin: string, language: 'en' | 'ar') => Promise<boolean>;

export interface RelayRequest {
  url: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  headers: Array<[string, string]>;
  body: Uint8Array | null;
}

export interface RelayAnswer {
  status: number;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

export class SyncRelay {
  private queue: Promise<unknown> = Promise.resolve();
  private questions = 0;
  private readonly refused = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly file: string,
    private readonly confirm: Confirm,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async allowed(): Promise<string[]> {
    try {
      const v = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string').slice(0, MAX_ORIGINS) : [];
    } catch {
      return [];
    }
  }

  /**
   * Asks the user once per origin, one question at a time and a few per run of the app, and only about a server
   * that answers as CouchDB does. A refusal holds until the app is started again: the page cannot tell the user's
   * wish to be asked again from its own.
   */
  allow(address: string, language: 'en' | 'ar'): Promise<boolean> {
    const run = this.queue.then(async () => {
      const origin = syncOrigin(address);
      if (!origin || this.refused.has(origin)) return false;
      const known = await this.allowed();
      if (known.includes(origin)) return true;
      if (this.questions >= MAX_QUESTIONS || !(await this.isCouchDb(origin))) return false;
      this.questions++;
      if (!(await this.confirm(origin, language))) {
        this.refused.add(origin);
        return false;
      }
      await this.save([origin, ...known].slice(0, MAX_ORIGINS));
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A server's welcome, as CouchDB 3 ({"couchdb": "Welcome"}) and pouchdb-server ({"express-pouchdb": …}) give it. */
  private async isCouchDb(origin: string): Promise<boolean> {
    try {
      const answer = await this.fetchImpl(`${origin}/`, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
      const body = JSON.parse(new TextDecoder().decode(await readBounded(answer, 64 * 1024))) as unknown;
      return !!body && typeof body === 'object' && ('couchdb' in body || 'express-pouchdb' in body);
    } catch {
      return false;
    }
  }

  async request(r: RelayRequest): Promise<RelayAnswer> {
    const origin = syncOrigin(r.url);
    if (!origin || !(await this.allowed()).includes(origin)) throw new Error('origin not allowed');
    // A device needs its database and nothing of the server's own (_config, _users, _all_dbs, _replicate…).
    if (new URL(r.url).pathname.split('/')[1]?.startsWith('_')) throw new Error('path not allowed');
    if (r.body && r.body.length > SYNC_MAX_BODY) throw new Error('body too large');
    if (this.inFlight >= MAX_IN_FLIGHT) throw new Error('too many requests');
    this.inFlight++;
    try {
      const answer = await this.fetchImpl(r.url, {
        method: r.method,
        headers: r.headers,
        ...(r.body && r.method !== 'GET' && r.method !== 'HEAD' ? { body: r.body as Uint8Array<ArrayBuffer> } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return {
        status: answer.status,
        contentType: (answer.headers.get('content-type') ?? '').slice(0, 200),
        body: await readBounded(answer),
      };
    } finally {
      this.inFlight--;
    }
  }

  private save(origins: string[]): Promise<void> {
    return writePrivateJson(this.file, origins);
  }
}

/** The answer's body, refused as soon as it passes the limit (a hostile server could send without end). */
async function readBounded(answer: Response, limit = SYNC_MAX_BODY): Promise<Uint8Array<ArrayBuffer>> {
  if (!answer.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = answer.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error('answer too large');
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
