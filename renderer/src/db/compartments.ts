import { Cancelled } from '@shared/cancelled';
import type { Case, Compartment, Member } from '@shared/domain/records';
import type { Change, RecordStore } from './record-store';
import type { CompartmentTable } from './schema';
import type { FileStore } from './file-store';
import { markOf, newCompartmentKey, openOwnGrant, wrapToHolders, type Holder } from './keyring';
import { aesGcmKey, randomId } from './webcrypto-key';
import { PermissionRefused } from './vault-errors';

export interface SettleProgress {
  /** The case being re-sealed. */
  reference: string;
  done: number;
  total: number;
}

export interface SelfKeys {
  id: string;
  agreement: CryptoKey;
  agreementKey: string;
}

/** Who must hold a compartment's key: its active assigned members, and for a restricted case every active administrator. */
export function holdersOf(c: Pick<Compartment, 'assigned' | 'level'>, members: readonly Member[]): Member[] {
  return members.filter(
    (m) =>
      m.status === 'active' &&
      (c.assigned.includes(m.id) || (c.level === 'restricted' && m.roles.includes('administrator'))),
  );
}

const CONTENT_TABLES = ['contacts', 'testimonies', 'documents', 'events', 'reviews'] as const;

/**
 * The keys of restricted and strict cases (docs/team.md, "Compartments"). A case's save brings its
 * compartment with it (`planFor`); everything that follows — giving the key to a newly assigned member, a new
 * key when someone is unassigned, removed or reset, moving a case's older records in or out — is done by
 * `settle`, which any member holding the key runs (at unlock, and after each change here). It is resumable:
 * each step is a signed commit or a re-sealing that can stop anywhere and start again.
 */
export class Compartments {
  constructor(
    private readonly store: RecordStore,
    private readonly files: FileStore,
    private readonly vaultId: string,
    private readonly self: SelfKeys,
  ) {}

  list(): Compartment[] {
    return this.store.compartments();
  }

  ofCase(caseId: string): Compartment | undefined {
    return this.store.compartmentOfCase(caseId);
  }

  /**
   * The change to the case's compartment that saving this version of the case needs: a new compartment (with
   * a new key, held by the saving member) when it becomes restricted or strict, the level when it changes,
   * and `releasing` when it goes back to standard. `existed`: the case was saved before, so its older records
   * are to be gathered in.
   */
  async planFor(record: Case, existed: boolean): Promise<Change | null> {
    const current = this.store.compartmentOfCase(record.id);
    const now = new Date().toISOString();
    if (record.confidentiality === 'standard') {
      if (!current || current.releasing) return null;
      return { table: 'compartments', put: { ...current, releasing: true, updatedAt: now } };
    }
    const level = record.confidentiality;
    if (current) {
      if (current.level === level && !current.releasing && current.reference === record.reference) return null;
      // Made restricted again while going back to standard: what was already moved out comes back in.
      const gathering = current.gathering || current.releasing;
      return {
        table: 'compartments',
        put: { ...current, level, reference: record.reference, releasing: false, gathering, updatedAt: now },
      };
    }
    const id = randomId();
    const members = await this.store.all('members');
    const holders = holdersOf({ assigned: [this.self.id], level }, members);
    const raw = newCompartmentKey();
    const grants = await wrapToHolders(raw, holders, { vaultId: this.vaultId, compartmentId: id, generation: 1 });
    this.store.keyring.hold(markOf(id, 1), await aesGcmKey(raw));
    raw.fill(0);
    const c: Compartment = {
      id,
      createdAt: now,
      updatedAt: now,
      author: this.store.actorName,
      caseId: record.id,
      subjectId: record.subjectId,
      reference: record.reference,
      level,
      generation: 1,
      assigned: [this.self.id],
      grants,
      previous: null,
      releasing: false,
      gathering: existed,
      rotationDue: false,
    };
    return { table: 'compartments', put: c };
  }

