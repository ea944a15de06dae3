import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../../../../renderer/src/i18n/en';
import { ar } from '../../../../renderer/src/i18n/ar';
import { buildSummary, type PrintModel } from '@shared/print/summary';
import { statusEvent } from '@shared/domain/case-status';
import type { DetentionEvent } from '@shared/domain/records';
import { auditFields, defaultOptions, effectiveSections } from '@shared/print/profiles';
import { sampleCaseFile, SECRET } from '../../../fixtures/print/case-file';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en }, ar: { translation: ar } },
  lng: 'en',
  interpolation: { escapeValue: false },
});

/** Everything that would be printed: the model without the preview-only "withheld" notes. */
const printed = (m: PrintModel): string =>
  JSON.stringify(
    m.sections
      .map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.kind !== 'withheld') }))
      .filter((s) => s.id !== 'withheld'),
  ) + m.title;
const now = new Date('2026-11-22T10:00:00Z');
const tr = (lang: 'en' | 'ar') => {
  const f = i18n.getFixedT(lang);
  return (key: string, vars?: Record<string, unknown>): string => String(f(key, vars as never));
};

describe('print profiles', () => {
  it('the family summary says what is known and never a witness, a contact, a safety note or internal notes', () => {
    for (const lang of ['en', 'ar'] as const) {
      const o = {
        ...defaultOptions('family', lang, 'Layla, +41 22 000 00 00'),
        actionsText: 'We have written to the ICRC.',
      };
      const m = buildSummary(sampleCaseFile(), o, tr(lang), now);
      const text = printed(m);
      for (const secret of Object.values(SECRET)) expect(text, `${lang}: ${secret}`).not.toContain(secret);
      expect(text).toContain(
        lang === 'ar' ? 'سمير خليل الأحمد (Samir Khalil Al-Ahmad)' : 'Samir Khalil Al-Ahmad (سمير خليل الأحمد)',
      );
      expect(text).toContain(lang === 'ar' ? 'فرع المطار' : 'Airport branch');
      expect(text).toContain('We have written to the ICRC.');
      // Proof of life: how many independent sources saw the person last, by kind, never who.
      const lastSeen = JSON.stringify(m.sections.find((s) => s.id === 'lastSeen'));
      expect(lastSeen).toContain(lang === 'ar' ? '1 (شهود: 0، وثائق: 1)' : '1 (witnesses: 0, documents: 1)');
      // The preview shows what was kept out.
      const withheld = m.sections.find((s) => s.id === 'withheld');
      expect(withheld?.blocks.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('a user cannot switch on what the family profile forbids', () => {
    const o = {
      ...defaultOptions('family', 'en'),
      sections: ['subject', 'contacts', 'safetyNotes', 'witnessIdentity', 'internalNotes'] as never,
    };
    expect([...effectiveSections(o)]).toEqual(['subject']);
    const text = printed(buildSummary(sampleCaseFile(), o, tr('en'), now));
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
  });

  it('the legal summary gives events with sources, witnesses by pseudonym and evidence with hashes', () => {
    const text = printed(buildSummary(sampleCaseFile(), defaultOptions('legal', 'en'), tr('en'), now));
    expect(text).toContain(SECRET.pseudonym);
    expect(text).toContain(SECRET.eventDescription);
    expect(text).toContain('a'.repeat(64));
    expect(text).toContain('testimony of W-7');
    expect(text).not.toContain(SECRET.witnessName);
    expect(text).not.toContain(SECRET.phone);
    expect(text).not.toContain(SECRET.safetyNote);
    expect(text).not.toContain(SECRET.internalNote);
  });

  it('the internal record has everything', () => {
    const text = printed(buildSummary(sampleCaseFile(), defaultOptions('internal', 'en'), tr('en'), now));
    for (const secret of Object.values(SECRET)) expect(text).toContain(secret);
  });

  it('describes each print for the audit log', () => {
    const fields = auditFields({ ...defaultOptions('family', 'ar'), sections: ['subject', 'timeline'] });
    expect(fields).toContain('profile:family');
    expect(fields).toContain('language:ar');
    expect(fields).toContain('timeline:on');
    expect(fields).toContain('arrest:off');
  });
});

describe('the photo', () => {
  it('is shown only when chosen, allowed, and an image of this case', () => {
    const file = sampleCaseFile();
    const image = {
      ...file.documents[0]!,
      id: '00000000-0000-4000-8000-000000000099',
      mediaType: 'image/jpeg',
      originalName: 'photo.jpg',
    };
    file.documents.push(image);
    const base = defaultOptions('family', 'en');
    expect(buildSummary(file, { ...base, photoDocumentId: image.id }, tr('en'), now).photoDocumentId).toBeNull();
    expect(
      buildSummary(file, { ...base, sections: [...base.sections, 'photo'], photoDocumentId: image.id }, tr('en'), now)
        .photoDocumentId,
    ).toBe(image.id);
    // A PDF is not a photo, and a document of another case is not offered.
    expect(
      buildSummary(
        file,
        { ...base, sections: [...base.sections, 'photo'], photoDocumentId: file.documents[0]!.id },
        tr('en'),
        now,
      ).photoDocumentId,
    ).toBeNull();
    expect(
      buildSummary(
        file,
        { ...base, sections: [...base.sections, 'photo'], photoDocumentId: '00000000-0000-4000-8000-000000000098' },
        tr('en'),
        now,
      ).photoDocumentId,
    ).toBeNull();
  });

  it('dates a status from what happened to the person, and the day the file recorded it only as such', () => {
    for (const lang of ['en', 'ar'] as const) {
      const m = buildSummary(sampleCaseFile(), defaultOptions('family', lang), tr(lang), now);
      const status = m.sections.find((x) => x.id === 'status')!;
      const rows = status.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []));
      const value = (label: string) => rows.find((r) => r.label === tr(lang)(label))?.value;
      expect(value('print.since')).toBe(lang === 'ar' ? 'الاعتقال في 5 آذار 2012' : 'the arrest on 5 March 2012');
      expect(value('print.statusRecorded')).toBe(lang === 'ar' ? '2 كانون الثاني 2026' : '2 January 2026');
      // Only the latest place is "last known"; the earlier stay ends "then unknown" and the silence is printed.
      const timeline = m.sections.find((x) => x.id === 'timeline')!;
      const table = timeline.blocks.find((b) => b.kind === 'table');
      expect(table?.kind === 'table' && table.rows.map((r) => r[3])).toEqual([
        tr(lang)('timeline.end.then-unknown'),
        tr(lang)('timeline.end.last-known'),
      ]);
      expect(
        timeline.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith(lang === 'ar' ? 'فجوة' : 'Gap:')),
      ).toBe(true);
    }
  });

  it('takes the event that fits the status: the latest arrest after a release, a death, a release, none when found', () => {
    let n = 0;
    const ev = (kind: DetentionEvent['kind'], year: number): DetentionEvent =>
      ({ id: `e${++n}`, kind, date: { precision: 'year', year } }) as DetentionEvent;
    const events = [ev('arrest', 2011), ev('release', 2012), ev('arrest', 2013), ev('sighting', 2014)];
    expect(statusEvent('detained', events)?.date).toEqual({ precision: 'year', year: 2013 });
    // The custody began with the arrest, not with a later detention elsewhere.
    expect(statusEvent('detained', [...events, ev('detention', 2015)])?.date).toEqual({
      precision: 'year',
      year: 2013,
    });
    // Released since the last arrest, yet marked detained: the events do not say since when.
    expect(statusEvent('detained', [ev('arrest', 2012), ev('release', 2013)])).toBeNull();
    // A disappearance before a release and a new arrest is not the current one.
    expect(statusEvent('disappeared', [ev('disappearance', 2011), ev('release', 2012), ev('arrest', 2014)])?.kind).toBe(
      'arrest',
    );
    expect(statusEvent('disappeared', [...events, ev('disappearance', 2015)])?.kind).toBe('disappearance');
    expect(statusEvent('released', events)?.date).toEqual({ precision: 'year', year: 2012 });
    expect(statusEvent('deceased', events)).toBeNull();
    expect(statusEvent('deceased', [...events, ev('death', 2016)])?.kind).toBe('death');
    expect(statusEvent('found', events)).toBeNull();
    expect(statusEvent('detained', [{ ...ev('arrest', 2020), date: null }])).toBeNull();
  });
});
