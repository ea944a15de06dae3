import { consentCovers } from '../domain/consent';
import type { CaseFile } from '../print/summary';

/**
 * What an evidence package for one recipient will hold, decided before
 * anything is written: each testimony's consent is checked against that
 * recipient (not covered: left out and listed, with the files attached only
 * to it); witnesses are pseudonymised unless the user says otherwise;
 * family contacts are left out unless asked for. The review screen shows
 * this plan; the writer follows it to the letter.
 */
export interface ExportOptions {
  /** The recipient record the package is for, whichever way it is encrypted: consent is checked against it. */
  recipientId: string;
  recipientName: string;
  /** Witnesses appear by pseudonym only (default). */
  pseudonymiseWitnesses: boolean;
  /** Family contacts are left out (default). */
  excludeContacts: boolean;
  /** Internal notes (the case summary) are left out (default). */
  excludeInternalNotes: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: Omit<ExportOptions, 'recipientName' | 'recipientId'> = {
  pseudonymiseWitnesses: true,
  excludeContacts: true,
  excludeInternalNotes: true,
};

export type ExclusionReason =
  | 'consent-not-covered'
  | 'consent-withdrawn'
  | 'only-supports-excluded-testimony'
  | 'contacts-excluded'
  | 'internal-notes-excluded';

export interface Exclusion {
  table: 'testimonies' | 'documents' | 'contacts' | 'cases';
  id: string;
  caseReference: string;
  label: string;
  reason: ExclusionReason;
}

export interface CasePlan {
  caseId: string;
  reference: string;
  testimonyIds: string[];
  documentIds: string[];
  contactIds: string[];
  includeInternalNotes: boolean;
}

export interface ExportPlan {
  cases: CasePlan[];
  excluded: Exclusion[];
  counts: { cases: number; persons: number; events: number; testimonies: number; documents: number; contacts: number };
  /** Bytes of original files that will go in. */
  fileBytes: number;
  pseudonymiseWitnesses: boolean;
}

export function planExport(files: CaseFile[], o: ExportOptions): ExportPlan {
  const recipient = { kind: 'mechanism' as const, id: o.recipientId, name: o.recipientName };
  const excluded: Exclusion[] = [];
  const cases: CasePlan[] = [];
  let persons = 0;
  let events = 0;
  let fileBytes = 0;
  for (const f of files) {
    const ref = f.record.reference;
    const keptTestimonies = f.testimonies.filter((x) => {
      if (consentCovers(x.consent, recipient)) return true;
      excluded.push({
        table: 'testimonies',
        id: x.id,
        caseReference: ref,
        label: f.persons.get(x.witnessId)?.pseudonym || x.id.slice(0, 8),
        reason: x.consent.withdrawnAt ? 'consent-withdrawn' : 'consent-not-covered',
      });
      return false;
    });
    // A file attached only to testimonies that stay out would carry them out another way: it stays out too.
    const excludedTestimonies = new Set(f.testimonies.filter((x) => !keptTestimonies.includes(x)).map((x) => x.id));
    const attachedToKept = new Set(keptTestimonies.flatMap((x) => x.attachmentIds));
    const attachedToExcluded = new Set(
      f.testimonies.filter((x) => excludedTestimonies.has(x.id)).flatMap((x) => x.attachmentIds),
    );
    const keptDocuments = f.documents.filter((d) => {
      if (attachedToExcluded.has(d.id) && !attachedToKept.has(d.id)) {
        excluded.push({
          table: 'documents',
          id: d.id,
          caseReference: ref,
          label: d.originalName,
          reason: 'only-supports-excluded-testimony',
        });
        return false;
      }
      return true;
    });
    if (o.excludeContacts)
      for (const c of f.contacts)
        excluded.push({
          table: 'contacts',
          id: c.id,
          caseReference: ref,
          label: c.relationship || c.id.slice(0, 8),
          reason: 'contacts-excluded',
        });
    const hasNotes =
      Array.isArray(f.record.summary.content) && JSON.stringify(f.record.summary.content).includes('"text"');
    if (o.excludeInternalNotes && hasNotes)
      excluded.push({
        table: 'cases',
        id: f.record.id,
        caseReference: ref,
        label: ref,
        reason: 'internal-notes-excluded',
      });
    cases.push({
      caseId: f.record.id,
      reference: ref,
      testimonyIds: keptTestimonies.map((x) => x.id),
      documentIds: keptDocuments.map((d) => d.id),
      contactIds: o.excludeContacts ? [] : f.contacts.map((c) => c.id),
      includeInternalNotes: !o.excludeInternalNotes,
    });
    persons += 1 + new Set(keptTestimonies.map((x) => x.witnessId)).size;
    events += f.events.length;
    fileBytes += keptDocuments.reduce((n, d) => n + d.size, 0);
  }
  return {
    cases,
    excluded,
    fileBytes,
    pseudonymiseWitnesses: o.pseudonymiseWitnesses,
    counts: {
      cases: cases.length,
      persons,
      events,
      testimonies: cases.reduce((n, c) => n + c.testimonyIds.length, 0),
      documents: cases.reduce((n, c) => n + c.documentIds.length, 0),
      contacts: cases.reduce((n, c) => n + c.contactIds.length, 0),
    },
  };
}

/** The most cases one package takes (the case list's batch export). */
export const MAX_EXPORT = 500;
