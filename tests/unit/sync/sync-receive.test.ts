// Node's own fetch and an in-memory IndexedDB, as in sync-push.test.ts; two devices, each its own database.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../renderer/src/db/vault';
import { VaultStorage } from '../../../renderer/src/db/vault-storage';
import { Members } from '../../../renderer/src/db/members';
import { generateMemberKeys } from '../../../renderer/src/db/member-keys';
import { aesGcmKey, randomBytes, randomId } from '../../../renderer/src/db/webcrypto-key';
import { SyncService } from '../../../renderer/src/sync/sync-service';
import { receive } from '../../../renderer/src/sync/receive';
import { revokeDevice, SYNC_DB } from '../../../sync-server/admin';
import { openCommitDoc, PART_ITEMS, sealCommitDoc } from '@shared/sync/commit-doc';
import { startSyncServer } from '../../sync/server-process';
import { newCase, PASS, synced, teamHarness, until } from './team-harness';
import type { Member } from '@shared/domain/records';
import { RecordStore } from '../../../renderer/src/db/record-store';
import { SealedMeta } from '../../../renderer/src/db/sealed-meta';
import { signWith } from '../../../renderer/src/db/member-keys';
import { sealAppliedEntry } from '../../../renderer/src/db/remote-chains';
import { resealAll } from '../../../renderer/src/db/rekey';
import { readTeamKeys, teamKeyGrantPlace } from '../../../renderer/src/db/team-keys';
import { wrapToHolders } from '../../../renderer/src/db/keyring';

const { h, newDb, settingsFor, service, joinTeam, team } = teamHarness();
const nodeFetch: typeof fetch = (input, init) => fetch(input, init);

/** Every document the team's database holds, as its administrator reads them. */
async function allServerDocs(): Promise<{ rows: Array<{ id: string; doc: unknown }> }> {
  const r = await fetch(`${h.server.url}/${SYNC_DB}/_all_docs?include_docs=true`, {
    headers: { authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}` },
  });
  return (await r.json()) as { rows: Array<{ id: string; doc: unknown }> };
}

/** A case made on A, once B holds it. */
async function caseOnB(a: VaultStorage, b: VaultStorage) {
  const made = await newCase(a, 'Samir Testcase');
  await until(
    () => b.store.get('cases', made.id),
    (c) => c !== undefined,
    'case on B',
  );
  return made;
}

/** The entries applied from other laptops are numbered 0, 1, 2… in the order they came, none twice. */
async function expectOrdered(s: VaultStorage) {
  const { applied } = await s.store.remote.all();
  expect(applied.map((x) => x.order)).toEqual(Array.from({ length: applied.length }, (_, i) => i));
}

/** How many documents the team's database holds. */
async function serverDocs(): Promise<number> {
  const r = await fetch(`${h.server.url}/${SYNC_DB}/_all_docs?limit=0`, {
    headers: { authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}` },
  });
  return ((await r.json()) as { total_rows: number }).total_rows;
}

/** Until the server has acknowledged every entry of this device's chain. */
async function sentAll(s: VaultStorage): Promise<void> {
  await until(
    () => s.meta.load<{ sentUpTo: number }>('sync'),
    (st) => st?.sentUpTo === s.store.headSeq,
    'all sent',
  );
}

