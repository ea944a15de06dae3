import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_OPTIONS, planExport } from '@shared/package/export-plan';
import { sampleCaseFile } from '../../../fixtures/print/case-file';

// A recipient on record that no testimony's consent names by id: only the names typed before recipients were records decide.
const RECIPIENT_ID = '7d3f0c2a-9b1e-4f6a-8c5d-2e4b6a8c0d1f';

describe('export plan', () => {
  it('keeps a testimony whose consent names the recipient, with its files; contacts and notes stay out by default', () => {
    const file = sampleCaseFile();
    const plan = planExport([file], { recipientId: RECIPIENT_ID, recipientName: 'IIIM', ...DEFAULT_EXPORT_OPTIONS });
    expect(plan.cases[0]!.testimonyIds).toEqual([file.testimonies[0]!.id]);
    expect(plan.cases[0]!.documentIds).toEqual([file.documents[0]!.id]);
    expect(plan.cases[0]!.contactIds).toEqual([]);
    expect(plan.excluded.map((e) => e.reason).sort()).toEqual(['contacts-excluded', 'internal-notes-excluded']);
    expect(plan.counts).toMatchObject({ cases: 1, testimonies: 1, documents: 1, contacts: 0 });
    expect(plan.fileBytes).toBe(204800);
    expect(plan.pseudonymiseWitnesses).toBe(true);
  });

  it('leaves out a testimony the consent does not cover, and the file attached only to it, and says why', () => {
    const file = sampleCaseFile();
    file.testimonies[0]!.attachmentIds = [file.documents[0]!.id];
    const plan = planExport([file], {
      recipientId: RECIPIENT_ID,
      recipientName: 'Commission of Inquiry',
      ...DEFAULT_EXPORT_OPTIONS,
      excludeContacts: false,
      excludeInternalNotes: false,
    });
    expect(plan.cases[0]!.testimonyIds).toEqual([]);
    expect(plan.cases[0]!.documentIds).toEqual([]);
    expect(plan.cases[0]!.contactIds).toEqual([file.contacts[0]!.id]);
    expect(plan.excluded).toEqual([
      {
        table: 'testimonies',
        id: file.testimonies[0]!.id,
        caseReference: 'ATH-2026-00042',
        label: 'W-7',
        reason: 'consent-not-covered',
      },
      {
        table: 'documents',
        id: file.documents[0]!.id,
        caseReference: 'ATH-2026-00042',
        label: 'release-list-2013.pdf',
        reason: 'only-supports-excluded-testimony',
      },
    ]);
  });

  it('a withdrawn consent excludes the testimony for every recipient', () => {
    const file = sampleCaseFile();
    file.testimonies[0]!.consent = {
      ...file.testimonies[0]!.consent,
      scope: 'public-anonymised',
      withdrawnAt: '2026-05-01',
    };
    const plan = planExport([file], { recipientId: RECIPIENT_ID, recipientName: 'IIIM', ...DEFAULT_EXPORT_OPTIONS });
    expect(plan.excluded.find((e) => e.table === 'testimonies')?.reason).toBe('consent-withdrawn');
  });
});
