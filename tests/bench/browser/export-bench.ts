import * as openpgp from 'openpgp';
import { AtharDb } from '../../../renderer/src/db/schema';
import { EvidenceFiles } from '../../../renderer/src/evidence-files/evidence-files';
import { FileStore } from '../../../renderer/src/db/file-store';
import { deleteChunks, readChunks } from '../../../renderer/src/db/file-chunks';
import { aesGcmKey, randomBytes } from '../../../renderer/src/db/webcrypto-key';
import { generateSigningKey } from '../../../renderer/src/package/openpgp-keys';
import { bytesEntry, writePackage } from '../../../renderer/src/package/package-writer';
import { readPackage } from '../../../renderer/src/package/package-reader';
import { encryptingStream } from '../../../renderer/src/package/openpgp-stream';
import { createTarPacker } from 'modern-tar';

/**
 * Issue 5: an evidence package of large original files, end to end as the
 * app writes it: decrypt each 4 MiB chunk from the vault, tar, OpenPGP
 * encrypt to a recipient key, write to disk (the origin's private file
 * system here; the main process's file in Electron). The files are taken in
 * first (not timed). Node times `gpg -z 0 --encrypt` of the same bytes.
 */
let stored: {
  db: AtharDb;
  files: EvidenceFiles;
  docs: Array<{ id: string; chunkCount: number; size: number; sha256: string; sha512: string }>;
  key: Awaited<ReturnType<typeof aesGcmKey>>;
} | null = null;

export async function exportSetup(copies: number): Promise<{ storedMiB: number; intakeMs: number }> {
  const file = (document.getElementById('file') as HTMLInputElement).files![0]!;
  const db = new AtharDb();
  const key = await aesGcmKey(randomBytes(32));
  const files = new EvidenceFiles(new FileStore(db, key));
  const docs = [];
  const t0 = performance.now();
  for (let i = 0; i < copies; i++) {
    const { job, result } = await files.intake(file);
    if (!result) throw new Error(`intake failed: ${job.error}`);
    docs.push({
      id: job.documentId,
      chunkCount: result.chunkCount,
      size: result.size,
      sha256: result.sha256,
      sha512: result.sha512,
    });
  }
  stored = { db, files, docs, key };
  return { storedMiB: Math.round((file.size * copies) / 1048576), intakeMs: Math.round(performance.now() - t0) };
}

export async function exportRun(recipientPublicKey: string): Promise<Record<string, number | string>> {
  if (!stored) throw new Error('exportSetup first');
  const { db, key, docs } = stored;
  const org = await generateSigningKey('Bench Org', '');
  await openpgp.readKey({ armoredKey: recipientPublicKey });
  const dir = await navigator.storage.getDirectory();
  const handle = await dir.getFileHandle('bench-export.tar.gpg', { create: true });
  const w = await handle.createWritable();
  const t0 = performance.now();
  const written = await writePackage(
    {
      bagName: 'bench-export',
      signingKeyArmored: org.armoredPrivate,
      target: { recipientKeys: [recipientPublicKey] },
      bagInfo: [['Source-Organization', 'Bench Org']],
      payload: [
        bytesEntry('data/records.json', '[]\n'),
        ...docs.map((d, i) => ({
          path: `data/files/${d.id}/original-${i}.bin`,
          size: d.size,
          digests: { sha256: d.sha256, sha512: d.sha512 },
          read: () => readChunks(db, key, d),
        })),
      ],
    },
    { write: (b) => w.write(b as FileSystemWriteChunkType), close: () => w.close(), abort: () => w.abort() },
  );
  const ms = performance.now() - t0;
  const mib = written.payloadBytes / 1048576;
  const out = {
    payloadMiB: Math.round(mib),
    packageMiB: Math.round(written.bytesWritten / 1048576),
    exportMs: Math.round(ms),
    exportMiBs: Math.round((mib / ms) * 1000),
  };
  await dir.removeEntry('bench-export.tar.gpg');
  lastPayloadMiB = mib;
  return out;
}

let lastPayloadMiB = 0;