describe('receiving other devices’ commits', () => {
  it('a case made on A appears on B, in its list; B then works as the member A made, and A receives it', async () => {
    const { a, b, syncA, syncB } = await team();
    expect(b.awaitingTeam).toBe(true);
    const made = await newCase(a, 'Samir Testcase');
    await until(
      () => b.store.get('cases', made.id),
      (c) => c !== undefined,
      'case on B',
    ).catch(async (e) => {
      console.log('B status', JSON.stringify(syncB.status()), 'A status', JSON.stringify(syncA.status()));
      console.log('quarantine', JSON.stringify(await b.store.remote.quarantined()));
      console.log('waiting', (await b.store.remote.waiting()).length, 'chains', await b.store.remote.devices());
      throw e;
    });
    expect(await b.store.get('cases', made.id)).toEqual(await a.store.get('cases', made.id));
    await until(
      () => b.cases.summaries(),
      (l) => l.some((s) => s.id === made.id),
      'summary on B',
    );
    expect(await b.memberArrived()).toBe(true);
    expect(b.member.name).toBe('Basma');
    expect(b.member.roles).toEqual(['caseworker']);

    // B's own work goes the other way, signed by B's member.
    const fromB = await newCase(b, 'Nadia Fromb');
    await until(
      () => a.store.get('cases', fromB.id),
      (c) => c !== undefined,
      'case on A',
    );
    await until(
      () => a.cases.summaries(),
      (l) => l.some((s) => s.id === fromB.id),
      'summary on A',
    );
    await until(() => syncA.status(), synced);
    await until(() => syncB.status(), synced);

    // Each device's own chain verifies, and every record it holds is the version some chain last wrote.
    for (const s of [a, b]) {
      const report = await s.store.verifyIntegrity();
      expect(report.chain.ok).toBe(true);
      expect(report.records.problems).toEqual([]);
      expect(report.signatures.counts.invalid + report.signatures.counts.unsigned).toBe(0);
      // What the other's chain brought is checked again, link by link and signature by signature.
      expect(report.others.problems).toEqual([]);
      expect(report.others.unreadable).toBe(0);
      expect(report.others.devices).toBe(1);
      expect(report.others.verified).toBe(report.others.entries);
    }
    expect(await a.store.remote.quarantined()).toEqual([]);
    expect(await b.store.remote.quarantined()).toEqual([]);
  }, 120_000);

  it('makes the list’s summaries of what arrived even when the first try was cut off, and drops deleted cases', async () => {
    const { a, b, syncB } = await team();
    const refresh = b.cases.refresh.bind(b.cases);
    b.cases.refresh = () => Promise.reject(new Error('closed mid-way'));
    const made = await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    // The records are stored and the summary still owed, recorded with them.
    expect((await b.cases.summaries()).some((x) => x.id === made.id)).toBe(false);
    expect(await b.cases.staleSummaries()).toContain(made.id);
    b.cases.refresh = refresh;
    // The next time B reads the server, what is owed is made first.
    await syncB.pause();
    await syncB.resume();
    await until(
      () => b.cases.summaries(),
      (l) => l.some((x) => x.id === made.id),
      'summary on B',
    );
    expect(await b.cases.staleSummaries()).toEqual([]);

    const subject = (await a.store.get('persons', made.subjectId))!;
    await a.store.commit([
      { table: 'cases', delete: made.id },
      { table: 'persons', delete: subject.id },
    ]);
    await until(
      () => b.cases.summaries(),
      (l) => !l.some((x) => x.id === made.id),
      'deleted case gone from B’s list',
    );
    expect(await b.store.get('cases', made.id)).toBeUndefined();
  }, 120_000);

  it('a laptop re-encrypted with a key of its own still sends and receives under the team’s key', async () => {
    const { a, b, dbB, vaultA, openedB, syncB } = await team();
    await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    const keyCheck = await new Members(vaultA, a).dataKeyCheck();
    syncB.stop();
    await b.store.close();
    const vaultB = new Vault({ db: dbB });
    const keys = await vaultB.beginRekey(PASS, openedB.member.id);
    expect((await resealAll(dbB, keys.from, keys.to)).unreadable).toBe(0);
    await vaultB.finishRekey();
    const reopened = await vaultB.unlock(PASS);
    expect(reopened.device).toBe(openedB.device);
    const b2 = await VaultStorage.open(dbB, reopened);
    // The team's key is the one it had; the laptop's own is new.
    const ring = await readTeamKeys(dbB, reopened.key);
    expect(ring?.map((k) => k.generation)).toEqual([0]);
    const syncB2 = service(b2);
    await syncB2.start();
    const fromA = await newCase(a, 'Later Fromhq');
    await until(
      () => b2.store.get('cases', fromA.id),
      (c) => c !== undefined,
      'A’s later case on B',
    );
    const fromB = await newCase(b2, 'Nadia Afterkey');
    await until(
      () => a.store.get('cases', fromB.id),
      (c) => c !== undefined,
      'B’s case on A',
    );
    const report = await b2.store.verifyIntegrity();
    expect(report.chain.ok).toBe(true);
    expect(report.records.problems).toEqual([]);
    expect(report.others.problems).toEqual([]);
    expect(report.others.unreadable).toBe(0);
    expect(await b2.store.remote.quarantined()).toEqual([]);
    expect(await a.store.remote.quarantined()).toEqual([]);
    // An invitation made on A still commits to the team's key.
    expect(await new Members(vaultA, a).dataKeyCheck()).toBe(keyCheck);
  }, 120_000);

  it('removing a member gives the other laptops a new team key: what is sent after it never opens with the removed one’s keys', async () => {
    const { a, b, vaultA, syncA, syncB } = await team();
    const { storage: c, sync: syncC } = await joinTeam(a, vaultA, syncA, 'Camil', 'laptop-c');
    const before = await newCase(a, 'Samir Before');
    for (const s of [b, c])
      await until(
        () => s.store.get('cases', before.id),
        (x) => x !== undefined,
        'the first case on B and C',
      );
    await until(() => b.store.get('members', c.member.id), Boolean, 'C’s member on B');

    await new Members(vaultA, a).remove(c.member.id);
    expect((await a.store.teamKeys()).keys.map((k) => k.generation)).toEqual([0, 1]);
    const fromA = await newCase(a, 'After Removal');
    await until(
      () => b.store.get('cases', fromA.id),
      (x) => x !== undefined,
      'A’s new case on B',
    );
    expect((await b.store.teamKeys()).keys.map((k) => k.generation)).toEqual([0, 1]);
    // B's own data key is still the team's first: it is told to re-encrypt.
    expect(await b.meta.load('rekey-advised')).not.toBeNull();
    expect(await c.meta.load('rekey-advised')).toBeNull();
    const fromB = await newCase(b, 'Basma Afterwards');
    await until(
      () => a.store.get('cases', fromB.id),
      (x) => x !== undefined,
      'B’s new case on A',
    );
    await until(() => syncA.status(), synced);
    await until(() => syncB.status(), synced);
    await until(() => syncC.status(), synced);
    // C heard of the new key and was given none of it.
    expect((await c.store.teamKeys()).keys.map((k) => k.generation)).toEqual([0]);
    expect(await c.store.get('cases', fromA.id)).toBeUndefined();
    expect(await c.store.get('cases', fromB.id)).toBeUndefined();
    // Every document on the server, tried with every key C holds: none written after the removal opens.
    const all = await allServerDocs();
    const readable: string[] = [];
    for (const r of all.rows.filter((x) => !x.id.startsWith('_design/'))) {
      for (const k of (await c.store.teamKeys()).keys) {
        const commit = await openCommitDoc(k.key, r.doc).catch(() => null);
        if (commit) readable.push(...commit.entries.map((e) => e.recordId));
      }
    }
    expect(readable).toContain(before.id);
    expect(readable).not.toContain(fromA.id);
    expect(readable).not.toContain(fromB.id);
    for (const s of [a, b]) {
      const report = await s.store.verifyIntegrity();
      expect(report.records.problems).toEqual([]);
      expect(report.others.problems).toEqual([]);
    }
    expect(await a.store.remote.quarantined()).toEqual([]);
    expect(await b.store.remote.quarantined()).toEqual([]);

    // A laptop that joins afterwards is given every key, and so the whole history.
    const { storage: d } = await joinTeam(a, vaultA, syncA, 'Dalia', 'laptop-d');
    for (const x of [before, fromA, fromB])
      await until(
        () => d.store.get('cases', x.id),
        (got) => got !== undefined,
        'the history on D',
      );
    expect((await d.store.teamKeys()).keys.map((k) => k.generation)).toEqual([0, 1]);
    expect(await d.store.remote.quarantined()).toEqual([]);

    // Its server user revoked, C's laptop cannot even ask.
    await revokeDevice(h.server.admin, 'laptop-c');
    await newCase(a, 'Later Still');
    await until(
      () => syncC.status(),
      (st) => st.state === 'error' && st.problem === 'credentials',
      'C refused by the server',
    );
  }, 180_000);

  it('the server killed while a laptop reads from it, and started again: it carries on, nothing lost or applied twice', async () => {
    const { a, b, syncA, syncB } = await team();
    await until(() => b.memberArrived(), Boolean, 'B’s member on B');
    await until(() => syncB.status(), synced);
    await syncB.pause();
    const now = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = randomId();
      ids.push(id);
      await a.store.commit([
        {
          table: 'places',
          put: {
            id,
            kind: 'other',
            nameEn: `Place ${i}`,
            nameAr: `مكان ${i}`,
            createdAt: now,
            updatedAt: now,
            author: 'Amal',
          } as never,
        },
      ]);
    }
    await until(() => syncA.status(), synced);
    const count = async () => (await b.store.all('places')).filter((p) => ids.includes(p.id)).length;
    await syncB.resume();
    const atKill = await until(count, (n) => n > 0, 'B has begun');
    await h.server.stop('SIGKILL');
    expect(atKill).toBeLessThan(ids.length);
    await until(
      () => syncB.status(),
      (st) => st.state === 'offline',
      'B offline',
    );
    h.server = await startSyncServer({ dir: h.server.dir, port: h.server.port });
    await until(count, (n) => n === ids.length, 'every place on B', 600);
    await until(() => syncB.status(), synced);
    // Every entry of A's chain applied once, in order.
    const fromA = (await b.store.remote.all()).applied.filter((x) => x.device === a.store.deviceId);
    expect(fromA.map((x) => x.entry.seq)).toEqual(Array.from({ length: a.store.headSeq + 1 }, (_, i) => i));
    await expectOrdered(b);
    expect(await b.store.remote.quarantined()).toEqual([]);
    const report = await b.store.verifyIntegrity();
    expect(report.records.problems).toEqual([]);
    expect(report.others.problems).toEqual([]);
  }, 300_000);

  it('a laptop stopped after applying a page and before saving its place reads it again and applies nothing twice', async () => {
    const { a, b, dbB, openedB, syncB } = await team();
    await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    const applied = (await b.store.remote.all()).applied.length;
    // What a kill between the page's transaction and the saved place leaves: everything applied, the place not.
    syncB.stop();
    const state = (await b.meta.load<Record<string, unknown>>('sync'))!;
    await b.meta.save('sync', { ...state, pulledSince: 0 });
    await b.store.close();
    const again = await VaultStorage.open(dbB, await new Vault({ db: dbB }).unlock(PASS));
    expect(again.store.deviceId).toBe(openedB.device);
    const syncAgain = service(again);
    await syncAgain.start();
    await until(() => syncAgain.status(), synced);
    await until(
      () => again.meta.load<{ pulledSince?: unknown }>('sync'),
      (st) => st?.pulledSince !== 0,
      'read again',
    );
    expect((await again.store.remote.all()).applied.length).toBe(applied);
    expect(await again.store.remote.quarantined()).toEqual([]);
    expect(await again.store.remote.waiting()).toEqual([]);
    const report = await again.store.verifyIntegrity();
    expect(report.records.problems).toEqual([]);
    expect(report.others.problems).toEqual([]);
    // And it goes on receiving.
    const later = await newCase(a, 'Later Case');
    await until(
      () => again.store.get('cases', later.id),
      (c) => c !== undefined,
      'a later case',
    );
    // Each entry applied here has its own place in the order they came, across the restart.
    await expectOrdered(again);
  }, 120_000);

  it('a copy of a commit with a row left out, in place of the real one, is quarantined and applies nothing', async () => {
    const { a, b, openedA, syncA, syncB } = await team();
    await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    await syncB.pause();
    const made = await newCase(a, 'Stripped Case');
    await until(() => syncA.status(), synced);
    await sentAll(a);
    const auth = { authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}` };
    // Someone who holds the team key and the server's admin password: the commit taken away, a copy without the
    // person's row written in its place.
    const real = (
      await Promise.all(
        (await allServerDocs()).rows
          .filter((r) => !r.id.startsWith('_design/'))
          .map(async (r) => ({ ...r, commit: await openCommitDoc(openedA.key, r.doc).catch(() => null) })),
      )
    ).find((r) => r.commit?.entries.some((e) => e.table === 'cases' && e.recordId === made.id))!;
    const rev = (real.doc as { _rev: string })._rev;
    expect(
      (await fetch(`${h.server.url}/${SYNC_DB}/${real.id}?rev=${rev}`, { method: 'DELETE', headers: auth })).ok,
    ).toBe(true);
    const commit = real.commit!;
    const copy = await sealCommitDoc(openedA.key, randomBytes, 'c'.repeat(32), {
      ...commit,
      rows: commit.rows.filter((r) => r.table !== 'persons'),
    });
    expect(commit.rows.some((r) => r.table === 'persons')).toBe(true);
    const put = await fetch(`${h.server.url}/${SYNC_DB}/${copy._id}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(copy),
    });
    expect(put.ok).toBe(true);
    await syncB.resume();
    await until(
      () => b.store.remote.quarantined(),
      (q) => q.some((x) => x.id === copy._id),
      'quarantined on B',
    );
    expect((await b.store.remote.quarantined()).find((x) => x.id === copy._id)?.reason).toBe('row-mismatch');
    expect(await b.store.get('cases', made.id)).toBeUndefined();
  }, 120_000);

  it('a laptop stopped after applying a commit and before judging what waited for it applies that at its next start', async () => {
    const { a, b, dbB, openedA, syncA, syncB } = await team();
    await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    await syncB.pause();
    const first = await newCase(a, 'First Case');
    const second = await newCase(a, 'Second Case');
    await until(() => syncA.status(), synced);
    await sentAll(a);
    // The two commits as the server holds them, the later one first: as a feed that is not in chain order gives them.
    const opened = await Promise.all(
      (await allServerDocs()).rows
        .filter((r) => !r.id.startsWith('_design/'))
        .map(async (r) => ({ ...r, commit: await openCommitDoc(openedA.key, r.doc).catch(() => null) })),
    );
    const writing = (id: string) =>
      opened.find((r) => r.commit?.entries.some((e) => e.table === 'cases' && e.recordId === id))!;
    const o = { store: b.store, origin: await syncA.origin(), cases: b.cases };
    await receive([{ id: writing(second.id).id, doc: writing(second.id).doc }], o);
    expect((await b.store.remote.waiting()).length).toBe(1);
    await receive([{ id: writing(first.id).id, doc: writing(first.id).doc }], o);
    expect(await b.store.get('cases', first.id)).toBeDefined();
    // Stopped here: the later commit still held, and the feed's place past both, so no page brings it again.
    syncB.stop();
    const last = (await (
      await fetch(`${h.server.url}/${SYNC_DB}/_changes?limit=0&descending=true`, {
        headers: { authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}` },
      })
    ).json()) as { last_seq: string | number };
    const state = (await b.meta.load<Record<string, unknown>>('sync'))!;
    await b.meta.save('sync', { ...state, paused: false, pulledSince: last.last_seq });
    await b.store.close();
    const again = await VaultStorage.open(dbB, await new Vault({ db: dbB }).unlock(PASS));
    const syncAgain = service(again);
    await syncAgain.start();
    await until(
      () => again.store.get('cases', second.id),
      (c) => c !== undefined,
      'the held commit applied',
    );
    expect(await again.store.remote.waiting()).toEqual([]);
  }, 120_000);

  it('an administrator’s laptop replaces a team key a removed member holds, and takes no key that skips ahead', async () => {
    const { a, b, vaultA, syncA } = await team();
    const { storage: c } = await joinTeam(a, vaultA, syncA, 'Camil', 'laptop-c');
    await until(() => b.store.get('members', c.member.id), Boolean, 'C’s member on B');
    // The removal committed, and the new key not made (a crash in between): the next sync cycle makes it.
    const record = (await a.store.get('members', c.member.id))!;
    await a.store.commit([
      { table: 'members', put: { ...record, status: 'removed', updatedAt: new Date().toISOString() } },
    ]);
    const ring = await until(
      () => a.store.teamKeys(),
      (r) => r.keys.length === 2,
      'a new key on A',
    );
    expect(ring.keys.map((k) => k.generation)).toEqual([0, 1]);
    expect(await a.store.teamKeyStale()).toBe(false);
    await until(
      () => b.store.teamKeys(),
      (r) => r.keys.length === 2,
      'the new key on B',
    );
    // A key record that claims to skip generations is stored as any signed record, and not taken as a key.
    const skipping = randomId();
    const members = await a.store.all('members');
    const grants = await wrapToHolders(
      randomBytes(32),
      members.filter((m) => m.status === 'active'),
      teamKeyGrantPlace(a.store.vaultId!, { id: skipping, generation: 9 }),
    );
    const now = new Date().toISOString();
    await a.store.commit([
      { table: 'teamKeys', put: { id: skipping, generation: 9, grants, createdAt: now, updatedAt: now, author: 'x' } },
    ]);
    expect(await a.store.absorbTeamKeys()).toBe(false);
    expect((await a.store.teamKeys()).keys.map((k) => k.generation)).toEqual([0, 1]);
  }, 180_000);

  it('what was read before the team key that opens it is judged again once the key comes', async () => {
    const { a, b, vaultA, syncA, syncB } = await team();
    const { storage: c } = await joinTeam(a, vaultA, syncA, 'Camil', 'laptop-c');
    await until(() => b.store.get('members', c.member.id), Boolean, 'C’s member on B');
    await until(() => syncB.status(), synced);
    await syncB.pause();
    await new Members(vaultA, a).remove(c.member.id);
    const later = await newCase(a, 'After Removal');
    await until(() => syncA.status(), synced);
    // B reads A's later work first, as a server whose feed is out of order would hand it over.
    const all = await allServerDocs();
    const ring = await b.store.teamKeys();
    const unopened: Array<{ id: string; doc: unknown }> = [];
    for (const r of all.rows.filter((x) => !x.id.startsWith('_design/'))) {
      const opens = await Promise.all(
        ring.keys.map((k) =>
          openCommitDoc(k.key, r.doc).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (!opens.includes(true)) unopened.push({ id: r.id, doc: r.doc });
    }
    expect(unopened.length).toBeGreaterThan(0);
    await receive(unopened, { store: b.store, origin: await syncA.origin(), cases: b.cases });
    expect((await b.store.remote.quarantined()).map((q) => q.reason)).toContain('unreadable');
    // Then the commit that brings the key: what did not open is fetched and judged again.
    await syncB.resume();
    await until(
      () => b.store.get('cases', later.id),
      (x) => x !== undefined,
      'A’s later case on B',
    );
    await until(
      () => b.store.remote.quarantined(),
      (q) => q.length === 0,
      'nothing left in quarantine',
    );
  }, 180_000);

  it('a commit too large for one document goes in parts, and the other laptop applies it whole', async () => {
    const { a, b, syncA, syncB } = await team();
    await until(() => b.memberArrived(), Boolean, 'B’s member on B');
    const now = new Date().toISOString();
    const places = Array.from({ length: PART_ITEMS + 1000 }, (_, i) => ({
      id: randomId(),
      kind: 'other' as const,
      nameEn: `Place ${i}`,
      nameAr: `مكان ${i}`,
      createdAt: now,
      updatedAt: now,
      author: 'Amal',
    }));
    const docsBefore = await serverDocs();
    await a.store.commit(places.map((put) => ({ table: 'places' as const, put: put as never })));
    await until(() => syncA.status(), synced);
    // Two documents for the one commit (the server's own count may lag behind its writes).
    await until(serverDocs, (n) => n - docsBefore >= 2, 'both parts counted');
    expect((await serverDocs()) - docsBefore).toBe(2);
    await until(
      () => b.store.get('places', places.at(-1)!.id),
      (x) => x !== undefined,
      'the last place on B',
    );
    expect(await b.store.get('places', places[0]!.id)).toMatchObject({ nameEn: 'Place 0' });
    await until(() => syncB.status(), synced);
    expect(await b.store.remote.quarantined()).toEqual([]);
    expect(await b.store.remote.waiting()).toEqual([]);
    expect((await b.store.verifyIntegrity()).others.problems).toEqual([]);
    // A part handed over again once its commit is applied has nothing to wait for.
    const ring = await b.store.teamKeys();
    const parts: Array<{ id: string; doc: unknown }> = [];
    for (const r of (await allServerDocs()).rows.filter((x) => !x.id.startsWith('_design/'))) {
      const opened = await openCommitDoc(ring.keys[0]!.key, r.doc).catch(() => null);
      if (opened?.whole) parts.push({ id: r.id, doc: r.doc });
    }
    expect(parts.length).toBe(2);
    await receive(parts.slice(0, 1), { store: b.store, origin: await syncA.origin(), cases: b.cases });
    expect(await b.store.remote.waiting()).toEqual([]);
  }, 180_000);

  it('Verify audit log finds an arrived entry altered, removed or re-signed after it was applied', async () => {
    const { a, b, dbB, openedB, syncB } = await team();
    await caseOnB(a, b);
    await until(() => syncB.status(), synced);
    await syncB.pause();
    const { applied } = await b.store.remote.all();
    const target = applied.find((x) => x.entry.table === 'persons')!;
    const signed = applied.find((x) => x.entry.sig && x.entry.seq > target.entry.seq)!;
    const others = async () => (await b.store.verifyIntegrity()).others;
    const reseal = (x: (typeof applied)[number]) =>
      sealAppliedEntry(openedB.key, x).then((r) => dbB.syncEntries.put(r));

    await reseal({ ...target, entry: { ...target.entry, fields: ['nameLatin'] } });
    expect((await others()).problems).toContainEqual(
      expect.objectContaining({ device: target.device, seq: target.entry.seq, kind: 'chain', reason: 'hash-mismatch' }),
    );
    await reseal(target);
    expect((await others()).problems).toEqual([]);

    await reseal({ ...signed, entry: { ...signed.entry, sig: { ...signed.entry.sig!, value: 'ab'.repeat(64) } } });
    expect((await others()).problems).toContainEqual(
      expect.objectContaining({ seq: signed.entry.seq, kind: 'signature', standing: 'invalid' }),
    );
    await reseal(signed);

    await dbB.syncEntries.delete([target.device, target.entry.seq]);
    expect((await others()).problems).toContainEqual(
      expect.objectContaining({ device: target.device, kind: 'chain', reason: 'sequence-gap' }),
    );
  }, 120_000);
});

describe('what is refused on arrival', () => {
  it('holds a commit signed by someone who holds the data key but is no member, and applies nothing of it', async () => {
    const { a, b, openedA } = await team();
    await until(() => b.memberArrived(), Boolean, 'B’s member on B');
    // Mallory has the team's data key (a stolen laptop's, say) and makes herself a "team" of her own.
    const scratch = newDb();
    const key = await generateMemberKeys();
    const malloryId = randomId();
    const mallory = await RecordStore.open(
      scratch,
      openedA.key,
      { id: malloryId, name: 'Mallory', sign: (m) => signWith(key.keys.signing, m) },
      { vaultId: randomId() },
    );
    const now = '2026-02-01T00:00:00.000Z';
    const self = {
      id: malloryId,
      createdAt: now,
      updatedAt: now,
      author: 'Mallory',
      name: 'Mallory',
      roles: ['administrator', 'caseworker'] as Member['roles'],
      status: 'active' as const,
      signingKey: key.keys.signingKey,
      agreementKey: key.keys.agreementKey,
      formerSigningKeys: [],
    };
    await mallory.commit([{ table: 'members', put: self }]);
    const placeId = randomId();
    await mallory.commit([
      {
        table: 'places',
        put: {
          id: placeId,
          nameAr: 'مكان',
          nameEn: 'Forged place',
          kind: 'other',
          createdAt: now,
          updatedAt: now,
          author: 'Mallory',
        } as never,
      },
    ]);
    const syncM = new SyncService(mallory, new SealedMeta(scratch, openedA.key), nodeFetch);
    h.services.push(syncM);
    await syncM.start();
    await syncM.connect(await settingsFor('laptop-m'));
    await until(() => syncM.status(), synced);
    for (const s of [a, b]) {
      // Held, not applied: her record might yet come through another laptop's chain, and it never does.
      // Both of her commits (her record, then the place), which may come in different reads of the feed.
      const held = await until(
        () => s.store.remote.waiting(),
        (l) => l.length >= 2 && l.some((w) => w.why === 'unknown-member'),
        'held',
      );
      expect(held.find((w) => w.why === 'unknown-member')).toMatchObject({ member: malloryId });
      expect(held).toHaveLength(2);
      expect(await s.store.get('places', placeId)).toBeUndefined();
      expect(await s.store.get('members', malloryId)).toBeUndefined();
    }
  }, 120_000);

  it('quarantines a document altered on the server, and the commits after it wait instead of being applied', async () => {
    const { a, b, syncA, syncB } = await team();
    await until(() => b.memberArrived(), Boolean, 'B’s member on B');
    await until(() => syncB.status(), synced);
    await syncB.pause();
    const first = await newCase(a, 'Altered Onserver');
    await until(
      () => syncA.status(),
      (s) => s.state === 'synced' && s.at > new Date(Date.now() - 1000).toISOString(),
    );
    const auth = { authorization: `Basic ${btoa(`${h.server.admin.user}:${h.server.admin.password}`)}` };
    // The server's admin flips one byte of the newest document.
    // Each document by its id: pouchdb-server 4.2's include_docs can answer from before a later write.
    const listIds = async (): Promise<string[]> =>
      (
        (await (await nodeFetch(`${h.server.url}/${SYNC_DB}/_changes`, { headers: auth })).json()) as {
          results: Array<{ id: string }>;
        }
      ).results
        .map((r) => r.id)
        .filter((id) => !id.startsWith('_design/'));
    // Founder, B's member, the case: three commits (the admin's view of pouchdb-server can lag a moment behind).
    const ids = await until(listIds, (l) => l.length === 3, 'the server lists the case');
    const newest = (await (await nodeFetch(`${h.server.url}/${SYNC_DB}/${ids.at(-1)}`, { headers: auth })).json()) as {
      _id: string;
      _rev: string;
      c: string;
    };
    const bytes = Buffer.from(newest.c, 'base64');
    bytes[40] = bytes[40]! ^ 1;
    // The write-once rule binds devices, not the server's admin.
    const put = await nodeFetch(`${h.server.url}/${SYNC_DB}/${newest._id}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ...newest, c: bytes.toString('base64') }),
    });
    expect(put.ok).toBe(true);
    const second = await newCase(a, 'After Thealtered');
    await sentAll(a);
    await syncB.resume();
    const q = await until(
      () => b.store.remote.quarantined(),
      (l) => l.length > 0,
      'quarantine',
    );
    expect(q.map((x) => x.reason)).toEqual(['unreadable']);
    expect(q[0]!.id).toBe(newest._id);
    await until(
      () => b.store.remote.waiting(),
      (w) => w.length > 0,
      'waiting',
    );
    expect(await b.store.get('cases', first.id)).toBeUndefined();
    expect(await b.store.get('cases', second.id)).toBeUndefined();
  }, 120_000);

  it('quarantines what a removed member’s device sends after the removal', async () => {
    const { a, b, vaultA, syncA, syncB } = await team();
    await until(() => b.memberArrived(), Boolean, 'B’s member on B');
    await until(() => a.store.get('members', b.member.id), Boolean, 'B’s member on A');
    await until(() => syncB.status(), synced);
    await syncB.pause();
    await new Members(vaultA, a).remove(b.member.id);
    await until(() => syncA.status(), synced);
    // B has not heard of it yet, so its store still takes B's work; A must not.
    const late = await newCase(b, 'Late Work');
    await syncB.resume();
    const q = await until(
      () => a.store.remote.quarantined(),
      (l) => l.length > 0,
      'quarantine on A',
    );
    expect(q[0]).toMatchObject({ reason: 'revoked-member', member: b.member.id });
    expect(await a.store.get('cases', late.id)).toBeUndefined();
  }, 120_000);
});

