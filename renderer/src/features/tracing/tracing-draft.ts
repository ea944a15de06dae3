import { formatPartialDateInput, parseOptionalPartialDate, toLatinDigits } from '@shared/domain/partial-date';
import type { MatchDecision, TracingRequest } from '@shared/domain/records';

/** The tracing-request form as typed: dates and years are text until saved. */
export interface TracingDraft {
  nameAr: string;
  nameLatin: string;
  aliases: string[];
  fatherName: string;
  motherName: string;
  sex: TracingRequest['sex'];
  birthYear: string;
  placeId: string | null;
  lastSeenDate: string;
  lastSeenPlaceId: string | null;
  nationalId: string;
  requesterName: string;
  requesterRelationship: string;
  requesterContact: string;
  notes: string;
}

export const emptyTracingDraft = (): TracingDraft => ({
  nameAr: '',
  nameLatin: '',
  aliases: [],
  fatherName: '',
  motherName: '',
  sex: 'unknown',
  birthYear: '',
  placeId: null,
  lastSeenDate: '',
  lastSeenPlaceId: null,
  nationalId: '',
  requesterName: '',
  requesterRelationship: '',
  requesterContact: '',
  notes: '',
});

export function tracingDraftFrom(r: TracingRequest): TracingDraft {
  return {
    nameAr: r.nameAr,
    nameLatin: r.nameLatin,
    aliases: r.aliases,
    fatherName: r.fatherName,
    motherName: r.motherName,
    sex: r.sex,
    birthYear: r.birthYear ? String(r.birthYear) : '',
    placeId: r.placeId,
    lastSeenDate: r.lastSeenDate ? formatPartialDateInput(r.lastSeenDate) : '',
    lastSeenPlaceId: r.lastSeenPlaceId,
    nationalId: r.nationalIds[0] ?? '',
    requesterName: r.requester.name,
    requesterRelationship: r.requester.relationship,
    requesterContact: r.requester.contact,
    notes: r.notes,
  };
}

export type TracingProblem = 'name-required' | 'requester-required' | 'birth-year-invalid' | `date-${string}`;

/** The request's fields from the draft, or what is wrong with it. */
export function validateTracingDraft(d: TracingDraft):
  | {
      ok: true;
      value: Omit<TracingRequest, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'receivedAt' | 'status' | 'decisions'>;
    }
  | { ok: false; problems: TracingProblem[] } {
  const problems: TracingProblem[] = [];
  if (!d.nameAr.trim() && !d.nameLatin.trim()) problems.push('name-required');
  if (!d.requesterName.trim()) problems.push('requester-required');
  const yearText = toLatinDigits(d.birthYear.trim());
  const birthYear = yearText ? Number(yearText) : null;
  if (birthYear !== null && (!Number.isInteger(birthYear) || birthYear < 1880 || birthYear > 2100))
    problems.push('birth-year-invalid');
  const seen = parseOptionalPartialDate(d.lastSeenDate);
  if (!seen.ok) problems.push(`date-${seen.error}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      nameAr: d.nameAr.trim(),
      nameLatin: d.nameLatin.trim(),
      aliases: d.aliases,
      fatherName: d.fatherName.trim(),
      motherName: d.motherName.trim(),
      sex: d.sex,
      birthYear,
      placeId: d.placeId,
      lastSeenDate: seen.ok ? seen.value : null,
      lastSeenPlaceId: d.lastSeenPlaceId,
      nationalIds: d.nationalId.trim() ? [d.nationalId.trim()] : [],
      requester: {
        name: d.requesterName.trim(),
        relationship: d.requesterRelationship.trim(),
        contact: d.requesterContact.trim(),
      },
      notes: d.notes.trim(),
    },
  };
}

/** The standing decision on each person: the latest one recorded (earlier ones stay in the request's history). */
export function currentDecisions(
  r: TracingRequest,
): Map<string, { decision: MatchDecision; by: string; at: string; note: string }> {
  const out = new Map<string, { decision: MatchDecision; by: string; at: string; note: string }>();
  for (const d of r.decisions) out.set(d.personId, d);
  return out;
}
