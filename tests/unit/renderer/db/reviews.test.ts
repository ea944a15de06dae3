import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { VaultStorage } from '../../../../renderer/src/db/vault-storage';
import { Members } from '../../../../renderer/src/db/members';
import { PermissionRefused } from '../../../../renderer/src/db/vault-errors';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC, type Review } from '@shared/domain/records';
import { exportPlanKey } from '@shared/domain/reviews';

const A_PASS = 'administrator passphrase';
const B_PASS = 'caseworker passphrase!';
const C_PASS = 'reviewer passphrase!!';
let db: AtharDb;
beforeEach(() => {
  db = new AtharDb(`reviews-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const at = (n: number) => `2026-01-0${n}T00:00:00.000Z`;
const digest = 'a'.repeat(64);

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
    roles: ['reviewer'],
    passphrase: C_PASS,
    confirmation: C_PASS,
  });
  const bs = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
  const cs = await VaultStorage.open(db, await vault.unlock(C_PASS, c.id));
  return { bs, cs, b, c };
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

const step = (r: Review, by: string, action: Review['history'][number]['action'], comment = '', n = 2): Review => ({
  ...r,
  state: action,
  updatedAt: at(n),
  history: [...r.history, { at: at(n), by, action, comment, digest: r.digest }],
});

describe('reviews', () => {
  it('moves one signed step at a time: the author submits, another member with the reviewer role returns (with a comment) or approves', async () => {
    const { bs, cs, b, c } = await team();
    const made = await bs.cases.create(
      {
        kind: 'missing',
        status: 'open',
        priority: 'normal',
        assignee: b.id,
        confidentiality: 'standard',
        tags: [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: 'open', at: at(1), by: 'x', reason: 'x' }],
      },
      personFields({ nameLatin: 'Reviewed Subject' }),
    );
    const put = (s: VaultStorage, r: Review) => s.store.commit([{ table: 'reviews', put: r }]);
    const submitted: Review = {
      id: crypto.randomUUID(),
      createdAt: at(1),
      updatedAt: at(1),
      author: 'Basel',
      subject: 'cases',
      subjectId: made.id,
      caseId: made.id,
      exportPlan: null,
      submittedBy: b.id,
      state: 'submitted',
      digest,
      history: [{ at: at(1), by: b.id, action: 'submitted', comment: '', digest }],
    };
    // Only the author submits their own work, and only what their roles let them write.
    expect(
      await refusal(put(cs, { ...submitted, submittedBy: c.id, history: [{ ...submitted.history[0]!, by: c.id }] })),
    ).toBe('role');
    expect(await put(bs, submitted)).toBeUndefined();
    // The author cannot decide on their own work; a reviewer must say what to change.
    expect(await refusal(put(bs, step(submitted, b.id, 'approved')))).toBe('review-own');
    expect(await refusal(put(cs, step(submitted, c.id, 'returned', '  ')))).toBe('review-comment');
    const returned = step(submitted, c.id, 'returned', 'Add the date of arrest.');
    await put(cs, returned);
    // The reviewer cannot change the case itself, nor rewrite what was said before, nor delete the review.
    const loaded = (await cs.cases.load(made.id))!;
    expect(await refusal(cs.cases.update({ ...loaded.record, priority: 'high' }, loaded.subject))).toBe('role');
    const rewritten = { ...step(returned, c.id, 'approved', '', 3), history: [] as Review['history'] };
    rewritten.history = [
      { ...returned.history[0]! },
      { ...returned.history[1]!, comment: 'Nothing to change.' },
      { at: at(3), by: c.id, action: 'approved', comment: '', digest },
    ];
    expect(await refusal(put(cs, rewritten))).toBe('review-step');
    expect(await refusal(cs.store.commit([{ table: 'reviews', delete: submitted.id }]))).toBe('review-step');
    // Approving what was returned and not resubmitted skips a step.
    expect(await refusal(put(cs, step(returned, c.id, 'approved', '', 3)))).toBe('review-step');
    const again = { ...step(returned, b.id, 'submitted', '', 3), digest: 'b'.repeat(64) };
    again.history[again.history.length - 1]!.digest = again.digest;
    await put(bs, again);
    await put(cs, step(again, c.id, 'approved', '', 4));
    const stored = await bs.store.get('reviews', submitted.id);
    expect(stored?.history.map((h) => h.action)).toEqual(['submitted', 'returned', 'submitted', 'approved']);
    // Every step is signed by the member who took it.
    const verdict = await bs.store.verifySignatures();
    expect(verdict.counts.invalid).toBe(0);
    const entries = (await bs.store.auditEntries()).filter((e) => e?.table === 'reviews');
    expect(entries.map((e) => e!.by)).toEqual([b.id, c.id, b.id, c.id]);
  }, 90_000);

  it("binds an export's review to its plan: a review showing one export cannot carry another's id", async () => {
    const { bs, b } = await team();
    const planA = { recipientId: crypto.randomUUID(), caseIds: [crypto.randomUUID()] };
    const planB = { recipientId: crypto.randomUUID(), caseIds: [crypto.randomUUID(), crypto.randomUUID()] };
    const key = exportPlanKey(planA);
    const review = (plan: typeof planA): Review => ({
      id: crypto.randomUUID(),
      createdAt: at(1),
      updatedAt: at(1),
      author: 'Basel',
      subject: 'exports',
      subjectId: key.subjectId,
      caseId: null,
      exportPlan: plan,
      submittedBy: b.id,
      state: 'submitted',
      digest: key.digest,
      history: [{ at: at(1), by: b.id, action: 'submitted', comment: '', digest: key.digest }],
    });
    const put = (r: Review) => bs.store.commit([{ table: 'reviews', put: r }]);
    expect(await refusal(put(review(planB)))).toBe('review-step');
    expect(await put(review(planA))).toBeUndefined();
  }, 60_000);
});
