import Dexie from 'dexie';
import { AtharDb } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { CaseRepository } from '../../../renderer/src/db/case-repository';
import { RecordStore } from '../../../renderer/src/db/record-store';
import { generateMemberKeys, signWith, ed25519 } from '../../../renderer/src/db/member-keys';
import { deriveKek, KDF_DEFAULT } from '@shared/crypto/vault-header';
import { nextAuditEntry, verifyAuditChain } from '@shared/crypto/audit-chain';
import { commitMessage, verifySignatures } from '@shared/crypto/signatures';
import type { AuditEntry } from '@shared/domain/records';
import { sealJson } from '@shared/crypto/envelope';
import { randomBytes } from '../../../renderer/src/db/webcrypto-key';
import { chainWorkerCount, startChainWorkers } from '../../../renderer/src/db/chain-workers';
import { prng, syntheticCase } from '../synthetic';

/**
 * Issue 14's figures, each against a baseline measured here in the same run: unlocking a vault of 20 members
 * against one Argon2id; seeding cases as a signing member against the unsigned seed of `run`; verifying the signed
 * chain in the verify workers against the same work on the page's own thread (and, in `verifyWorst`, a chain whose
 * every entry is its own signed commit).
 */
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

async function fresh(name: string): Promise<AtharDb> {
  await Dexie.delete(name);
  return new AtharDb(name);
}

export async function team(n: number, passphrase: string, unsignedSeedMs: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};

  // Unlock with 1 member, then with 20, against one bare Argon2id of the same parameters.
  let db = await fresh('athar-bench-team');
  const vault = new Vault({ db });
  const first = await vault.create(passphrase, passphrase, 'M1');
  let t0 = performance.now();
  await vault.unlock(passphrase);
  out.unlockOneMemberMs = ms(t0);
  let last = first.member.id;
  for (let i = 2; i <= 20; i++) {
    last = crypto.randomUUID();
    const p = `${passphrase} ${i}`;
    await vault.saveSlot(
      await vault.prepareSlot(first.member, { id: last, label: `M${i}`, passphrase: p, confirmation: p }),
    );
  }
  t0 = performance.now();
  await vault.unlock(`${passphrase} 20`, last);
  out.unlockTwentyMembersMs = ms(t0);
  t0 = performance.now();
  await deriveKek(passphrase, {
    algorithm: 'argon2id',
    ...KDF_DEFAULT,
    salt: crypto.getRandomValues(new Uint8Array(16)),
  });
  out.unlockBaselineOneArgon2idMs = ms(t0);
  out.unlockTwentyRatio = Math.round((out.unlockTwentyMembersMs / out.unlockBaselineOneArgon2idMs) * 100) / 100;
  db.close();
  await Dexie.delete('athar-bench-team');

  // The same seed as `run`, twice, each into a new database: unsigned (the baseline), then by a signing member
  // whose rights are checked at every commit. `run`'s own seed is reported beside them: it ran first, on a
  // profile that did not yet hold 500,000 rows, so the order of the two is part of what the figures show.
  const seed = async (repo: CaseRepository): Promise<number> => {
    const rand = prng(42);
    const at = new Date().toISOString();
    const started = performance.now();
    for (let i = 0; i < n; i += 2000)
      await repo.createMany(Array.from({ length: Math.min(2000, n - i) }, () => syntheticCase(rand, at)));
    return ms(started);
  };
  db = await fresh('athar-bench-unsigned');
  const plain = await new Vault({ db }).create(passphrase, passphrase, 'Bench');
  out.unsignedSeedMs = await seed(new CaseRepository(db, await RecordStore.open(db, plain.key, 'Bench')));
  db.close();
  await Dexie.delete('athar-bench-unsigned');
  db = await fresh('athar-bench-signed');
  const v2 = new Vault({ db });
  const storage = await VaultStorage.open(db, await v2.create(passphrase, passphrase, 'Bench'), {
    founderName: 'Bench',
    chainWorkers: startChainWorkers,
  });
  out.signedSeedMs = await seed(new CaseRepository(db, storage.store));
  out.firstSeedMs = unsignedSeedMs;
  out.signedSeedRatio = Math.round((out.signedSeedMs / out.unsignedSeedMs) * 100) / 100;

  // Verify that chain as *Verify audit log* does: read and decrypt, the hash links, the signatures and roles.
  t0 = performance.now();
  const entries = await storage.store.auditEntries();
  out.signedChainReadMs = ms(t0);
  t0 = performance.now();
  const chain = verifyAuditChain(entries);
  out.signedChainHashMs = ms(t0);
  t0 = performance.now();
  const verdict = await verifySignatures(entries, ed25519);
  out.signedChainSignaturesMs = ms(t0);
  out.signedChainEntries = entries.length;
  if (!chain.ok || verdict.counts.verified !== entries.length) throw new Error('signed bench chain does not verify');
  t0 = performance.now();
  const inWorkers = await storage.store.verifyChain();
  out.signedChainVerifyMs = ms(t0);
  if (!inWorkers.chain.ok || inWorkers.signatures.counts.verified !== entries.length)
    throw new Error('signed bench chain does not verify in the verify workers');
  db.close();
  await Dexie.delete('athar-bench-signed');

  return out;
}

