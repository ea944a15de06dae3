import { Cancelled } from '@shared/cancelled';
import type { AeadKey } from '@shared/crypto/envelope';
import { openPaddedDoc, sealPaddedDoc, SyncDocError } from '@shared/sync/commit-doc';
import {
  ENROLMENT_ANSWER,
  ENROLMENT_REQUEST,
  enrolmentAnswerSchema,
  enrolmentDatabase,
  enrolmentIds,
  enrolmentKeyBytes,
  enrolmentRequestSchema,
  type EnrolmentAnswer,
  type EnrolmentRequest,
} from '@shared/sync/invitation';
import { aesGcmKey, randomBytes } from '../db/webcrypto-key';
import { remoteDatabase } from './remote-db';

/**
 * The two messages of a laptop's enrolment, on the sync server, under ids and a key only an invitation's holders
 * derive (shared/sync/invitation.ts). The laptop writes its request and waits for the answer; the administrator
 * reads the request and, once the fingerprints match, writes the answer. Each is written once (the server
 * refuses to change a document), so nobody can replace a request already there.
 */
export type EnrolmentProblem = 'taken' | 'unreadable';

export class EnrolmentError extends Error {
  constructor(readonly problem: EnrolmentProblem) {
    super(`enrolment ${problem}`);
    this.name = 'EnrolmentError';
  }
}

export interface ServerAccess {
  server: string;
  database: string;
  user: string;
  password: string;
}

export class EnrolmentChannel {
  private readonly ids: { request: string; answer: string };
  private key: Promise<AeadKey> | null = null;

  private readonly access: ServerAccess;

  constructor(
    access: ServerAccess,
    private readonly secret: string,
    private readonly fetchFn: typeof fetch,
  ) {
    this.ids = enrolmentIds(secret);
    this.access = { ...access, database: enrolmentDatabase(access.database) };
  }

  private sealKey(): Promise<AeadKey> {
    this.key ??= (async () => {
      const raw = enrolmentKeyBytes(this.secret);
      try {
        return await aesGcmKey(raw);
      } finally {
        raw.fill(0);
      }
    })();
    return this.key;
  }

  async sendRequest(r: EnrolmentRequest): Promise<void> {
    await this.write(this.ids.request, ENROLMENT_REQUEST, enrolmentRequestSchema.parse(r));
  }

  async request(): Promise<EnrolmentRequest | null> {
    const v = await this.read(this.ids.request, ENROLMENT_REQUEST);
    if (v === null) return null;
    const parsed = enrolmentRequestSchema.safeParse(v);
    if (!parsed.success) throw new EnrolmentError('unreadable');
    return parsed.data;
  }

  async sendAnswer(a: EnrolmentAnswer): Promise<void> {
    await this.write(this.ids.answer, ENROLMENT_ANSWER, enrolmentAnswerSchema.parse(a));
  }

  async answer(): Promise<EnrolmentAnswer | null> {
    const v = await this.read(this.ids.answer, ENROLMENT_ANSWER);
    if (v === null) return null;
    const parsed = enrolmentAnswerSchema.safeParse(v);
    if (!parsed.success) throw new EnrolmentError('unreadable');
    return parsed.data;
  }

  /** Asks for the answer every few seconds until it is there, or the signal cancels. */
  async awaitAnswer(signal: AbortSignal, everyMs = 2000): Promise<EnrolmentAnswer> {
    for (;;) {
      if (signal.aborted) throw new Cancelled();
      const a = await this.answer().catch((e: unknown) => {
        // Offline for a moment: asked again at the next turn.
        if (e instanceof EnrolmentError) throw e;
        return null;
      });
      if (a) return a;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, everyMs);
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private async write(id: string, purpose: string, value: unknown): Promise<void> {
    const doc = await sealPaddedDoc(await this.sealKey(), randomBytes, id, purpose, value);
    const remote = remoteDatabase(this.access, this.fetchFn);
    try {
      const [r] = await remote.bulkDocs([doc]);
      if (r?.error) {
        // Written before: by this same laptop (a retry), or by someone else holding the code.
        if (r.status === 409 || r.status === 403 || r.error === 'conflict' || r.error === 'forbidden') {
          const there = await this.read(id, purpose).catch(() => null);
          if (JSON.stringify(there) === JSON.stringify(value)) return;
          throw new EnrolmentError('taken');
        }
        throw Object.assign(new Error(r.message ?? 'refused'), r);
      }
    } finally {
      await remote.close().catch(() => undefined);
    }
  }

  private async read(id: string, purpose: string): Promise<unknown> {
    const remote = remoteDatabase(this.access, this.fetchFn);
    try {
      const doc = await remote.get(id).catch((e: { status?: number }) => {
        if (e.status === 404) return null;
        throw e;
      });
      if (doc === null) return null;
      return await openPaddedDoc(await this.sealKey(), doc, purpose).catch((e: unknown) => {
        throw e instanceof SyncDocError ? new EnrolmentError('unreadable') : e;
      });
    } finally {
      await remote.close().catch(() => undefined);
    }
  }
}
