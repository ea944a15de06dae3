import type { FamilyContact } from './records';

export interface FollowUp {
  contactId: string;
  caseId: string;
  due: string;
  overdue: boolean;
  lastContactAt: string;
  lastNotes: string;
}

/**
 * What is due: for each contact, the follow-up date of its latest log entry.
 * A newer entry supersedes an older one's follow-up (the call was made), so
 * one contact never shows twice. Dates are ISO days (YYYY-MM-DD).
 */
export function followUpsDue(contacts: readonly FamilyContact[], today: string, horizonDays = 14): FollowUp[] {
  const horizon = addDays(today, horizonDays);
  const out: FollowUp[] = [];
  for (const c of contacts) {
    const latest = [...c.log].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
    if (!latest?.followUp || latest.followUp > horizon) continue;
    out.push({
      contactId: c.id,
      caseId: c.caseId,
      due: latest.followUp,
      overdue: latest.followUp < today,
      lastContactAt: latest.at,
      lastNotes: latest.notes,
    });
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