/**
 * The worst case: a chain of 200,000 entries, each its own commit and signature, sealed into a vault's audit
 * table on disk, then verified as *Verify audit log* does: read and decrypt, hash links, signatures and roles.
 * Building and signing the chain is not timed. The baseline is the same verification on the page's own thread.
 */
export async function verifyWorst(passphrase: string, count = 200_000): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const keys = (await generateMemberKeys()).keys;
  const memberId = crypto.randomUUID();
  const worst: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const e = nextAuditEntry(head, {
      at: now,
      actor: 'Bench',
      action: 'create',
      table: i === 0 ? 'members' : 'cases',
      recordId: i === 0 ? memberId : crypto.randomUUID(),
      caseId: null,
      fields: [],
      digest: '0'.repeat(64),
      by: memberId,
      ...(i === 0
        ? {
            member: {
              roles: ['administrator', 'caseworker'] as const,
              status: 'active' as const,
              signingKey: keys.signingKey,
              agreementKey: keys.agreementKey,
            },
          }
        : {}),
    } as never);
    worst.push(e);
    head = e;
  }
  for (let i = 0; i < worst.length; i += 5000)
    await Promise.all(
      worst.slice(i, i + 5000).map(async (e) => {
        e.sig = { from: e.seq, value: await signWith(keys.signing, commitMessage(e.seq, e)) };
      }),
    );
  const db = await fresh('athar-bench-worst');
  const created = await new Vault({ db }).create(passphrase, passphrase, 'Bench');
  for (let i = 0; i < worst.length; i += 5000) {
    const page = worst.slice(i, i + 5000);
    const rows = await Promise.all(
      page.map(async (e) => ({ seq: e.seq, enc: await sealJson(created.key, randomBytes, 'audit', e.seq, e) })),
    );
    await db.audit.bulkAdd(rows);
  }
  out.worstEntries = worst.length;
  out.worstWorkers = chainWorkerCount();
  const judge = (r: Awaited<ReturnType<RecordStore['verifyChain']>>): void => {
    if (!r.chain.ok || r.signatures.counts.verified !== worst.length)
      throw new Error('worst-case chain does not verify');
  };

  // As the app verifies: the chain shared between the verify workers.
  const store = await RecordStore.open(db, created.key, 'Bench', { chainWorkers: startChainWorkers });
  let t0 = performance.now();
  judge(await store.verifyChain());
  out.worstTotalMs = ms(t0);

  // The baseline: the same verification on the page's own thread, phase by phase.
  const alone = await RecordStore.open(db, created.key, 'Bench');
  t0 = performance.now();
  const entries = await alone.auditEntries();
  out.worstReadMs = ms(t0);
  t0 = performance.now();
  const chain = verifyAuditChain(entries);
  out.worstHashMs = ms(t0);
  t0 = performance.now();
  const signatures = await verifySignatures(entries, ed25519, { hashesCheckedUpTo: entries.length });
  out.worstSignaturesMs = ms(t0);
  judge({ entries, chain, signatures });
  out.worstOneThreadMs = Math.round(out.worstReadMs + out.worstHashMs + out.worstSignaturesMs);
  out.worstWorkersRatio = Math.round((out.worstTotalMs / out.worstOneThreadMs) * 100) / 100;
  db.close();
  await Dexie.delete('athar-bench-worst');
  return out;
}