describe('two laptops change the same record apart', () => {
  async function apart() {
    const { a, b, syncA, syncB } = await team();
    const made = await caseOnB(a, b);
    await b.memberArrived();
    await sentAll(a);
    await until(() => syncB.status(), synced);
    await syncA.pause();
    await syncB.pause();
    const subjectA = (await a.store.get('persons', made.subjectId))!;
    await a.cases.update({ ...(await a.store.get('cases', made.id))!, priority: 'urgent' }, subjectA);
    const subjectB = (await b.store.get('persons', made.subjectId))!;
    await b.cases.update({ ...(await b.store.get('cases', made.id))!, tags: ['from-beirut'] }, subjectB);
    await syncA.resume();
    await syncB.resume();
    const onA = await until(
      () => a.store.remote.conflicts(),
      (l) => l.length > 0,
      'conflict on A',
    );
    const onB = await until(
      () => b.store.remote.conflicts(),
      (l) => l.length > 0,
      'conflict on B',
    );
    expect(onA.map((c) => `${c.table}/${c.recordId}`)).toEqual([`cases/${made.id}`]);
    expect(onB.map((c) => `${c.table}/${c.recordId}`)).toEqual([`cases/${made.id}`]);
    return { a, b, made, onA };
  }

  it('keeps both versions on both, applies neither over the other, and a choice made on one settles it on both', async () => {
    const { a, b, made, onA } = await apart();
    // Neither laptop's version was written over by the other's.
    expect((await a.store.get('cases', made.id))?.priority).toBe('urgent');
    expect((await b.store.get('cases', made.id))?.tags).toEqual(['from-beirut']);
    // The list shows each laptop's own version too, not the one kept beside it.
    const listed = async (s: VaultStorage) => (await s.cases.summaries()).find((x) => x.id === made.id);
    expect(await listed(a)).toMatchObject({ priority: 'urgent', tags: [] });
    expect(await listed(b)).toMatchObject({ tags: ['from-beirut'] });
    expect((await listed(b))?.priority).not.toBe('urgent');
    const theirs = await a.store.openArriving({ table: 'cases', id: made.id, ...onA[0]!.versions[0]!.row! });
    expect('value' in theirs && (theirs.value as { tags: string[] }).tags).toEqual(['from-beirut']);
    for (const s of [a, b]) expect((await s.store.verifyIntegrity()).records.problems).toEqual([]);

    // A person on A takes both changes: their choice is signed, sent, and settles it on B too.
    const chosen = { ...(await a.store.get('cases', made.id))!, tags: ['from-beirut'] };
    await a.store.commit([{ table: 'cases', put: chosen }], {
      resolves: new Map([[`cases/${made.id}`, onA[0]!.versions.map((v) => v.digest)]]),
    });
    expect(await a.store.remote.conflicts()).toEqual([]);
    await until(
      () => b.store.remote.conflicts(),
      (l) => l.length === 0,
      'settled on B',
    );
    const onBNow = (await b.store.get('cases', made.id))!;
    expect({ priority: onBNow.priority, tags: onBNow.tags }).toEqual({ priority: 'urgent', tags: ['from-beirut'] });
    expect(await a.store.remote.quarantined()).toEqual([]);
    expect(await b.store.remote.quarantined()).toEqual([]);
    for (const s of [a, b]) expect((await s.store.verifyIntegrity()).records.problems).toEqual([]);
  }, 120_000);

  it('settles it on both when the choice is this laptop’s own version, unchanged', async () => {
    const { a, b, made, onA } = await apart();
    const mine = (await a.store.get('cases', made.id))!;
    await a.store.commit([{ table: 'cases', put: mine }], {
      resolves: new Map([[`cases/${made.id}`, onA[0]!.versions.map((v) => v.digest)]]),
    });
    expect(await a.store.remote.conflicts()).toEqual([]);
    await until(
      () => b.store.remote.conflicts(),
      (l) => l.length === 0,
      'settled on B',
    );
    const onBNow = (await b.store.get('cases', made.id))!;
    expect({ priority: onBNow.priority, tags: onBNow.tags }).toEqual({ priority: 'urgent', tags: mine.tags });
    for (const s of [a, b]) expect((await s.store.verifyIntegrity()).records.problems).toEqual([]);
  }, 120_000);
});

