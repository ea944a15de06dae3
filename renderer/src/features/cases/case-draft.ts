import { formatPartialDateInput, parsePartialDate, type PartialDate } from '@shared/domain/partial-date';
import { EMPTY_DOC, type Case, type CaseStatus, type Person } from '@shared/domain/records';
import { personFields } from '@shared/domain/new-record';
import type { NewCaseInput, PersonInput } from '../../db/case-repository';

/** What the case form edits: the case and its subject, with dates as typed text. */
export interface CaseDraft {
  record: Omit<Case, 'id' | 'reference' | 'subjectId' | 'createdAt' | 'updatedAt' | 'author'>;
  subject: Omit<PersonInput, 'birthDate'>;
  birthDateText: string;
  initialReason: string;
}

/** `assignee`: the member's id the new case is assigned to (the one opening it). */
export function emptyDraft(
  author: string,
  initialReason: string,
  now = new Date().toISOString(),
  assignee = '',
): CaseDraft {
  return {
    record: {
      kind: 'enforced-disappearance',
      status: 'disappeared',
      priority: 'normal',
      assignee,
      // Standard: every member reads it. Restricted and strict seal a case with its own key (docs/team.md).
      confidentiality: 'standard',
      tags: [],
      summary: EMPTY_DOC,
      statusHistory: [{ status: 'disappeared', at: now, by: author, reason: initialReason }],
    },
    subject: (({ birthDate: _b, ...rest }) => rest)(personFields({})),
    birthDateText: '',
    initialReason,
  };
}

export function draftFrom(record: Case, subject: Person): CaseDraft {
  const { id: _i, reference: _r, subjectId: _s, createdAt: _c, updatedAt: _u, author: _a, ...rest } = record;
  const { id: _pi, createdAt: _pc, updatedAt: _pu, author: _pa, role: _role, birthDate, ...person } = subject;
  return {
    record: rest,
    subject: person,
    birthDateText: birthDate ? formatPartialDateInput(birthDate) : '',
    initialReason: '',
  };
}

/** For a new case, the initial status entry follows the chosen status and reason. */
export function withInitialStatus(d: CaseDraft, status: CaseStatus, reason: string, by: string, at: string): CaseDraft {
  return { ...d, initialReason: reason, record: { ...d.record, status, statusHistory: [{ status, at, by, reason }] } };
}

export type DraftProblem =
  'name-required' | 'date-unrecognised' | 'date-invalid-date' | 'date-range-reversed' | 'reason-required';

export function validateDraft(
  d: CaseDraft,
  isNew: boolean,
): { ok: true; record: NewCaseInput; subject: PersonInput } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  if (!d.subject.nameAr.trim() && !d.subject.nameLatin.trim()) problems.push('name-required');
  let birthDate: PartialDate | null = null;
  if (d.birthDateText.trim()) {
    const p = parsePartialDate(d.birthDateText);
    if (p.ok) birthDate = p.value;
    else if (p.error !== 'empty') problems.push(`date-${p.error}`);
  }
  if (isNew && !d.record.statusHistory[0]?.reason.trim()) problems.push('reason-required');
  if (problems.length) return { ok: false, problems };
  const trim = (s: string): string => s.trim();
  return {
    ok: true,
    record: {
      ...d.record,
      assignee: trim(d.record.assignee),
      tags: [...new Set(d.record.tags.map(trim).filter(Boolean))],
    },
    subject: {
      ...d.subject,
      nameAr: trim(d.subject.nameAr),
      nameLatin: trim(d.subject.nameLatin),
      aliases: [...new Set(d.subject.aliases.map(trim).filter(Boolean))],
      ids: d.subject.ids.filter((i) => i.value.trim() || i.kind.trim()),
      birthDate,
    },
  };
}
