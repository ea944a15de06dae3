import * as openpgp from 'openpgp';
import { AtharDb } from '../../../renderer/src/db/schema';
import { EvidenceFiles } from '../../../renderer/src/features/evidence/evidence-files';
import { deleteChunks, readChunks } from '../../../renderer/src/db/file-chunks';
import { aesGcmKey, randomBytes } from '../../../renderer/src/db/webcrypto-key';
import { generateSigningKey } from '../../../renderer/src/features/packages/openpgp-keys';
import { bytesEntry, writePackage } from '../../../renderer/src/features/packages/package-writer';

/**
 * Issue 5: an evidence package of large original files, end to end as the
 * app writes it: decrypt each 4 MiB chunk from the vault, tar, OpenPGP
 * encrypt to a recipient key, write to disk (the origin's private file
 * system here; the main process's file in Electron). The files are taken in
 * first (not timed). Node times `gpg -z 0 --encrypt` of the same bytes.
 */
let stored: { db: AtharDb; files: EvidenceFiles; docs: Array<{ id: string; chunkCount: number; size: number; sha256: string; sha512: string }>; key: Awaited<ReturnType<typeof aesGcmKey>> } | null = null;

export async function exportSetup(copies: number): Promise<{ storedMiB: number; intakeMs: number }> {
  const file = (document.getElementById('file') as HTMLInputElement).files![0]!;
  const db = new AtharDb();
  const key = await aesGcmKey(randomBytes(32));
  const files = new EvidenceFiles(db, key);
  const docs = [];
  const t0 = performance.now();
  for (let i = 0; i < copies; i++) {
    const { job, result } = await files.intake(file);
    if (!result) throw new Error(`intake failed: ${job.error}`);
    docs.push({ id: job.documentId, chunkCount: result.chunkCount, size: result.size, sha256: result.sha256, sha512: result.sha512 });
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
  const written = await writePackage({
    bagName: 'bench-export', signingKeyArmored: org.armoredPrivate, target: { recipientKeys: [recipientPublicKey] }, bagInfo: [['Source-Organization', 'Bench Org']],
    payload: [
      bytesEntry('data/records.json', '[]\n'),
      ...docs.map((d, i) => ({ path: `data/files/${d.id}/original-${i}.bin`, size: d.size, digests: { sha256: d.sha256, sha512: d.sha512 }, read: () => readChunks(db, key, d) })),
    ],
  }, { write: (b) => w.write(b as FileSystemWriteChunkType), close: () => w.close(), abort: () => w.abort() });
  const ms = performance.now() - t0;
  const mib = written.payloadBytes / 1048576;
  const out = { payloadMiB: Math.round(mib), packageMiB: Math.round(written.bytesWritten / 1048576), exportMs: Math.round(ms), exportMiBs: Math.round((mib / ms) * 1000) };
  await dir.removeEntry('bench-export.tar.gpg');
  for (const d of docs) await deleteChunks(db, d.id);
  stored.files.dispose();
  db.close();
  stored = null;
  return out;
}
