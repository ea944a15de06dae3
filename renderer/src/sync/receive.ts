import type { AeadKey } from '@shared/crypto/envelope';
import type { AuditEntry, Member, RecordTable } from '@shared/domain/records';
import { isPart, joinParts, openCommitDoc, SyncDocError, type SyncCommit, type SyncRow } from '@shared/sync/commit-doc';
import { verifyIncoming, type KnownMember, type TeamOrigin } from '@shared/sync/verify-incoming';
import type { ArrivingCommit, ArrivingRow, RecordStore } from '../db/record-store';
import type { HeldWhy, Quarantined } from '../db/remote-chains';
import { STALE_SUMMARIES_META_ID, type CaseRepository } from '../db/case-repository';
import { ed25519 } from '../db/member-keys';
import type { TeamKeyRing } from '../db/team-keys';

/**
 * Judges documents that came from the server and applies those that pass, in the order given (the changes
 * feed's: a member's record is on the server before anything they signed). Commits are judged one after the
 * other against the chains and members as the earlier ones of the same batch leave them, then applied together
 * in one transaction. A commit whose predecessor has not come waits (kept, and judged again with the next
 * batch); anything refused is quarantined with its reason and never applied.
 */
export interface Received {
  applied: number;
  waiting: number;
  quarantined: number;
}

interface Pending {
  id: string;
  doc: unknown;
}

interface Overlay {
  seq: number;
  hash: string;
  hashes: Map<number, string>;
  member?: string;
}

