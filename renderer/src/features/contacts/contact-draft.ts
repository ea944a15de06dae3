import {
  formatPartialDateInput,
  parseOptionalPartialDate,
  type PartialDateParseError,
} from '@shared/domain/partial-date';
import type { FamilyContact } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** What the family-contact form edits; `id` is null for a new contact. */
export interface ContactDraft {
  id: string | null;
  name: string;
  relationship: string;
  phones: string[];
  messaging: string[];
  address: string;
  language: string;
  consentToContact: boolean;
  consentToShare: string[];
  safetyNotes: string;
  dnaGiven: boolean;
  dnaTo: string;
  dnaDateText: string;
}

/** One entry of a contact's log, as typed: the day as YYYY-MM-DD (a date input). */
export interface LogDraft {
  contactId: string;
  day: string;
  channel: string;
  by: string;
  notes: string;
  followUp: string;
}

export function contactDraftFrom(c: FamilyContact | null): ContactDraft {
  return {
    id: c?.id ?? null,
    name: c?.name ?? '',
    relationship: c?.relationship ?? '',
    phones: c?.phones ?? [],
    messaging: c?.messaging ?? [],
    address: c?.address ?? '',
    language: c?.language ?? '',
    consentToContact: c?.consentToContact ?? false,
    consentToShare: c?.consentToShare ?? [],
    safetyNotes: c?.safetyNotes ?? '',
    dnaGiven: c?.dnaSample?.given ?? false,
    dnaTo: c?.dnaSample?.to ?? '',
    dnaDateText: c?.dnaSample?.date ? formatPartialDateInput(c.dnaSample.date) : '',
  };
}

export const blankLogDraft = (contactId: string, by: string, today: string): LogDraft => ({
  contactId,
  day: today,
  channel: 'phone',
  by,
  notes: '',
  followUp: '',
});

export type ContactProblem = 'name-required' | `date-${Exclude<PartialDateParseError, 'empty'>}`;

const clean = (xs: readonly string[]): string[] => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** The one change a Save writes. The contact log and the linked person of a stored contact are kept as they are. */
export function contactChange(
  d: ContactDraft,
  ctx: { caseId: string; existing: FamilyContact | undefined; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: ContactProblem } {
  if (!d.name.trim()) return { ok: false, problem: 'name-required' };
  const dna = parseOptionalPartialDate(d.dnaDateText);
  if (!dna.ok) return { ok: false, problem: `date-${dna.error}` };
  const fields = {
    caseId: ctx.caseId,
    name: d.name.trim(),
    relationship: d.relationship.trim(),
    phones: clean(d.phones),
    messaging: clean(d.messaging),
    address: d.address,
    language: d.language,
    consentToContact: d.consentToContact,
    consentToShare: clean(d.consentToShare),
    safetyNotes: d.safetyNotes.trim(),
    dnaSample: d.dnaGiven ? { given: true, to: d.dnaTo.trim(), date: dna.value } : null,
  };
  const contact = ctx.existing
    ? revised(ctx.existing, fields, ctx.now)
    : newRecord('contacts', { id: d.id ?? ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'contacts', put: contact } };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string): boolean => DAY.test(s) && !Number.isNaN(new Date(`${s}T12:00:00Z`).getTime());

/** A log entry appended to the stored contact (entries are never rewritten); the day is kept at noon UTC. */
export function logEntryChange(
  d: LogDraft,
  contact: FamilyContact,
  now: Date,
): { ok: true; change: Change } | { ok: false; problem: 'date-invalid-date' } {
  if (!isDay(d.day) || (d.followUp && !isDay(d.followUp))) return { ok: false, problem: 'date-invalid-date' };
  const entry = {
    at: new Date(`${d.day}T12:00:00Z`).toISOString(),
    channel: d.channel,
    by: d.by.trim(),
    notes: d.notes.trim(),
    followUp: d.followUp || null,
  };
  return { ok: true, change: { table: 'contacts', put: revised(contact, { log: [...contact.log, entry] }, now) } };
}