describe('where the team began', () => {
  it('applies the founding copy’s unsigned history only with its founder’s first signed commit', async () => {
    const team = randomId();
    const key = await aesGcmKey(randomBytes(32));
    const dbA = newDb();
    const now = '2026-02-01T00:00:00.000Z';
    const placeId = randomId();
    // A vault from before members: its first commits are unsigned.
    const before = await RecordStore.open(dbA, key, 'Layla', { vaultId: team });
    await before.commit([
      {
        table: 'places',
        put: {
          id: placeId,
          nameAr: 'مكان',
          nameEn: 'Old place',
          kind: 'other',
          createdAt: now,
          updatedAt: now,
          author: 'Layla',
        } as never,
      },
    ]);
    const metaA = new SealedMeta(dbA, key);
    const syncBefore = new SyncService(before, metaA, nodeFetch);
    h.services.push(syncBefore);
    await syncBefore.start();
    await syncBefore.connect(await settingsFor('laptop-a'));
    await until(() => syncBefore.status(), synced);
    syncBefore.stop();
    await before.close();

    const founder = await generateMemberKeys();
    const founderId = randomId();
    const dbB = newDb();
    const metaB = new SealedMeta(dbB, key);
    await metaB.save('sync', {
      settings: await settingsFor('laptop-b'),
      salt: '00'.repeat(32),
      sentUpTo: -1,
      paused: false,
      origin: { device: team, founderKey: founder.keys.signingKey },
    });
    const joiner = await generateMemberKeys();
    const b = await RecordStore.open(
      dbB,
      key,
      { id: randomId(), name: 'Basma', sign: (m) => signWith(joiner.keys.signing, m) },
      { vaultId: team, device: randomId() },
    );
    const syncB = new SyncService(b, metaB, nodeFetch);
    h.services.push(syncB);
    await syncB.start();
    // Judged and kept, not applied: nothing yet says the founder wrote it.
    await until(
      () => b.remote.provisional(team),
      (p) => p !== null,
      'kept aside on B',
    );
    expect(await b.get('places', placeId)).toBeUndefined();

    // The founder arrives on A (an upgraded vault's first unlock): their signed commit continues the history.
    const after = await RecordStore.open(
      dbA,
      key,
      { id: founderId, name: 'Layla', sign: (m) => signWith(founder.keys.signing, m) },
      { vaultId: team },
    );
    await after.commit([
      {
        table: 'members',
        put: {
          id: founderId,
          createdAt: now,
          updatedAt: now,
          author: 'Layla',
          name: 'Layla',
          roles: ['administrator'],
          status: 'active',
          signingKey: founder.keys.signingKey,
          agreementKey: founder.keys.agreementKey,
          formerSigningKeys: [],
        },
      },
    ]);
    const syncAfter = new SyncService(after, metaA, nodeFetch);
    h.services.push(syncAfter);
    await syncAfter.start();
    await until(
      () => b.get('places', placeId),
      (p) => p !== undefined,
      'history applied on B',
    );
    expect((await b.get('members', founderId))?.roles).toEqual(['administrator']);
    expect(await b.remote.provisional(team)).toBeNull();
    await after.close();
    await b.close();
  }, 120_000);
});

