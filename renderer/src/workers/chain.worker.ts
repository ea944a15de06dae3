/// <reference lib="webworker" />
import { AtharDb } from '../db/schema';
import { wrapCryptoKey } from '../db/webcrypto-key';
import { ed25519 } from '../db/member-keys';
import { openJson } from '@shared/crypto/envelope';
import { auditHash } from '@shared/crypto/audit-chain';
import { auditEntrySchema, type AuditEntry } from '@shared/domain/records';
import type { FromChain, ToChain } from './chain-protocol';

// One share of *Verify audit log*: a range of the chain read, decrypted, parsed and hashed here, and signature
// checks, so that two cores share the work. Holds nothing between requests; never writes.
declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromChain, transfer: Transferable[] = []): void => self.postMessage(m, transfer);
const PAGE = 5000;

async function read(
  dbName: string,
  key: CryptoKey,
  from: number,
  to: number,
): Promise<{ entries: Array<AuditEntry | null>; hashOk: Uint8Array }> {
  const db = new AtharDb(dbName);
  const aead = wrapCryptoKey(key);
  const entries: Array<AuditEntry | null> = [];
  const hashes: number[] = [];
  try {
    let lo = from;
    for (;;) {
      const rows = await db.audit.where('seq').between(lo, to, true, false).limit(PAGE).toArray();
      const page = await Promise.all(
        rows.map(async (r) => {
          try {
            return auditEntrySchema.parse(await openJson(aead, 'audit', r.seq, r.enc));
          } catch {
            return null;
          }
        }),
      );
      for (const e of page) {
        entries.push(e);
        hashes.push(e && auditHash(e.prevHash, e) === e.hash ? 1 : 0);
      }
      if (rows.length < PAGE) break;
      lo = rows[rows.length - 1]!.seq + 1;
    }
  } finally {
    db.close();
  }
  return { entries, hashOk: Uint8Array.from(hashes) };
}

self.onmessage = async (ev: MessageEvent<ToChain>) => {
  const m = ev.data;
  try {
    if (m.type === 'read') {
      const { entries, hashOk } = await read(m.dbName, m.key, m.from, m.to);
      post({ type: 'read', id: m.id, entries, hashOk }, [hashOk.buffer]);
    } else {
      const answers = await Promise.all(m.items.map(([k, s, msg]) => ed25519.verify(k, s, msg)));
      const ok = Uint8Array.from(answers, (a) => (a ? 1 : 0));
      post({ type: 'verified', id: m.id, ok }, [ok.buffer]);
    }
  } catch (e) {
    post({ type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
};
