import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { VaultStorage } from '../../../../renderer/src/db/vault-storage';
import { Members } from '../../../../renderer/src/db/members';
import { PermissionRefused } from '../../../../renderer/src/db/vault-errors';
import { openJson } from '@shared/crypto/envelope';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC, type Case } from '@shared/domain/records';
import { chunkAad } from '../../../../renderer/src/db/file-chunks';
import { resealAll } from '../../../../renderer/src/db/rekey';
import { blankEventDraft, eventChange } from '../../../../renderer/src/features/events/event-draft';
import { incidentTies, tieLinks } from '@shared/domain/incidents';

const A_PASS = 'administrator passphrase';
const B_PASS = 'caseworker passphrase!';
const C_PASS = 'investigator passphrase';
let db: AtharDb;

beforeEach(() => {
  db = new AtharDb(`compartments-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const newCase = (confidentiality: Case['confidentiality']) =>
  ({
    kind: 'enforced-disappearance',
    status: 'disappeared',
    priority: 'normal',
    assignee: '',
    confidentiality,
    tags: [],
    summary: EMPTY_DOC,
    statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'x' }],
  }) as never;

const at = '2026-01-01T00:00:00.000Z';
const testimony = (caseId: string, witnessId: string) => ({
  table: 'testimonies' as const,
  put: {
    id: crypto.randomUUID(),
    createdAt: at,
    updatedAt: at,
    author: 'x',
    caseId,
    witnessId,
    content: EMPTY_DOC,
    consent: { scope: 'internal' },
  },
});
const witness = (id: string) => ({
  table: 'persons' as const,
  put: {
    id,
    createdAt: at,
    updatedAt: at,
    author: 'x',
    role: 'witness',
    ...personFields({ nameLatin: 'Hidden Witness' }),
  },
});

/** A: administrator. B: caseworker and investigator. C: investigator. */
async function team() {
  const vault = new Vault({ db });
  const a = await VaultStorage.open(db, await vault.create(A_PASS, A_PASS, 'A'), { founderName: 'Amal' });
  const members = new Members(vault, a);
  const b = await members.add({
    name: 'Basel',
    label: 'B',
    roles: ['caseworker', 'investigator'],
    passphrase: B_PASS,
    confirmation: B_PASS,
  });
  const c = await members.add({
    name: 'Carla',
    label: 'C',
    roles: ['investigator'],
    passphrase: C_PASS,
    confirmation: C_PASS,
  });
  const open = async (pass: string, id: string) => VaultStorage.open(db, await vault.unlock(pass, id));
  return { vault, a, members, b, c, open };
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'written';
  } catch (e) {
    if (e instanceof PermissionRefused) return e.refusal.reason;
    throw e;
  }
};

/** Whether the vault's data key opens a stored row: what anyone with the vault's passphrase but not the case's key could read. */
async function dataKeyOpens(
  storage: VaultStorage,
  table: 'cases' | 'persons' | 'testimonies' | 'caseIndex',
  id: string,
) {
  const row = await db.table(table).get(id);
  return openJson(storage.store.keyring.data, table, id, row.enc).then(
    () => true,
    () => false,
  );
}

describe('compartments', () => {
  it("seals a strict case, its subject, testimony and new witness with the case's key; others see only its reference", async () => {
    const { a, b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('strict'), personFields({ nameLatin: 'Secret Subject' }));
    const witnessId = crypto.randomUUID();
    await bs.store.commit([witness(witnessId), testimony(made.id, witnessId)]);
    const comp = bs.compartments.ofCase(made.id)!;
    expect(comp).toMatchObject({ level: 'strict', generation: 1, assigned: [b.id], reference: made.reference });
    expect(comp.grants.map((g) => g.member)).toEqual([b.id]);
    // Assigned: B reads everything.
    expect((await bs.cases.load(made.id))?.subject.nameLatin).toBe('Secret Subject');
    expect((await bs.cases.summaries()).find((s) => s.id === made.id)?.nameLatin).toBe('Secret Subject');
    // The administrator is not assigned to a strict case: the data key opens none of it.
    const as = await open(A_PASS, a.member.id);
    for (const [table, id] of [
      ['cases', made.id],
      ['persons', made.subjectId],
      ['persons', witnessId],
      ['caseIndex', `case-${made.id}`],
    ] as const)
      expect(await dataKeyOpens(as, table, id)).toBe(false);
    expect(await as.store.get('cases', made.id)).toBeUndefined();
    expect(as.store.withheld('cases', made.id)).toBe(true);
    // What a backup made by A says it left out.
    expect([
      as.store.withheldCount('cases'),
      as.store.withheldCount('persons'),
      as.store.withheldCount('testimonies'),
    ]).toEqual([1, 2, 1]);
    expect((await as.store.all('persons')).map((p) => p.nameLatin)).not.toContain('Hidden Witness');
    const listed = (await as.cases.summaries()).find((s) => s.id === made.id);
    expect(listed).toMatchObject({ reference: made.reference, withheld: true, nameLatin: '' });
    // Nor can A write into it or over it.
    expect(await refusal(as.store.commit([testimony(made.id, witnessId)]))).toBe('not-assigned');
    expect(await refusal(as.store.commit([{ table: 'cases', delete: made.id }]))).toBe('not-assigned');
    // Verify does not call what it cannot read damaged.
    const report = await as.store.verifyIntegrity();
    expect(report.records.problems).toEqual([]);
    // The case, its subject, the witness and the testimony.
    expect(report.withheld).toBe(4);
  }, 60_000);

  it("ties a strict case to an incident inside the case's compartment: others see the incident, not that the case is in it", async () => {
    const { a, b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const strict = await bs.cases.create(newCase('strict'), personFields({ nameLatin: 'Secret Subject' }));
    const open1 = await bs.cases.create(newCase('standard'), personFields({ nameLatin: 'Known Subject' }));
    const planned = eventChange(
      { ...blankEventDraft(), title: 'Checkpoint arrests', dateText: '2012-08' },
      { caseId: null, existing: undefined, actor: 'Basel', now: new Date(at), newId: () => crypto.randomUUID() },
    );
    if (!planned.ok || !('put' in planned.change)) throw new Error('not planned');
    const incidentId = planned.change.put.id;
    const ctx = { actor: 'Basel', now: new Date(at), newId: () => crypto.randomUUID() };
    await bs.store.commit([
      planned.change,
      ...tieLinks(incidentId, [strict.id, open1.id], ctx).map((put) => ({ table: 'links' as const, put })),
    ]);
    const tiesOf = async (s: VaultStorage) => incidentTies(await s.store.all('links')).casesOf.get(incidentId);
    expect([...((await tiesOf(bs)) ?? [])].sort()).toEqual([strict.id, open1.id].sort());
    const as = await open(A_PASS, a.member.id);
    expect((await as.store.get('events', incidentId))?.title).toBe('Checkpoint arrests');
    expect([...((await tiesOf(as)) ?? [])]).toEqual([open1.id]);
    expect(as.store.withheldCount('links')).toBe(1);
  }, 60_000);

  it('gives a restricted case to every administrator, and a standard case stays under the data key', async () => {
    const { a, b, c, open } = await team();
    const bs = await open(B_PASS, b.id);
    const restricted = await bs.cases.create(newCase('restricted'), personFields({ nameLatin: 'Restricted Subject' }));
    const standard = await bs.cases.create(newCase('standard'), personFields({ nameLatin: 'Open Subject' }));
    const as = await open(A_PASS, a.member.id);
    expect((await as.cases.load(restricted.id))?.subject.nameLatin).toBe('Restricted Subject');
    const cs = await open(C_PASS, c.id);
    expect(await cs.cases.load(restricted.id)).toBeNull();
    expect((await cs.cases.load(standard.id))?.subject.nameLatin).toBe('Open Subject');
    expect(await dataKeyOpens(cs, 'cases', standard.id)).toBe(true);
  }, 60_000);

  it('assigning wraps the key to a member; unassigning rotates it and re-seals old and new rows so the old key opens nothing', async () => {
    const { b, c, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('strict'), personFields({ nameLatin: 'Secret Subject' }));
    const writer = await bs.files.writer(crypto.randomUUID(), made.id);
    await writer.write(new TextEncoder().encode('original evidence bytes'));
    await writer.close();
    await bs.compartments.assign(made.id, [b.id, c.id]);
    expect(
      bs.compartments
        .ofCase(made.id)!
        .grants.map((g) => g.member)
        .sort(),
    ).toEqual([b.id, c.id].sort());
    const cs = await open(C_PASS, c.id);
    expect((await cs.cases.load(made.id))?.subject.nameLatin).toBe('Secret Subject');
    // What C could keep: the generation-1 key, as C's session holds it.
    const mark1 = `${bs.compartments.ofCase(made.id)!.id}:1`;
    const oldKey = cs.store.keyring.keyFor(mark1)!;
    expect(oldKey).not.toBeNull();

    const progress: number[] = [];
    await bs.compartments.assign(made.id, [b.id], { onProgress: (p) => progress.push(p.done) });
    const comp = bs.compartments.ofCase(made.id)!;
    expect(comp).toMatchObject({ generation: 2, previous: null, assigned: [b.id] });
    expect(comp.grants.map((g) => g.member)).toEqual([b.id]);
    expect(progress.length).toBeGreaterThan(0);
    // Every row of the case, and every chunk of its original, is now under generation 2.
    for (const table of ['cases', 'persons', 'caseIndex'] as const)
      for (const row of await db.table(table).where('k').startsWith(comp.id).toArray())
        expect(row.k).toBe(`${comp.id}:2`);
    const chunks = await db.fileChunks.where('k').startsWith(comp.id).toArray();
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      expect(chunk.k).toBe(`${comp.id}:2`);
      await expect(
        oldKey.decrypt(chunk.enc.iv, chunkAad(chunk.documentId, chunk.index), chunk.enc.ct),
      ).rejects.toThrow();
    }
    // The old key opens neither the old records (re-sealed) nor a new one.
    const witnessId = crypto.randomUUID();
    await bs.store.commit([witness(witnessId), testimony(made.id, witnessId)]);
    for (const [table, id] of [
      ['cases', made.id],
      ['persons', witnessId],
    ] as const) {
      const row = await db.table(table).get(id);
      await expect(openJson(oldKey, table, id, row.enc)).rejects.toThrow();
    }
    // And C, unlocking again, holds nothing of it.
    const again = await open(C_PASS, c.id);
    expect(await again.cases.load(made.id)).toBeNull();
    expect((await again.cases.summaries()).find((s) => s.id === made.id)?.withheld).toBe(true);
    // B still reads all of it, the original included.
    expect((await bs.cases.load(made.id))?.subject.nameLatin).toBe('Secret Subject');
  }, 90_000);

  it('a case made strict after it was saved gathers its older records in; made standard again, it lets them out', async () => {
    const { a, b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('standard'), personFields({ nameLatin: 'Later Secret' }));
    const witnessId = crypto.randomUUID();
    const t = testimony(made.id, witnessId);
    await bs.store.commit([witness(witnessId), t]);
    const loaded = (await bs.cases.load(made.id))!;
    await bs.cases.update({ ...loaded.record, confidentiality: 'strict' }, loaded.subject);
    await bs.compartments.settle();
    const as = await open(A_PASS, a.member.id);
    expect(as.store.withheld('testimonies', t.put.id)).toBe(true);
    expect(await dataKeyOpens(as, 'testimonies', t.put.id)).toBe(false);
    expect(await as.store.get('cases', made.id)).toBeUndefined();

    const strict = (await bs.cases.load(made.id))!;
    await bs.cases.update({ ...strict.record, confidentiality: 'standard' }, strict.subject);
    await bs.compartments.settle();
    expect(bs.compartments.ofCase(made.id)).toBeUndefined();
    const again = await open(A_PASS, a.member.id);
    expect((await again.cases.load(made.id))?.subject.nameLatin).toBe('Later Secret');
    expect(await again.store.get('testimonies', t.put.id)).toBeDefined();
    expect((await again.cases.summaries()).filter((s) => s.id === made.id)).toHaveLength(1);
  }, 90_000);

  it('removing a member rotates every compartment they held', async () => {
    const { members, b, c, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('restricted'), personFields({ nameLatin: 'Restricted Subject' }));
    await bs.compartments.assign(made.id, [b.id, c.id]);
    await members.remove(c.id);
    // The administrator holds a restricted case: the removal itself rotated it.
    const comp = bs.compartments.ofCase(made.id)!;
    await bs.store.loadCompartments();
    const now = bs.store.compartments().find((x) => x.id === comp.id)!;
    expect(now.generation).toBe(2);
    expect(now.grants.map((g) => g.member)).not.toContain(c.id);
  }, 90_000);

  it('a re-encryption of the vault leaves compartment rows under their own key, still readable to their holders', async () => {
    const { vault, b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('strict'), personFields({ nameLatin: 'Secret Subject' }));
    await bs.store.close();
    const keys = await vault.beginRekey(B_PASS, b.id);
    const result = await resealAll(db, keys.from, keys.to);
    expect(result.unreadable).toBe(0);
    await vault.finishRekey();
    const again = await open(B_PASS, b.id);
    expect((await again.cases.load(made.id))?.subject.nameLatin).toBe('Secret Subject');
  }, 90_000);

  it('a compartment cannot be laid over a standard case to take it from the others', async () => {
    const { a, b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('standard'), personFields({ nameLatin: 'Open Subject' }));
    const plan = await bs.compartments.planFor({ ...made, confidentiality: 'strict' }, true);
    expect(await refusal(bs.store.commit([plan!]))).toBe('not-assigned');
    const as = await open(A_PASS, a.member.id);
    expect((await as.cases.load(made.id))?.subject.nameLatin).toBe('Open Subject');
  }, 60_000);

  it('a holder cannot quietly let a strict case out, nor move another person into it', async () => {
    const { b, open } = await team();
    const bs = await open(B_PASS, b.id);
    const made = await bs.cases.create(newCase('strict'), personFields({ nameLatin: 'Secret Subject' }));
    const other = await bs.cases.create(newCase('standard'), personFields({ nameLatin: 'Open Subject' }));
    const c = bs.compartments.ofCase(made.id)!;
    const put = (x: typeof c) => bs.store.commit([{ table: 'compartments', put: x }]);
    expect(await refusal(put({ ...c, releasing: true }))).toBe('not-assigned');
    expect(await refusal(put({ ...c, level: 'restricted' }))).toBe('not-assigned');
    expect(await refusal(put({ ...c, subjectId: other.subjectId }))).toBe('not-assigned');
    expect(bs.compartments.ofCase(made.id)).toMatchObject({
      releasing: false,
      level: 'strict',
      subjectId: made.subjectId,
    });
  }, 60_000);
});
