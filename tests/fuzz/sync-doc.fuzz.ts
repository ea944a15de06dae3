import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nextAuditEntry } from '@shared/crypto/audit-chain';
import { fromBase64, toBase64 } from '@shared/crypto/bytes';
import { openCommitDoc, sealCommitDoc, SyncDocError, type SyncDoc } from '@shared/sync/commit-doc';
import { aesGcmKey, randomBytes } from '../../renderer/src/db/webcrypto-key';
import { mutated, params, within } from './fuzz';

/** What a sync server, or anyone who breaks into it, can hand a device: documents it changed or made up. */
let key: Awaited<ReturnType<typeof aesGcmKey>>;
let doc: SyncDoc;

beforeAll(async () => {
  key = await aesGcmKey(randomBytes(32));
  const entry = nextAuditEntry(null, {
    at: '2026-12-04T10:00:00.000Z',
    actor: 'Test',
    action: 'create',
    table: 'cases',
    recordId: crypto.randomUUID(),
    caseId: null,
    fields: [],
  });
  doc = await sealCommitDoc(key, randomBytes, '0123456789abcdef0123456789abcdef', {
    device: crypto.randomUUID(),
    entries: [entry],
    rows: [{ table: 'cases', id: entry.recordId, enc: { v: 1, iv: randomBytes(12), ct: randomBytes(64) } }],
  });
});

const refusedAsSyncDocError = async (candidate: unknown): Promise<boolean> => {
  try {
    await within(openCommitDoc(key, candidate));
    return false;
  } catch (e) {
    return e instanceof SyncDocError;
  }
};

describe('documents from the sync server', () => {
  it('never opens a sealed document whose bytes were changed, and refuses it with a named problem', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fromBase64(doc.c)), async (bytes) => {
        expect(await refusedAsSyncDocError({ ...doc, c: toBase64(bytes) })).toBe(true);
      }),
      params(),
    );
  });

  it('refuses any other JSON value in place of a document, never with another kind of error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ _id: fc.string(), v: fc.jsonValue(), c: fc.string() }),
          fc.record({ _id: fc.constant(doc._id), v: fc.constant(1), c: fc.base64String() }),
        ),
        async (candidate) => {
          expect(await refusedAsSyncDocError(candidate)).toBe(true);
        },
      ),
      params(),
    );
  });

  it('refuses a well-sealed commit of any made-up content with a named problem, or opens it only if it is a commit', async () => {
    const row = fc.record({
      table: fc.oneof(fc.constant('cases'), fc.string()),
      id: fc.string({ maxLength: 300 }),
      enc: fc.record({
        v: fc.oneof(fc.constant(1 as const), fc.integer()),
        iv: fc.uint8Array({ maxLength: 20 }),
        ct: fc.uint8Array({ maxLength: 64 }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          device: fc.oneof(fc.uuid(), fc.string()),
          entries: fc.array(fc.oneof(fc.jsonValue(), fc.constant(JSON.parse(JSON.stringify(doc)))), { maxLength: 3 }),
          rows: fc.array(row, { maxLength: 3 }),
        }),
        async (content) => {
          const sealed = await sealCommitDoc(key, randomBytes, doc._id, content as never);
          try {
            const opened = await within(openCommitDoc(key, sealed));
            expect(opened.entries.length).toBeGreaterThan(0);
            expect(opened.rows.every((r) => r.enc.iv.length === 12)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(SyncDocError);
          }
        },
      ),
      params(),
    );
  });
});
