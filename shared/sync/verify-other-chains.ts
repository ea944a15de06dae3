import { verifyAuditChain, type ChainBreak } from '../crypto/audit-chain';
import { verifySignatures, type EntryStanding, type SignatureCheck } from '../crypto/signatures';
import type { AuditEntry, MemberGrant } from '../domain/records';

/**
 * *Verify audit log* on a laptop of a team: the entries other laptops' chains brought, checked again as if they
 * had just arrived, so that what was judged once on arrival is not simply believed later. Each device's chain
 * must run from its first entry, every entry linked to the one before and its hash recomputed, and every commit
 * signed by a member whose key and roles allowed it, with the team's members as they stood here when the commit
 * was applied (made by this laptop's own chain, or arrived through another's before it).
 */
export interface ArrivedEntry {
  device: string;
  entry: AuditEntry;
  /** This laptop's own chain's newest entry when it was applied. */
  after: number;
  /** Its place among everything applied from other devices. */
  order: number;
  /** Its version was kept aside (it lost to the one held here): its member record did not count. */
  aside?: true;
}

export type OtherChainProblem =
  | { device: string; seq: number; kind: 'chain'; reason: ChainBreak }
  | { device: string; seq: number; kind: 'signature'; standing: EntryStanding['kind']; member?: string };

export interface OtherChainsVerdict {
  devices: number;
  entries: number;
  /** Entries whose commit's signature was checked against a member allowed to make it. */
  verified: number;
  /** The founding laptop's history from before the team had members: unsigned, as it was written. */
  beforeMembers: number;
  problems: OtherChainProblem[];
}

export async function verifyOtherChains(
  own: ReadonlyArray<AuditEntry | null>,
  applied: readonly ArrivedEntry[],
  check: SignatureCheck,
  /** The chain that founded the team (its id is the team's vault id): only its history may be unsigned. */
  founderDevice: string | undefined,
): Promise<OtherChainsVerdict> {
  const byDevice = new Map<string, ArrivedEntry[]>();
  for (const a of applied) {
    const list = byDevice.get(a.device) ?? [];
    list.push(a);
    byDevice.set(a.device, list);
  }
  const verdict: OtherChainsVerdict = {
    devices: byDevice.size,
    entries: applied.length,
    verified: 0,
    beforeMembers: 0,
    problems: [],
  };
  for (const [device, list] of byDevice) {
    list.sort((x, y) => x.entry.seq - y.entry.seq);
    const entries = list.map((a) => a.entry);
    const chain = verifyAuditChain(entries);
    if (!chain.ok)
      verdict.problems.push({
        device,
        seq: entries[chain.brokenAt]?.seq ?? chain.brokenAt,
        kind: 'chain',
        reason: chain.reason,
      });
    const signatures = await verifySignatures(entries, check, {
      hashesCheckedUpTo: chain.ok ? entries.length : chain.brokenAt,
      arrived: membersBefore(list, device, own, applied),
    });
    signatures.standings.forEach((s, p) => {
      if (s.kind === 'verified') verdict.verified++;
      else if (s.kind === 'before-members' && device === founderDevice) verdict.beforeMembers++;
      else
        verdict.problems.push({
          device,
          seq: entries[p]!.seq,
          kind: 'signature',
          standing: s.kind,
          ...('member' in s && s.member ? { member: s.member } : {}),
        });
    });
  }
  verdict.problems.sort((x, y) => (x.device === y.device ? x.seq - y.seq : x.device < y.device ? -1 : 1));
  return verdict;
}

/**
 * The member records made outside `device`'s chain, each placed before the first of its entries applied after
 * it. Everything that happened here is laid in one order first: this laptop's own entries, with each arrival
 * after the own entry it followed.
 */
function membersBefore(
  list: readonly ArrivedEntry[],
  device: string,
  own: ReadonlyArray<AuditEntry | null>,
  applied: readonly ArrivedEntry[],
): Array<{ after: number; id: string; grant: MemberGrant }> {
  const arrivals = [...applied].sort((x, y) => x.order - y.order);
  const events: Array<{ device: string | null; entry: AuditEntry; aside?: true }> = [];
  let k = 0;
  for (const e of own) {
    if (!e) continue;
    while (k < arrivals.length && arrivals[k]!.after < e.seq) events.push(arrivals[k++]!);
    events.push({ device: null, entry: e });
  }
  for (; k < arrivals.length; k++) events.push(arrivals[k]!);
  const out: Array<{ after: number; id: string; grant: MemberGrant }> = [];
  // `list` is in chain order; walking all events once, each member record made elsewhere goes before the next
  // entry of this chain.
  let pending: Array<{ id: string; grant: MemberGrant }> = [];
  const seqs = new Set(list.map((a) => a.entry.seq));
  for (const ev of events) {
    if (ev.device === device && seqs.has(ev.entry.seq)) {
      for (const m of pending) out.push({ after: ev.entry.seq - 1, ...m });
      pending = [];
    } else if (ev.device !== device && !ev.aside && ev.entry.table === 'members' && ev.entry.member)
      pending.push({ id: ev.entry.recordId, grant: ev.entry.member });
  }
  for (const m of pending) out.push({ after: Number.MAX_SAFE_INTEGER, ...m });
  return out;
}