export async function receive(
  docs: readonly Pending[],
  o: { store: RecordStore; origin: TeamOrigin; cases?: CaseRepository },
): Promise<Received> {
  const { store } = o;
  const ring = await store.teamKeys();
  const chains = store.remote;
  const own = store.deviceId;
  const members = knownMembers(await store.all('members'));
  const heads = new Map<string, Overlay>();
  const accepted: ArrivingCommit[] = [];
  const written = new Map<string, unknown>();
  // The compartment each case has as this batch leaves it, looked up per compartment a commit writes.
  const compartmentsWritten = new Map<string, string>();
  const release: string[] = [];
  const hold: Array<Pending & { why: HeldWhy; device?: string; seq?: number; member?: string }> = [];
  const refused: Quarantined[] = [];
  const at = new Date().toISOString();
  // The founding copy's unsigned history, kept from earlier batches and added to in this one.
  const kept = members.size === 0 ? await chains.provisional(o.origin.device) : null;
  const provisional: Array<{ id: string; doc: unknown; commit: ArrivingCommit }> = [];
  // Parts of larger commits: those seen in this batch, and those held from earlier ones (read once, when needed).
  const partsHere: Part[] = [];
  let heldParts: Part[] | null = null;
  let promoted = false;
  if (kept) heads.set(o.origin.device, { seq: kept.seq, hash: kept.hash, hashes: new Map(kept.hashes) });
  // Every document of the page opened first, and what it would change read in one go: a read per row, each its
  // own round trip to the database, was most of a large arrival's time.
  const openedDocs = new Map<string, { commit: SyncCommit; team: AeadKey } | { error: unknown }>();
  for (const { id, doc } of docs)
    openedDocs.set(id, await openWithRing(ring, doc).catch((error: unknown) => ({ error })));
  const before = await store.storedRawMany(
    [...openedDocs.values()].flatMap((x) => ('commit' in x ? x.commit.rows.map((r) => `${r.table}/${r.id}`) : [])),
  );
  const previous = async (table: string, rid: string): Promise<unknown> => {
    const key = `${table}/${rid}`;
    if (written.has(key)) return written.get(key);
    if (before.has(key)) return before.get(key);
    return store.storedRaw(table as RecordTable, rid);
  };
  const context = {
    compartmentOfCase: async (caseId: string) =>
      compartmentsWritten.has(caseId) ? compartmentsWritten.get(caseId) : store.compartmentOfCase(caseId)?.id,
    knowsCompartment: async (id: string) =>
      written.has(`compartments/${id}`)
        ? written.get(`compartments/${id}`) !== undefined
        : store.compartments().some((c) => c.id === id),
  };

  for (const { id, doc } of docs) {
    if (await chains.isQuarantined(id)) continue;
    const got = openedDocs.get(id) ?? (await openWithRing(ring, doc).catch((error: unknown) => ({ error })));
    let commit: SyncCommit;
    let team: AeadKey;
    try {
      if ('error' in got) throw got.error;
      ({ commit, team } = got);
    } catch (e) {
      // A team key accepted in this batch is not in the ring until the batch is applied: what it opens waits.
      if (e instanceof SyncDocError && e.problem === 'unreadable' && bringsTeamKey(accepted)) {
        hold.push({ id, doc, why: 'earlier-commit' });
        continue;
      }
      refused.push({ id, reason: e instanceof SyncDocError ? e.problem : 'malformed', at });
      continue;
    }
    // This device's own commits, sent earlier.
    if (commit.device === own) {
      release.push(id);
      continue;
    }
    // A part of a larger commit waits for the others; the last to come brings them together, and the whole is
    // judged as one.
    let partIds: string[] = [];
    if (isPart(commit)) {
      // A part of a commit applied already (the page read again) has nothing to wait for.
      const head = (await chains.chain(commit.device, heads.get(commit.device))).head;
      if (head && head.seq >= commit.whole!.to) {
        release.push(id);
        continue;
      }
      heldParts ??= await partsHeld(chains, ring);
      const joined = gatherParts(id, commit, team, [...partsHere, ...heldParts]);
      if (!joined) {
        partsHere.push({ id, commit, team });
        hold.push({ id, doc, why: 'earlier-commit', device: commit.device, seq: commit.entries[0]!.seq });
        continue;
      }
      commit = joined.commit;
      partIds = joined.ids.filter((p) => p !== id);
    }
    const settleParts = (): void => {
      for (const p of partIds) {
        const i = hold.findIndex((h) => h.id === p);
        if (i >= 0) hold.splice(i, 1);
        release.push(p);
      }
    };
    const overlay = heads.get(commit.device);
    const chain = await chains.chain(commit.device, overlay);
    const opened = new Map<SyncRow, unknown>();
    const verdict = await verifyIncoming(
      commit,
      chain,
      members,
      ed25519,
      async (row) => {
        const r = await store.openArriving(row, team);
        if ('value' in r) opened.set(row, r.value);
        return r;
      },
      previous,
      o.origin,
      context,
    );
    if (verdict.kind === 'wait') {
      hold.push({
        id,
        doc,
        why: verdict.why,
        device: commit.device,
        seq: commit.entries[0]!.seq,
        ...(verdict.member ? { member: verdict.member } : {}),
      });
      continue;
    }
    if (verdict.kind === 'already-have') {
      settleParts();
      release.push(id);
      continue;
    }
    if (verdict.kind === 'quarantine') {
      settleParts();
      refused.push({
        id,
        reason: verdict.reason,
        at,
        device: commit.device,
        ...(verdict.seq !== undefined ? { seq: verdict.seq } : {}),
        ...(verdict.member ? { member: verdict.member } : {}),
      });
      continue;
    }
    const arriving = await storedAsHere(arrivingCommit(commit, opened), team, store);
    if (verdict.kind === 'provisional') provisional.push({ id, doc, commit: arriving });
    else {
      // The founder's first signed commit continues the unsigned history: it is applied with it, in order.
      if (commit.device === o.origin.device && (kept || provisional.length)) {
        if (kept) accepted.push(...(await reopen(await chains.provisionalDocs(kept.ids), ring, store)));
        accepted.push(...provisional.map((p) => p.commit));
        release.push(...provisional.map((p) => p.id));
        promoted = true;
      }
      accepted.push(arriving);
      settleParts();
      release.push(id);
    }
    // What later commits of this batch are judged against.
    const next: Overlay = overlay ?? { seq: -1, hash: '', hashes: new Map() };
    for (const e of commit.entries) next.hashes.set(e.seq, e.hash);
    const last = commit.entries.at(-1)!;
    const member = next.member ?? chain.member ?? (verdict.kind === 'accept' ? last.by : undefined);
    heads.set(commit.device, { ...next, seq: last.seq, hash: last.hash, ...(member ? { member } : {}) });
    if (verdict.kind === 'provisional') continue;
    for (const r of arriving.rows) {
      written.set(`${r.table}/${r.id}`, r.value);
      const caseId = r.table === 'compartments' ? (r.value as { caseId?: unknown } | undefined)?.caseId : undefined;
      if (typeof caseId === 'string') compartmentsWritten.set(caseId, r.id);
      if (r.table === 'members' && r.value) members.set(r.id, knownMember(r.value as Member));
    }
    for (const e of commit.entries) {
      if (e.action !== 'delete') continue;
      written.set(`${e.table}/${e.recordId}`, undefined);
      if (e.table === 'compartments')
        for (const [caseId, c] of compartmentsWritten) if (c === e.recordId) compartmentsWritten.delete(caseId);
    }
  }

  // What the store wrote, as it wrote it (a version kept aside as a conflict is not in it): the list's summaries
  // are made from these.
  const arrived = new Map<string, unknown>();
  if (accepted.length) {
    // Which list summaries to make again is written with what arrived, so a crash in between loses none.
    const stale = o.cases
      ? [...new Set([...(await o.cases.staleSummaries()), ...(await touchedCases(accepted, store))])]
      : [];
    const committed = await store.applyRemote(
      accepted,
      stale.length ? { meta: [{ id: STALE_SUMMARIES_META_ID, value: stale }] } : {},
    );
    for (const c of committed) if ('put' in c && c.put) arrived.set(`${c.table}/${c.put.id}`, c.put);
  }
  if (promoted) await chains.dropProvisional(o.origin.device, kept?.ids ?? []);
  else if (provisional.length) {
    const head = heads.get(o.origin.device)!;
    await chains.keepProvisional(
      o.origin.device,
      {
        seq: head.seq,
        hash: head.hash,
        hashes: [...head.hashes],
        ids: [...(kept?.ids ?? []), ...provisional.map((p) => p.id)],
      },
      provisional,
    );
  }
  for (const q of refused) await chains.quarantine(q);
  for (const h of hold)
    await chains.hold(h.id, h.doc, h.why, {
      ...(h.device ? { device: h.device } : {}),
      ...(h.seq !== undefined ? { seq: h.seq } : {}),
      ...(h.member ? { member: h.member } : {}),
      at,
    });
  await chains.release(release);
  if (bringsTeamKey(accepted)) await store.absorbTeamKeys();
  if (o.cases) await o.cases.refreshStale(arrived);
  return { applied: accepted.length, waiting: hold.length, quarantined: refused.length };
}