  /** Sets who is assigned to a restricted case; keys are given, or made anew, at once. */
  async assign(caseId: string, assigned: string[], o: SettleOptions = {}): Promise<void> {
    const c = this.store.compartmentOfCase(caseId);
    if (!c) return;
    const next = [...new Set(assigned)];
    await this.store.commit([
      { table: 'compartments', put: { ...c, assigned: next, updatedAt: new Date().toISOString() } },
    ]);
    await this.settle(o);
  }

  /** Brings every compartment this member holds to where its record says it should be. */
  async settle(o: SettleOptions = {}): Promise<void> {
    // Another window, or the session before this one, may have changed them.
    await this.store.loadCompartments();
    for (const c of this.store.compartments()) {
      if (o.signal?.aborted) throw new Cancelled();
      if (!this.store.holds(c)) continue;
      try {
        await this.settleOne(c.id, o);
      } catch (e) {
        // A holder whose roles do not let them change compartments (a reviewer) leaves it to the next holder.
        if (!(e instanceof PermissionRefused)) throw e;
      }
    }
  }

  private current(id: string): Compartment | undefined {
    return this.store.compartments().find((c) => c.id === id);
  }

  private async settleOne(id: string, o: SettleOptions): Promise<void> {
    let c = this.current(id)!;
    if (c.previous) c = await this.finishRotation(c, o);
    if (c.releasing) {
      await this.moveAll(c, undefined, o);
      await this.files.resealCompartment(c.id, undefined, o.signal);
      await this.store.commit([{ table: 'compartments', delete: c.id }]);
      return;
    }
    if (c.gathering) c = await this.gather(c, o);
    const members = await this.store.all('members');
    const should = holdersOf(c, members);
    if (!should.some((m) => m.id === this.self.id)) {
      // Unassigned themselves: they give up their own grant; a remaining holder makes the new key.
      await this.store.commit([
        {
          table: 'compartments',
          put: {
            ...c,
            grants: c.grants.filter((g) => g.member !== this.self.id),
            rotationDue: true,
            updatedAt: new Date().toISOString(),
          },
        },
      ]);
      return;
    }
    const fits = (g: Compartment['grants'][number]): boolean =>
      should.some((m) => m.id === g.member && m.agreementKey === g.agreementKey);
    const stale = c.rotationDue || c.grants.some((g) => !fits(g));
    if (stale) {
      await this.rotate(c, should, o);
      return;
    }
    const missing = should.filter((m) => !c.grants.some((g) => g.member === m.id && g.agreementKey === m.agreementKey));
    if (!missing.length) return;
    const raw = await this.ownKey(c, c.generation);
    const added = await wrapToHolders(raw, missing, this.at(c, c.generation));
    raw.fill(0);
    await this.store.commit([
      { table: 'compartments', put: { ...c, grants: [...c.grants, ...added], updatedAt: new Date().toISOString() } },
    ]);
  }

  /**
   * A new key for the members who should hold it. The old key goes along, wrapped to the same members only,
   * until every row is sealed with the new one: a crash in between leaves every row readable to them.
   */
  private async rotate(c: Compartment, holders: Holder[], o: SettleOptions): Promise<void> {
    const generation = c.generation + 1;
    const old = await this.ownKey(c, c.generation);
    const previous = { generation: c.generation, grants: await wrapToHolders(old, holders, this.at(c, c.generation)) };
    old.fill(0);
    const raw = newCompartmentKey();
    const grants = await wrapToHolders(raw, holders, this.at(c, generation));
    this.store.keyring.hold(markOf(c.id, generation), await aesGcmKey(raw));
    raw.fill(0);
    const next: Compartment = {
      ...c,
      generation,
      grants,
      previous,
      rotationDue: false,
      updatedAt: new Date().toISOString(),
    };
    await this.store.commit([{ table: 'compartments', put: next }]);
    await this.finishRotation(next, o);
  }

