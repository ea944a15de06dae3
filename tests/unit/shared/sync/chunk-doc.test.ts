import { describe, expect, it } from 'vitest';
import { id, key, random } from './test-crypto';
import { fromBase64 } from '@shared/crypto/bytes';
import { chunkStub, isChunkDoc, MAX_CHUNK_DOC_BYTES, openChunk, sealChunkDoc } from '@shared/sync/chunk-doc';
import { SyncDocError } from '@shared/sync/commit-doc';

const DOC = '6f1c2a7e-8d3b-4c5a-9e6f-0a1b2c3d4e5f';

const problem = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'none',
    (e: unknown) => (e instanceof SyncDocError ? e.problem : String(e)),
  );

describe('evidence chunk documents', () => {
  it('open with the key they were sealed under, bound to their id, with the document and index they carry', async () => {
    const k = await key();
    const docId = id();
    const bytes = random(1000);
    const doc = await sealChunkDoc(k, random, docId, { d: DOC, i: 3 }, bytes);
    expect(Object.keys(doc).sort()).toEqual(['_attachments', '_id', 'f', 'v']);
    expect(isChunkDoc(doc)).toBe(true);
    const sealed = fromBase64(doc._attachments.c.data);
    expect(chunkStub({ ...doc, _attachments: { c: { stub: true, length: sealed.length } } })).toEqual({
      id: docId,
      length: sealed.length,
    });
    const opened = await openChunk(k, docId, sealed);
    expect(opened.header).toEqual({ d: DOC, i: 3 });
    expect(opened.bytes).toEqual(bytes);
    // Another key, another id, one bit changed: nothing opens.
    expect(await problem(openChunk(await key(), docId, sealed))).toBe('unreadable');
    expect(await problem(openChunk(k, id(), sealed))).toBe('unreadable');
    const flipped = sealed.slice();
    flipped[40]! ^= 1;
    expect(await problem(openChunk(k, docId, flipped))).toBe('unreadable');
  });

  it('a compartment’s chunk keeps its mark, and must be at least an IV and a tag', async () => {
    const k = await key();
    const docId = id();
    const doc = await sealChunkDoc(k, random, docId, { d: DOC, i: 0, k: 'c1:2' }, random(60));
    expect((await openChunk(k, docId, fromBase64(doc._attachments.c.data))).header.k).toBe('c1:2');
    const short = await sealChunkDoc(k, random, docId, { d: DOC, i: 0, k: 'c1:2' }, random(10));
    expect(await problem(openChunk(k, docId, fromBase64(short._attachments.c.data)))).toBe('malformed');
  });

  it('refuses a stub or header an attacker shaped, before anything is fetched or stored', async () => {
    const k = await key();
    const ok = { _id: id(), v: 1, f: 1, _attachments: { c: { stub: true, length: 100 } } };
    expect(chunkStub(ok).length).toBe(100);
    for (const bad of [
      { ...ok, _id: '../_users' },
      { ...ok, v: 2 },
      { ...ok, f: 2 },
      { ...ok, _attachments: {} },
      { ...ok, _attachments: { c: { length: -1 } } },
      null,
      'chunk',
    ])
      expect(() => chunkStub(bad), JSON.stringify(bad)).toThrow(SyncDocError);
    expect(() => chunkStub({ ...ok, _attachments: { c: { length: MAX_CHUNK_DOC_BYTES + 1 } } })).toThrow(
      expect.objectContaining({ problem: 'too-large' }),
    );
    expect(isChunkDoc({ _id: id(), v: 1, c: 'AAAA' })).toBe(false);
    // Headers that name no document, a negative index or an unknown field are never sealed, nor opened.
    for (const header of [
      { d: 'x', i: 0 },
      { d: DOC, i: -1 },
      { d: DOC, i: 0, extra: 1 },
    ])
      expect(await problem(sealChunkDoc(k, random, id(), header as never, random(5)))).toBe('malformed');
    expect(await problem(openChunk(k, id(), new Uint8Array(MAX_CHUNK_DOC_BYTES + 1)))).toBe('too-large');
    expect(await problem(openChunk(k, id(), random(10)))).toBe('malformed');
  });
});