/** A judged commit as the record store applies it, each row with what it opened to and the entry that wrote it. */
function arrivingCommit(commit: SyncCommit, opened: ReadonlyMap<SyncRow, unknown>): ArrivingCommit {
  const lastWrite = new Map<string, AuditEntry>();
  for (const e of commit.entries)
    if (e.action === 'create' || e.action === 'update') lastWrite.set(`${e.table}/${e.recordId}`, e);
  const rows = commit.rows.map((r): ArrivingRow => {
    const e = lastWrite.get(`${r.table}/${r.id}`);
    return {
      table: r.table as RecordTable,
      id: r.id,
      ...(r.k ? { k: r.k } : {}),
      enc: r.enc,
      ...(opened.has(r) ? { value: opened.get(r) } : {}),
      ...(e ? { entry: e } : {}),
    };
  });
  return { device: commit.device, entries: commit.entries, rows };
}

/** The kept unsigned history, opened again (it was judged when it came). */
async function reopen(
  docs: ReadonlyArray<{ id: string; doc: unknown }>,
  ring: TeamKeyRing,
  store: RecordStore,
): Promise<ArrivingCommit[]> {
  const out: ArrivingCommit[] = [];
  for (const { doc } of docs) {
    const { commit, team } = await openWithRing(ring, doc);
    const opened = new Map<SyncRow, unknown>();
    for (const row of commit.rows) {
      const r = await store.openArriving(row, team);
      if ('value' in r) opened.set(row, r.value);
    }
    out.push(await storedAsHere(arrivingCommit(commit, opened), team, store));
  }
  return out;
}