/** After exportRun (outside its memory sampling): the same work in stages, to show where the time goes. */
export async function exportStages(
  recipientPublicKey: string,
  recipientSecretKey: string,
): Promise<Record<string, number>> {
  if (!stored) throw new Error('exportSetup first');
  const { db, key, docs } = stored;
  const org = await generateSigningKey('Bench Org', '');
  const dir = await navigator.storage.getDirectory();
  const w2 = await (await dir.getFileHandle('bench-export-mem.tar.gpg', { create: true })).createWritable();
  // Where the time goes, each over 512 MiB: the vault read alone (IndexedDB + AES-GCM of every chunk), then
  // from chunks in memory (64 MiB, repeated, so memory stays flat): the tar alone, the OpenPGP stream alone,
  // disk writes alone, and the whole package writer.
  const r0 = performance.now();
  for (const d of docs) for await (const c of readChunks(db, key, d)) void c;
  const readMs = performance.now() - r0;
  const first = docs[0]!;
  const sample: Uint8Array[] = [];
  for await (const c of readChunks(db, key, first)) {
    sample.push(c);
    if (sample.length === 16) break;
  }
  const STAGE = 512 * 1048576;
  const cyclic = async function* (): AsyncGenerator<Uint8Array> {
    for (let n = 0; n < STAGE; n += sample[0]!.length) yield sample[(n / sample[0]!.length) % sample.length]!;
  };
  const drain = (): WritableStream<Uint8Array> => new WritableStream<Uint8Array>({ write: () => undefined });
  const mibs = (bytes: number, t: number): number => Math.round((bytes / 1048576 / (performance.now() - t)) * 1000);
  let t = performance.now();
  const { readable, controller } = createTarPacker();
  const tarDrained = readable.pipeTo(drain());
  const tw = controller.add({ name: 'x/data/f.bin', size: STAGE, mode: 0o644 }).getWriter();
  for await (const c of cyclic()) await tw.write(c);
  await tw.close();
  controller.finalize();
  await tarDrained;
  const tarMiBs = mibs(STAGE, t);
  t = performance.now();
  const enc = await encryptingStream({ recipientKeys: [recipientPublicKey] }, 'f.tar');
  const encDrained = enc.readable.pipeTo(drain());
  const ew = enc.writable.getWriter();
  for await (const c of cyclic()) await ew.write(c);
  await ew.close();
  await encDrained;
  const encryptMiBs = mibs(STAGE, t);
  t = performance.now();
  for await (const c of cyclic()) await w2.write(c as FileSystemWriteChunkType);
  await w2.close();
  const diskMiBs = mibs(STAGE, t);
  const w3 = await (await dir.getFileHandle('bench-export-mem.tar.gpg', { create: true })).createWritable();
  t = performance.now();
  await writePackage(
    {
      bagName: 'bench-export-mem',
      signingKeyArmored: org.armoredPrivate,
      target: { recipientKeys: [recipientPublicKey] },
      bagInfo: [],
      payload: [
        {
          path: 'data/files/m.bin',
          size: STAGE,
          digests: { sha256: first.sha256, sha512: first.sha512 },
          read: cyclic,
        },
      ],
    },
    { write: (b) => w3.write(b as FileSystemWriteChunkType), close: () => w3.close(), abort: () => w3.abort() },
  );
  const packMiBs = mibs(STAGE, t);
  t = performance.now();
  const opened = await readPackage((await (await dir.getFileHandle('bench-export-mem.tar.gpg')).getFile()).stream(), {
    decryptionKeys: [recipientSecretKey],
    trustedKeys: [{ armored: org.armoredPublic, label: 'Bench Org' }],
    requireSignature: true,
  });
  const openMiBs = mibs(opened.payloadBytes, t);
  const out = {
    vaultReadMiBs: Math.round((lastPayloadMiB / readMs) * 1000),
    tarMiBs,
    encryptMiBs,
    diskMiBs,
    packFromMemoryMiBs: packMiBs,
    openMiBs,
  };
  await dir.removeEntry('bench-export-mem.tar.gpg');
  for (const d of docs) await deleteChunks(db, d.id);
  stored.files.dispose();
  db.close();
  stored = null;
  return out;
}