describe('a record deleted on one laptop while another changes it', () => {
  async function deletedApart() {
    const { a, b, openedA, syncA, syncB } = await team();
    await caseOnB(a, b);
    await b.memberArrived();
    const now = new Date().toISOString();
    const place = {
      id: randomId(),
      kind: 'other',
      nameEn: 'Old name',
      nameAr: 'اسم قديم',
      createdAt: now,
      updatedAt: now,
      author: 'Amal',
    };
    await a.store.commit([{ table: 'places', put: place as never }]);
    await until(() => b.store.get('places', place.id), Boolean, 'the place on B');
    await sentAll(a);
    await until(() => syncB.status(), synced);
    await syncA.pause();
    await syncB.pause();
    await a.store.commit([{ table: 'places', delete: place.id }]);
    const held = (await b.store.get('places', place.id))!;
    await b.store.commit([{ table: 'places', put: { ...held, nameEn: 'Renamed on B' } }]);
    await syncA.resume();
    await syncB.resume();
    const onA = await until(
      () => a.store.remote.conflicts(),
      (l) => l.length > 0,
      'conflict on A',
    );
    const onB = await until(
      () => b.store.remote.conflicts(),
      (l) => l.length > 0,
      'conflict on B',
    );
    const key = `places/${place.id}`;
    expect(onA.map((c) => `${c.table}/${c.recordId}`)).toEqual([key]);
    expect(onB.map((c) => `${c.table}/${c.recordId}`)).toEqual([key]);
    return { a, b, place, key, onA, onB, memberA: openedA.member.id };
  }

  async function settledEverywhere(a: VaultStorage, b: VaultStorage) {
    await until(
      () => a.store.remote.conflicts(),
      (l) => l.length === 0,
      'settled on A',
    );
    await until(
      () => b.store.remote.conflicts(),
      (l) => l.length === 0,
      'settled on B',
    );
    for (const s of [a, b]) {
      expect(await s.store.remote.quarantined()).toEqual([]);
      expect((await s.store.verifyIntegrity()).records.problems).toEqual([]);
    }
  }

  it('neither undoes the other: the change stays where it was made, the deletion where it was, each beside the other', async () => {
    const { a, b, place, onA, onB, memberA } = await deletedApart();
    expect(await a.store.get('places', place.id)).toBeUndefined();
    expect((await b.store.get('places', place.id))?.nameEn).toBe('Renamed on B');
    // A keeps B's change beside its deletion; B keeps A's deletion beside its change.
    expect(onA[0]!.versions).toHaveLength(1);
    expect(onA[0]!.versions[0]!.deleted).toBeUndefined();
    const theirs = await a.store.openArriving({ table: 'places', id: place.id, ...onA[0]!.versions[0]!.row! });
    expect('value' in theirs && (theirs.value as { nameEn: string }).nameEn).toBe('Renamed on B');
    expect(onB[0]!.versions).toHaveLength(1);
    expect(onB[0]!.versions[0]).toMatchObject({ deleted: true, member: memberA });
    for (const s of [a, b]) expect((await s.store.verifyIntegrity()).records.problems).toEqual([]);
  }, 120_000);

  it('the deletion chosen on the laptop that changed it deletes it there and settles it on both', async () => {
    const { a, b, place, key, onB } = await deletedApart();
    await b.store.commit([{ table: 'places', delete: place.id }], {
      resolves: new Map([[key, onB[0]!.versions.map((v) => v.digest)]]),
    });
    expect(await b.store.get('places', place.id)).toBeUndefined();
    await settledEverywhere(a, b);
    expect(await a.store.get('places', place.id)).toBeUndefined();
  }, 120_000);

  it('the change chosen on the laptop that deleted brings the record back there and settles it on both', async () => {
    const { a, b, place, key, onA } = await deletedApart();
    const deleted = (await a.store.remote.tombstonesOf([key])).get(key)!;
    const theirs = await a.store.openArriving({ table: 'places', id: place.id, ...onA[0]!.versions[0]!.row! });
    if (!('value' in theirs)) throw new Error('B’s version did not open');
    await a.store.commit([{ table: 'places', put: theirs.value as never }], {
      resolves: new Map([[key, [deleted.hash, ...onA[0]!.versions.map((v) => v.digest)]]]),
    });
    expect((await a.store.get('places', place.id))?.nameEn).toBe('Renamed on B');
    await settledEverywhere(a, b);
    expect((await b.store.get('places', place.id))?.nameEn).toBe('Renamed on B');
    expect(await a.store.remote.tombstonesOf([key])).toEqual(new Map());
  }, 120_000);
});