/**
 * A document opened with the team key it was sealed under, the newest tried first (nearly everything new is
 * under it); the server is not told which.
 */
async function openWithRing(ring: TeamKeyRing, doc: unknown): Promise<{ commit: SyncCommit; team: AeadKey }> {
  let refusal: unknown = new SyncDocError('unreadable');
  for (let i = ring.keys.length - 1; i >= 0; i--) {
    const team = ring.keys[i]!.key;
    try {
      return { commit: await openCommitDoc(team, doc), team };
    } catch (e) {
      if (!(e instanceof SyncDocError) || e.problem !== 'unreadable') throw e;
      refusal = e;
    }
  }
  throw refusal;
}

/** Its rows sealed again under this laptop's own data key, as they are to be stored here. */
async function storedAsHere(c: ArrivingCommit, team: AeadKey, store: RecordStore): Promise<ArrivingCommit> {
  return { ...c, rows: await Promise.all(c.rows.map((r) => store.fromTeam(r, team))) };
}

function knownMember(m: Member): KnownMember {
  return {
    id: m.id,
    roles: m.roles,
    status: m.status,
    signingKey: m.signingKey,
    formerSigningKeys: m.formerSigningKeys,
  };
}

function knownMembers(list: readonly Member[]): Map<string, KnownMember> {
  return new Map(list.map((m) => [m.id, knownMember(m)]));
}

/** The cases whose list summary may have changed: those written, and those whose subject was. */
async function touchedCases(commits: readonly ArrivingCommit[], store: RecordStore): Promise<string[]> {
  const cases = new Set<string>();
  const covered = new Set<string>();
  const subjects = new Set<string>();
  for (const c of commits) {
    for (const e of c.entries)
      if (e.table === 'cases' && (e.action === 'create' || e.action === 'update' || e.action === 'delete'))
        cases.add(e.recordId);
    for (const r of c.rows) {
      const v = r.value as { subjectId?: unknown; role?: unknown } | undefined;
      if (r.table === 'cases' && typeof v?.subjectId === 'string') covered.add(v.subjectId);
      if (r.table === 'persons' && v?.role === 'subject') subjects.add(r.id);
    }
  }
  for (const id of covered) subjects.delete(id);
  // A subject changed without their case (the case form writes both): find their case.
  if (subjects.size) for (const c of await store.all('cases')) if (subjects.has(c.subjectId)) cases.add(c.id);
  return [...cases];
}

const bringsTeamKey = (commits: readonly ArrivingCommit[]): boolean =>
  commits.some((c) => c.rows.some((r) => r.table === 'teamKeys'));

interface Part {
  id: string;
  commit: SyncCommit;
  /** The team key it was sealed under: every part of one commit is, and its rows are opened with it. */
  team: AeadKey;
}

/** The parts held from earlier batches, opened. */
async function partsHeld(chains: RecordStore['remote'], ring: TeamKeyRing): Promise<Part[]> {
  const out: Part[] = [];
  for (const h of await chains.waiting()) {
    const opened = await openWithRing(ring, h.doc).catch(() => null);
    if (opened && isPart(opened.commit)) out.push({ id: h.id, commit: opened.commit, team: opened.team });
  }
  return out;
}

/** The whole commit, if with this part every part of it is here; with the ids of the documents it came in. */
function gatherParts(
  id: string,
  part: SyncCommit,
  team: AeadKey,
  known: readonly Part[],
): { commit: SyncCommit; ids: string[] } | null {
  const same = known.filter(
    (p) =>
      p.id !== id &&
      p.team === team &&
      p.commit.device === part.device &&
      p.commit.whole?.from === part.whole!.from &&
      p.commit.whole.to === part.whole!.to,
  );
  const joined = joinParts([...same.map((p) => p.commit), part]);
  return joined ? { commit: joined, ids: [...same.map((p) => p.id), id] } : null;
}