  private async finishRotation(c: Compartment, o: SettleOptions): Promise<Compartment> {
    const mark = markOf(c.id, c.generation);
    // Rows and chunks written under the old key while this ran (an intake, another window) are found by reading
    // the indexes again; the old key is dropped only once nothing is left under it.
    let left = 0;
    for (let pass = 0; pass < 3; pass++) {
      await this.store.loadCompartments();
      await this.moveAll(c, mark, o);
      await this.files.resealCompartment(c.id, mark, o.signal);
      await this.store.loadCompartments();
      left = this.remaining(c.id, mark) + (await this.files.chunksNotUnder(c.id, mark));
      if (!left) break;
    }
    if (left) return this.current(c.id) ?? c;
    const done: Compartment = { ...c, previous: null, updatedAt: new Date().toISOString() };
    await this.store.commit([{ table: 'compartments', put: done }]);
    return this.current(c.id) ?? done;
  }

  /** A case made restricted after it was saved: its older records, and links touching them, move in. */
  private async gather(c: Compartment, o: SettleOptions): Promise<Compartment> {
    const mark = markOf(c.id, c.generation);
    const inside = new Set<string>([`cases/${c.caseId}`, `persons/${c.subjectId}`]);
    let total = 0;
    await this.store.reseal('cases', [c.caseId], mark, o.signal);
    await this.store.reseal('persons', [c.subjectId], mark, o.signal);
    for (const table of CONTENT_TABLES) {
      const ids = (await this.store.all(table)).filter((r) => r.caseId === c.caseId).map((r) => r.id);
      for (const id of ids) inside.add(`${table}/${id}`);
      total += (await this.store.reseal(table, ids, mark, o.signal)).resealed;
      o.onProgress?.({ reference: c.reference, done: total, total });
    }
    const links = (await this.store.all('links'))
      .filter((l) => inside.has(`${l.fromTable}/${l.fromId}`) || inside.has(`${l.toTable}/${l.toId}`))
      .map((l) => l.id);
    await this.store.reseal('links', links, mark, o.signal);
    const documents = [...inside].filter((w) => w.startsWith('documents/')).map((w) => ({ id: w.slice(10) }));
    await this.files.resealChunks(documents, mark, o.signal);
    const next: Compartment = { ...c, gathering: false, updatedAt: new Date().toISOString() };
    await this.store.commit([{ table: 'compartments', put: next }]);
    return this.current(c.id) ?? next;
  }

  /** Every row of the compartment sealed again with `to` (its current mark, or the data key). */
  private async moveAll(c: Compartment, to: string | undefined, o: SettleOptions): Promise<void> {
    const rows = this.store.rowsOf(c.id);
    const total = [...rows.values()].reduce((n, r) => n + r.length, 0);
    let done = 0;
    for (const [table, list] of rows) {
      const ids = list.filter((r) => r.k !== to).map((r) => r.id);
      await this.store.reseal(table as CompartmentTable, ids, to, o.signal);
      done += list.length;
      o.onProgress?.({ reference: c.reference, done, total });
    }
  }

  /** Rows of the compartment not yet under `mark`. */
  private remaining(compartmentId: string, mark: string): number {
    let n = 0;
    for (const list of this.store.rowsOf(compartmentId).values()) n += list.filter((r) => r.k !== mark).length;
    return n;
  }

  private async ownKey(c: Compartment, generation: number, grants = c.grants): Promise<Uint8Array> {
    const raw = await openOwnGrant(grants, this.self, this.at(c, generation));
    if (!raw) throw new PermissionRefused({ reason: 'not-assigned' });
    return raw;
  }

  private at(c: Compartment, generation: number): { vaultId: string; compartmentId: string; generation: number } {
    return { vaultId: this.vaultId, compartmentId: c.id, generation };
  }
}

export interface SettleOptions {
  onProgress?: (p: SettleProgress) => void;
  signal?: AbortSignal;
}
