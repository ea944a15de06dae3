import { newRecord } from '@shared/domain/new-record';
import type { DesignationMatch, DesignationRecord, SanctionsList } from '@shared/domain/records';
import { AUTHORITIES, type Authority } from '@shared/sanctions/designation';
import type { MatchProposal } from '@shared/sanctions/designation-match';
import type { Change } from '../../db/record-store';

/** Appends to a map's list in place (copying the list each time is quadratic in a large group). */
const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** One person (or entity) across every authority's list: the designations people decided are one. */
export interface ConsolidatedRow {
  key: string;
  personId: string | null;
  designations: DesignationRecord[];
  /** Per authority, its designation: listed, and de-listed if it was. */
  byAuthority: Partial<Record<Authority, DesignationRecord>>;
  designatedBy: Authority[];
  /** Authorities whose list is on file and does not (or no longer) designate this person. */
  notBy: Authority[];
  names: string[];
  birthDates: string[];
  documents: string[];
  addresses: string[];
  nationalities: string[];
}

/**
 * Groups designations by the decisions people made (this designation is that perpetrator; these two
 * designations are one person), so each row is one person, with every authority that designated them.
 */
export function consolidate(
  designations: readonly DesignationRecord[],
  matches: readonly DesignationMatch[],
  lists: readonly SanctionsList[],
  /** The perpetrators a decision may name; a decision naming anyone else (forged, stale, a victim) joins nothing. */
  perpetrators?: ReadonlySet<string>,
): ConsolidatedRow[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    // Path compression: every id on the way points at the root.
    for (let y = x; y !== r;) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const union = (a: string, b: string): void => {
    const x = find(a);
    const y = find(b);
    if (x !== y) parent.set(x < y ? y : x, x < y ? x : y);
  };
  const known = new Set(designations.map((d) => d.id));
  const personOf = new Map<string, string>();
  for (const m of currentDecisions(matches)) {
    if (m.decision !== 'same' || !known.has(m.designationId)) continue;
    if (m.personId && (!perpetrators || perpetrators.has(m.personId))) {
      union(m.designationId, `person:${m.personId}`);
      personOf.set(m.designationId, m.personId);
    }
    if (m.otherDesignationId && known.has(m.otherDesignationId)) union(m.designationId, m.otherDesignationId);
  }
  const groups = new Map<string, DesignationRecord[]>();
  for (const d of designations) {
    const root = find(d.id);
    push(groups, root, d);
  }
  const onFile = new Set(lists.map((l) => l.authority));
  const rows: ConsolidatedRow[] = [];
  for (const [key, ds] of groups) {
    const byAuthority: ConsolidatedRow['byAuthority'] = {};
    // Of two designations by one authority (a person listed twice), the current one stands for it.
    for (const d of ds) {
      const before = byAuthority[d.authority];
      if (!before || (before.delistedOn && !d.delistedOn)) byAuthority[d.authority] = d;
    }
    const designatedBy = AUTHORITIES.filter((a) => byAuthority[a] && !byAuthority[a]!.delistedOn);
    const uniq = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))];
    rows.push({
      key,
      personId: ds.map((d) => personOf.get(d.id)).find(Boolean) ?? (key.startsWith('person:') ? key.slice(7) : null),
      designations: ds,
      byAuthority,
      designatedBy,
      notBy: AUTHORITIES.filter((a) => onFile.has(a) && !designatedBy.includes(a)),
      names: uniq(ds.flatMap((d) => d.names.map((n) => n.full))),
      birthDates: uniq(ds.flatMap((d) => d.birthDates.map((b) => b.text))),
      documents: uniq(ds.flatMap((d) => d.documents.map((x) => [x.number, x.country].filter(Boolean).join(' ')))),
      addresses: uniq(ds.flatMap((d) => d.addresses)),
      nationalities: uniq(ds.flatMap((d) => d.nationalities)),
    });
  }
  return rows;
}

/** Designated by some authorities whose lists are on file and not by others: what an advocate asks the others to close. */
export const isGap = (r: ConsolidatedRow): boolean => r.designatedBy.length > 0 && r.notBy.length > 0;

/** A person's decision on a proposal, as the one record it writes. */
export function decisionChange(
  proposal: MatchProposal,
  target: 'person' | 'designation',
  decision: DesignationMatch['decision'],
  ctx: { actor: string; now: Date; newId: () => string },
): Change {
  return {
    table: 'designationMatches',
    put: newRecord(
      'designationMatches',
      {
        id: ctx.newId(),
        designationId: proposal.designationId,
        personId: target === 'person' ? proposal.otherId : null,
        otherDesignationId: target === 'designation' ? proposal.otherId : null,
        decision,
        score: proposal.score,
        fields: proposal.fields.slice(0, 20),
        note: '',
      },
      ctx.actor,
      ctx.now,
    ),
  };
}

/** Undoing a decision is a decision too: the same pair, the other way, kept in the history. */
export function reversedDecision(m: DesignationMatch, ctx: { actor: string; now: Date; newId: () => string }): Change {
  const { id: _id, createdAt: _c, updatedAt: _u, author: _a, ...kept } = m;
  // Later than what it undoes even on a laptop whose clock runs behind the one that decided.
  const at = new Date(Math.max(ctx.now.getTime(), Date.parse(m.createdAt) + 1));
  return {
    table: 'designationMatches',
    put: newRecord(
      'designationMatches',
      { ...kept, id: ctx.newId(), decision: m.decision === 'same' ? 'different' : 'same' },
      ctx.actor,
      at,
    ),
  };
}

/** The pairs already decided, either way, so they are not proposed again. */
export function decidedPairs(matches: readonly DesignationMatch[], key: (a: string, b: string) => string): Set<string> {
  return new Set(
    matches.flatMap((m) => [
      ...(m.personId ? [key(m.designationId, m.personId)] : []),
      ...(m.otherDesignationId ? [key(m.designationId, m.otherDesignationId)] : []),
    ]),
  );
}

/** Each pair's latest decision: a match undone later ("not him after all") no longer joins anything. */
export function currentDecisions(matches: readonly DesignationMatch[]): DesignationMatch[] {
  const latest = new Map<string, DesignationMatch>();
  for (const m of matches) {
    const key = `${m.designationId}|${m.personId ?? ''}|${m.otherDesignationId ?? ''}`;
    const before = latest.get(key);
    // By time (offsets allowed, so not as text), then by id, so every laptop settles a tie the same way.
    const later = (a: DesignationMatch, b: DesignationMatch): boolean =>
      Date.parse(a.createdAt) > Date.parse(b.createdAt) ||
      (Date.parse(a.createdAt) === Date.parse(b.createdAt) && a.id > b.id);
    if (!before || later(m, before)) latest.set(key, m);
  }
  return [...latest.values()];
}
