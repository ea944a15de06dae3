import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtharDb, RECORD_TABLES } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { RecordStore, type Change } from '../../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { storeFile, verifyFile, readChunks } from '../../../../renderer/src/db/file-chunks';
import { generateSigningKey } from '../../../../renderer/src/package/openpgp-keys';
import { memorySink } from '../../../../renderer/src/package/package-writer';
import { bytesStream, PackageRefused } from '../../../../renderer/src/package/package-reader';
import { produceBackup } from '../../../../renderer/src/features/backup/backup';
import { newRecoveryPhrase } from '../../../../renderer/src/package/backup-key';
import {
  restoreBackup,
  reviewBackup,
  type BackupReview,
} from '../../../../renderer/src/features/backup/restore-backup';
import { restoreIntoNewVault } from '../../../../renderer/src/db/vault-restore';
import { VaultStorage } from '../../../../renderer/src/db/vault-storage';
import { Members } from '../../../../renderer/src/db/members';
import { backupDue } from '@shared/package/backup-format';
import { RecordsProblem } from '@shared/package/merge-plan';
import { EMPTY_DOC, type RecordTable } from '@shared/domain/records';
import { sampleCaseFile } from '../../../fixtures/print/case-file';
import { personFields } from '@shared/domain/new-record';

const PASS = 'vault passphrase for tests';
const BACKUP_PASS = 'backup passphrase, kept apart';
const PHRASE = newRecoveryPhrase();
const NEW_PASS = 'the restored vault passphrase';
const work = mkdtempSync(join(tmpdir(), 'athar-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const original = new Uint8Array(9 * 1024 * 1024 + 321).map((_, i) => (i * 13 + (i >> 11)) & 0xff);

/** A vault with every kind of record, an original of 9 MiB, links, keys and an audit chain. */
async function filledVault(name: string) {
  const db = new AtharDb(name);
  const opened = await new Vault({ db }).create(PASS, PASS);
  const store = await RecordStore.open(db, opened.key, 'Layla');
  const cases = new CaseRepository(db, store);
  await cases.seedGazetteer();
  const f = sampleCaseFile();
  const doc = f.documents[0]!;
  const stored = await storeFile(db, opened.key, doc.id, new Blob([original]));
  const at = '2026-02-01T00:00:00.000Z';
  const meta = { createdAt: at, updatedAt: at, author: 'Layla' };
  const key = await generateSigningKey('Test Documentation Centre', '');
  const changes: Change[] = [
    { table: 'persons', put: f.subject },
    { table: 'cases', put: f.record },
    ...[...f.persons.values()].filter((p) => p.id !== f.subject.id).map((p): Change => ({ table: 'persons', put: p })),
    ...[...f.places.values()].map((p): Change => ({ table: 'places', put: p })),
    ...f.events.map((e): Change => ({ table: 'events', put: e })),
    ...f.testimonies.map((x): Change => ({ table: 'testimonies', put: x })),
    ...f.contacts.map((c): Change => ({ table: 'contacts', put: c })),
    {
      table: 'documents',
      put: { ...doc, size: stored.size, sha256: stored.sha256, sha512: stored.sha512, chunkCount: stored.chunkCount },
    },
    {
      table: 'links',
      put: {
        id: '00000000-0000-4000-8000-000000000099',
        type: 'corroborates',
        fromTable: 'testimonies',
        fromId: f.testimonies[0]!.id,
        toTable: 'events',
        toId: f.events[0]!.id,
        note: 'same date',
        ...meta,
      },
    },
    {
      table: 'units',
      put: {
        id: '00000000-0000-4000-8000-000000000098',
        nameEn: 'Branch 215',
        nameAr: 'الفرع ٢١٥',
        parentId: null,
        commanders: [],
        notes: '',
        ...meta,
      },
    },
    {
      table: 'tracing',
      put: {
        id: '00000000-0000-4000-8000-000000000097',
        nameLatin: 'Samir Al-Ahmad',
        requester: { name: 'Umm Samir' },
        receivedAt: '2026-01-05',
        ...meta,
      },
    },
    {
      table: 'keys',
      put: {
        id: '00000000-0000-4000-8000-000000000096',
        armoredPrivate: key.armoredPrivate,
        public: { ...key.info, armored: key.armoredPublic },
        origin: 'generated',
        ...meta,
      },
    },
  ];
  await cases.commitArrived(changes, [{ record: f.record, subject: f.subject }]);
  await store.commit([{ table: 'cases', put: { ...f.record, priority: 'urgent' } }]);
  const storage = await VaultStorage.open(db, opened);
  await storage.setActor('Layla');
  return {
    db,
    storage,
    key: opened.key,
    store,
    vaultId: opened.vaultId,
    signingKey: (await store.get('keys', '00000000-0000-4000-8000-000000000096'))!,
    cases,
  };
}

/** A new vault in `db` with NEW_PASS, filled from the checked backup as the restore screen does it. */
function restoreInto(db: AtharDb, source: Parameters<typeof restoreBackup>[1], review: BackupReview) {
  return restoreIntoNewVault(db, NEW_PASS, NEW_PASS, (target) => restoreBackup(target, source, review, {}));
}

async function dump(store: RecordStore): Promise<Map<RecordTable, unknown[]>> {
  const out = new Map<RecordTable, unknown[]>();
  for (const t of RECORD_TABLES)
    out.set(
      t,
      (await store.all(t)).sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  return out;
}

function gpgDecrypt(passphrase: string, input: string, output: string): number | null {
  return spawnSync(
    'gpg',
    [
      ...['--homedir', join(work, 'gnupg'), '--batch', '--quiet', '--yes', '--pinentry-mode', 'loopback'],
      ...['--passphrase', passphrase, '--output', output, '--decrypt', input],
    ],
    { cwd: work },
  ).status;
}

/** docs/recovery/open-backup.sh, the README's way to open a backup without Athar. */
function openWithStandardTools(phrase: string, input: string, output: string): number | null {
  const script = join(import.meta.dirname, '../../../../docs/recovery/open-backup.sh');
  const r = spawnSync('bash', [script, input, output], {
    cwd: work,
    env: { ...process.env, GNUPGHOME: join(work, 'gnupg'), ATHAR_RECOVERY_PHRASE: phrase },
  });
  if (r.status !== 0) console.error(r.stderr.toString());
  return r.status;
}

describe('encrypted backups', () => {
  it('round-trips a whole vault into a new vault: records, originals, links, keys, the audit chain and the case list', async () => {
    const a = await filledVault(`backup-a-${Math.random()}`);
    const sink = memorySink();
    const produced = await produceBackup(a.storage, {
      recoveryPhrase: PHRASE,
      signingKey: a.signingKey,
      includeKeySecret: true,
      bagName: 'athar-backup-20261201-0900',
      openSink: async () => sink,
    });
    expect(produced!.manifest.counts).toMatchObject({
      cases: 1,
      documents: 1,
      links: 1,
      units: 1,
      tracing: 1,
      keys: 1,
    });
    const bytes = sink.bytes();

    // Standard tools open it as the README says: the salt from gpg, Argon2id from the argon2 command, then gpg;
    // sha256sum checks it: the same format as a package. The phrase itself is not gpg's passphrase.
    writeFileSync(join(work, 'backup.tar.gpg'), bytes);
    spawnSync('mkdir', ['-m', '700', '-p', join(work, 'gnupg')]);
    expect(gpgDecrypt(PHRASE, 'backup.tar.gpg', 'wrong.tar')).not.toBe(0);
    expect(openWithStandardTools(PHRASE, 'backup.tar.gpg', 'backup.tar')).toBe(0);
    expect(spawnSync('tar', ['-xf', 'backup.tar'], { cwd: work }).status).toBe(0);
    expect(
      spawnSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], {
        cwd: join(work, 'athar-backup-20261201-0900'),
      }).status,
    ).toBe(0);

    const source = { size: bytes.length, stream: () => bytesStream(bytes) };
    // Typed as people type it: lower case, spaces for dashes, an O for a zero.
    const review = await reviewBackup(source, PHRASE.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
    expect(review.opened.signer?.label).toBe('Test Documentation Centre');
    expect(review.parsed.audit.length).toBe((await a.store.auditEntries()).length);

    const b = new AtharDb(`backup-b-${Math.random()}`);
    const restored = await restoreInto(b, source, review);
    expect(restored.vaultId).not.toBe(a.vaultId);
    const unlocked = await new Vault({ db: b }).unlock(NEW_PASS);
    const storeB = await RecordStore.open(b, unlocked.key, 'Layla');

    const before = await dump(a.store);
    const after = await dump(storeB);
    for (const t of RECORD_TABLES) {
      if (t === 'documents') continue;
      expect(after.get(t), t).toEqual(before.get(t));
    }
    const [docA] = before.get('documents') as Array<{ custody: Array<{ action: string }> }>;
    const [docB] = after.get('documents') as Array<{
      id: string;
      size: number;
      chunkCount: number;
      sha256: string;
      sha512: string;
      custody: Array<{ action: string }>;
    }>;
    expect({ ...docB, custody: docB!.custody.slice(0, -1) }).toEqual(docA);
    expect(docB!.custody.at(-1)).toMatchObject({ action: 'restored', detail: 'athar-backup-20261201-0900' });
    expect(await verifyFile(b, unlocked.key, docB!)).toMatchObject({ ok: true });
    const chunks: Uint8Array[] = [];
    for await (const c of readChunks(b, unlocked.key, docB!)) chunks.push(c);
    expect(Buffer.compare(Buffer.concat(chunks), Buffer.from(original))).toBe(0);

    // The chain is the same chain, verified, and goes on with the restore itself.
    const chainA = await a.store.auditEntries();
    const chainB = await storeB.auditEntries();
    expect(chainB.slice(0, chainA.length)).toEqual(chainA);
    expect(chainB.at(-1)).toMatchObject({
      action: 'import',
      fields: expect.arrayContaining(['restored-from:athar-backup-20261201-0900']),
    });
    expect((await storeB.verifyAudit()).ok).toBe(true);
    expect((await new CaseRepository(b, storeB).summaries()).map((s) => s.reference)).toEqual(['ATH-2026-00042']);

    // Opened as the app opens it: whoever restored it arrives as a new administrator after the restore entry, and
    // the restored members' signatures still verify with the keys the chain recorded for them.
    const app = await VaultStorage.open(b, await new Vault({ db: b }).unlock(NEW_PASS));
    expect(app.member).toMatchObject({ status: 'active', roles: expect.arrayContaining(['administrator']) });
    const verdict = await app.store.verifySignatures();
    expect(verdict.counts).toMatchObject({ invalid: 0, 'not-permitted': 0, unsigned: 0 });
    expect(verdict.counts.restore).toBeGreaterThan(1);
    expect(verdict.standings.at(-1)).toEqual({ kind: 'verified', member: app.member.id });
    expect(verdict.members.size).toBe(2);
  }, 90_000);

  it('refuses a wrong passphrase, a tampered backup and a broken audit chain; a failed restore leaves no vault behind', async () => {
    const a = await filledVault(`backup-c-${Math.random()}`);
    const sink = memorySink();
    await produceBackup(a.storage, {
      recoveryPhrase: PHRASE,
      signingKey: null,
      includeKeySecret: false,
      bagName: 'athar-backup-x',
      openSink: async () => sink,
    });
    const bytes = sink.bytes();
    const source = { size: bytes.length, stream: () => bytesStream(bytes) };
    for (const wrong of [newRecoveryPhrase(), 'not a recovery phrase at all', BACKUP_PASS])
      await expect(reviewBackup(source, wrong)).rejects.toMatchObject({ problem: { reason: 'wrong-passphrase' } });
    const flipped = Uint8Array.from(bytes);
    flipped[Math.floor(bytes.length / 3)]! ^= 0x10;
    await expect(
      reviewBackup({ size: flipped.length, stream: () => bytesStream(flipped) }, PHRASE),
    ).rejects.toBeInstanceOf(PackageRefused);

    // An unsigned backup (no organisation key yet) still restores; a damaged second read deletes the half-made vault.
    const review = await reviewBackup(source, PHRASE);
    expect(review.opened.signer).toBeNull();
    // The organisation's key went in without its secret, as the user did not opt in.
    expect(review.parsed.manifest.keySecrets).toBe(false);
    expect(review.parsed.records.get('keys')!.map((k) => k['armoredPrivate'])).toEqual(['']);
    expect([...review.opened.texts.values()].some((t) => t.includes('PRIVATE KEY'))).toBe(false);

    // A backup from before recovery phrases (a plain passphrase, as gpg --symmetric makes it) still opens.
    writeFileSync(join(work, 'x.tar.gpg'), bytes);
    expect(openWithStandardTools(PHRASE, 'x.tar.gpg', 'x.tar')).toBe(0);
    spawnSync(
      'gpg',
      [
        ...['--homedir', join(work, 'gnupg'), '--batch', '--yes', '--pinentry-mode', 'loopback', '--compress-algo'],
        ...['none', '--passphrase', BACKUP_PASS, '--symmetric', '--output', 'older.tar.gpg', 'x.tar'],
      ],
      { cwd: work },
    );
    const older = readFileSync(join(work, 'older.tar.gpg'));
    const olderReview = await reviewBackup({ size: older.length, stream: () => bytesStream(older) }, BACKUP_PASS);
    expect(olderReview.parsed.manifest.counts).toEqual(review.parsed.manifest.counts);
    const b = new AtharDb(`backup-d-${Math.random()}`);
    const cut = { size: bytes.length, stream: () => bytesStream(bytes.subarray(0, bytes.length - 5000)) };
    await expect(restoreInto(b, cut, review)).rejects.toMatchObject({ problem: { reason: 'damaged' } });
    expect(await new Vault({ db: b }).exists()).toBe(false);
    for (const t of [...RECORD_TABLES, 'fileChunks', 'audit'] as const) expect(await b.table(t).count(), t).toBe(0);

    // Never over data that has no vault header.
    await b.fileChunks.put({
      documentId: 'x',
      index: 0,
      enc: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) },
    });
    await expect(restoreInto(b, source, review)).rejects.toMatchObject({ code: 'storage-not-empty' });
    expect(await b.fileChunks.count()).toBe(1);

    // An audit entry removed from the backup's chain: refused, naming the page.
    const texts = new Map(review.opened.texts);
    const page = 'data/vault/audit/000000.json';
    const entries = JSON.parse(texts.get(page)!) as unknown[];
    texts.set(page, JSON.stringify(entries.slice(0, 2).concat(entries.slice(3))));
    const { parseBackup } = await import('@shared/package/backup-format');
    expect(() => parseBackup(texts, review.opened.entries, review.opened.bagInfo)).toThrow(RecordsProblem);
    expect(() => parseBackup(texts, review.opened.entries, review.opened.bagInfo)).toThrow(
      /audit chain broken at entry 2/,
    );
  }, 90_000);

  it('after a crash mid-restore, offers only to discard the half-made vault, then restores again', async () => {
    const a = await filledVault(`backup-e-${Math.random()}`);
    const sink = memorySink();
    await produceBackup(a.storage, {
      recoveryPhrase: PHRASE,
      signingKey: null,
      includeKeySecret: false,
      bagName: 'athar-backup-y',
      openSink: async () => sink,
    });
    const bytes = sink.bytes();
    const source = { size: bytes.length, stream: () => bytesStream(bytes) };
    const review = await reviewBackup(source, PHRASE);
    const name = `backup-f-${Math.random()}`;
    // The app dies part-way: the originals are stored, the records never are, nothing cleans up.
    let stored!: () => void;
    const reached = new Promise<void>((r) => (stored = r));
    void restoreIntoNewVault(new AtharDb(name), NEW_PASS, NEW_PASS, async (target) => {
      const w = await target.fileWriter('partial');
      await w.write(new Uint8Array(1000));
      await w.close();
      stored();
      await new Promise(() => undefined);
    });
    await reached;

    // The app starts again.
    const db = new AtharDb(name);
    const { restoreInterrupted, discardInterruptedRestore } = await import('../../../../renderer/src/db/vault-restore');
    expect(await restoreInterrupted(db)).toBe(true);
    await expect(new Vault({ db }).unlock(NEW_PASS)).rejects.toMatchObject({ code: 'restore-interrupted' });
    await discardInterruptedRestore(db);
    expect(await new Vault({ db }).exists()).toBe(false);
    expect(await db.fileChunks.count()).toBe(0);
    await restoreIntoNewVault(db, NEW_PASS, NEW_PASS, (target) => restoreBackup(target, source, review, {}));
    expect(await restoreInterrupted(db)).toBe(false);
    const unlocked = await new Vault({ db }).unlock(NEW_PASS);
    expect((await (await RecordStore.open(db, unlocked.key, 'Layla')).verifyAudit()).ok).toBe(true);
  }, 90_000);

  it("gives the backup's members no way in until an administrator resets each, and labels the restorer's slot as asked", async () => {
    const a = await filledVault(`backup-m-${Math.random()}`);
    const B_PASS = 'the caseworker passphrase';
    const badr = await new Members(new Vault({ db: a.db }), a.storage).add({
      name: 'Badr Testcaseworker',
      label: 'BT',
      roles: ['caseworker'],
      passphrase: B_PASS,
      confirmation: B_PASS,
    });
    // A restricted case assigned to B: after the restore and B's reset, B reads it again, with the new keys.
    const restricted = await a.storage.cases.create(
      {
        kind: 'enforced-disappearance',
        status: 'disappeared',
        priority: 'normal',
        assignee: '',
        confidentiality: 'restricted',
        tags: [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'x' }],
      } as never,
      personFields({ nameLatin: 'Restricted Subject' }),
    );
    await a.storage.compartments.assign(restricted.id, [badr.id]);
    const sink = memorySink();
    await produceBackup(a.storage, {
      recoveryPhrase: PHRASE,
      signingKey: null,
      includeKeySecret: false,
      bagName: 'athar-backup-members',
      openSink: async () => sink,
    });
    const bytes = sink.bytes();
    const source = { size: bytes.length, stream: () => bytesStream(bytes) };
    const review = await reviewBackup(source, PHRASE);
    const db = new AtharDb(`backup-n-${Math.random()}`);
    const vault = new Vault({ db });
    await restoreIntoNewVault(db, NEW_PASS, NEW_PASS, (t) => restoreBackup(t, source, review, {}), 'Desk 7');
    const slots = await vault.slots();
    expect(slots.map((s) => s.label)).toEqual(['Desk 7']);
    // B's old passphrase opens nothing here: the backup carried B's record, not B's slot.
    await expect(vault.unlock(B_PASS, badr.id)).rejects.toBeTruthy();

    const restorer = await VaultStorage.open(db, await vault.unlock(NEW_PASS));
    // What the session does once after a restore: the restricted case gets a new key of its own.
    await restorer.cases.sealUnkept();
    await restorer.compartments.settle();
    const team = new Members(vault, restorer);
    expect((await team.withoutSlot()).map((m) => m.name).sort()).toEqual(['Badr Testcaseworker', 'Layla']);
    // The lock screen's label lies in clear on the disk: without a slot to take it from, one must be typed.
    await expect(team.reset(badr.id, B_PASS, B_PASS)).rejects.toThrow(/label/);
    await team.reset(badr.id, B_PASS, B_PASS, 'BT2');
    expect((await team.withoutSlot()).map((m) => m.name)).toEqual(['Layla']);
    expect((await vault.slots()).map((s) => s.label)).toEqual(['Desk 7', 'BT2']);
    const asBadr = await VaultStorage.open(db, await vault.unlock(B_PASS, badr.id));
    expect(asBadr.member).toMatchObject({ id: badr.id, roles: ['caseworker'], status: 'active' });
    expect((await asBadr.cases.load(restricted.id))?.subject.nameLatin).toBe('Restricted Subject');
    expect((await asBadr.store.verifySignatures()).counts).toMatchObject({ invalid: 0, unsigned: 0 });
  }, 90_000);

  it('is due on its schedule', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(backupDue('off', null, now)).toBe(false);
    expect(backupDue('daily', null, now)).toBe(true);
    expect(backupDue('daily', '2026-11-30T13:00:00Z', now)).toBe(false);
    expect(backupDue('daily', '2026-11-30T12:00:00Z', now)).toBe(true);
    expect(backupDue('weekly', '2026-11-26T12:00:00Z', now)).toBe(false);
    expect(backupDue('weekly', '2026-11-24T12:00:00Z', now)).toBe(true);
  });
});
