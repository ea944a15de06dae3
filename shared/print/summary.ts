import { comparePartialDates, formatPartialDate, type PartialDate } from '../domain/partial-date';
import { deriveTimeline } from '../domain/timeline';
import { proofOfLife, sourceInfo } from '../domain/proof-of-life';
import { statusEvent } from '../domain/case-status';
import { plainText } from '../domain/plain-text';
import type {
  Case,
  DetentionEvent,
  EvidenceDocument,
  FamilyContact,
  Link,
  Person,
  Place,
  Testimony,
} from '../domain/records';
import { effectiveSections, type PrintOptions, type PrintSection } from './profiles';

/**
 * A printed case summary as a document model: sections of fields, lists,
 * tables and paragraphs in the print's language, plus "withheld" notes that
 * the on-screen preview shows (so the user sees what the profile kept out)
 * and the printed page leaves out. Pure: the same file and options always
 * give the same document, which is what the redaction tests read.
 */
export interface CaseFile {
  record: Case;
  subject: Person;
  events: DetentionEvent[];
  places: ReadonlyMap<string, Place>;
  testimonies: Testimony[];
  persons: ReadonlyMap<string, Person>;
  contacts: FamilyContact[];
  documents: EvidenceDocument[];
  /** The `concerns` links tying the incidents among `events` to this case (incidents.ts), when they were read. */
  ties?: Link[];
}

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export type Block =
  | { kind: 'fields'; rows: Array<{ label: string; value: string }> }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'paragraph'; text: string }
  /** What the profile kept out: visible in the preview, never printed. */
  | { kind: 'withheld'; text: string };

export interface PrintSectionModel {
  id: PrintSection | 'withheld';
  heading: string;
  blocks: Block[];
}

export interface PrintModel {
  language: 'en' | 'ar';
  dir: 'ltr' | 'rtl';
  title: string;
  reference: string;
  profileLabel: string;
  sections: PrintSectionModel[];
  /** The evidence image shown as the person's photo, if one was chosen and the profile allows it. */
  photoDocumentId: string | null;
  footer: { reference: string; printedAt: string; confidential: boolean };
}

/** The print language's script first, the other in brackets. */
export function nameIn(lang: 'en' | 'ar', ar: string, latin: string): string {
  const [first, second] = lang === 'ar' ? [ar, latin] : [latin, ar];
  if (first && second) return `${first} (${second})`;
  return first || second;
}

export function buildSummary(file: CaseFile, o: PrintOptions, t: Translate, now: Date): PrintModel {
  const lang = o.language;
  const on = effectiveSections(o);
  const date = (d: PartialDate | null): string => (d ? formatPartialDate(d, lang) : t('print.unknownDate'));
  const place = (id: string | null): string => {
    const p = id ? file.places.get(id) : undefined;
    return p ? nameIn(lang, p.nameAr, p.nameEn) : t('print.unknownPlace');
  };
  const isoDay = (iso: string): string =>
    formatPartialDate(
      {
        precision: 'day',
        year: Number(iso.slice(0, 4)),
        month: Number(iso.slice(5, 7)),
        day: Number(iso.slice(8, 10)),
      },
      lang,
    );
  const { record, subject } = file;
  const sections: PrintSectionModel[] = [];
  const withheld: string[] = [];
  const sortedEvents = [...file.events].sort((a, b) => {
    if (!a.date) return 1;
    if (!b.date) return -1;
    return comparePartialDates(a.date, b.date);
  });

  if (on.has('subject')) {
    const rows = [
      { label: t('print.name'), value: nameIn(lang, subject.nameAr, subject.nameLatin) },
      ...(subject.aliases.length ? [{ label: t('print.aliases'), value: subject.aliases.join('، ') }] : []),
      ...(subject.fatherName ? [{ label: t('print.father'), value: subject.fatherName }] : []),
      ...(subject.motherName ? [{ label: t('print.mother'), value: subject.motherName }] : []),
      { label: t('print.sex'), value: t(`sex.${subject.sex}`) },
      {
        label: t('print.born'),
        value: subject.birthDate
          ? `${date(subject.birthDate)}${subject.birthPlaceId ? `, ${place(subject.birthPlaceId)}` : ''}`
          : t('print.unknownDate'),
      },
    ];
    if (o.profile !== 'family' && subject.ids.length)
      rows.push({ label: t('print.ids'), value: subject.ids.map((x) => `${x.kind} ${x.value}`).join('; ') });
    sections.push({ id: 'subject', heading: t('print.sections.subject'), blocks: [{ kind: 'fields', rows }] });
  }

  if (on.has('status')) {
    const last = record.statusHistory.at(-1);
    const rows = [
      { label: t('print.status'), value: t(`caseStatus.${record.status}`) },
      { label: t('print.kind'), value: t(`caseKind.${record.kind}`) },
    ];
    const since = statusEvent(record.status, file.events);
    if (since?.date)
      rows.push({
        label: t('print.since'),
        value: t('print.sinceEvent', { event: t(`print.sinceKind.${since.kind}`), date: date(since.date) }),
      });
    // The day the organisation recorded the status, said as such: it is not when anything happened to the person.
    if (last) rows.push({ label: t('print.statusRecorded'), value: isoDay(last.at) });
    const blocks: Block[] = [{ kind: 'fields', rows }];
    if (o.profile !== 'family')
      blocks.push({
        kind: 'table',
        head: [t('print.date'), t('print.status'), t('print.reason')],
        rows: record.statusHistory.map((h) => [isoDay(h.at), t(`caseStatus.${h.status}`), h.reason]),
      });
    sections.push({ id: 'status', heading: t('print.sections.status'), blocks });
  }

  const timeline = deriveTimeline(file.events);
  if (on.has('lastSeen')) {
    // The sources are counted and named by kind only: a family summary never says who the witnesses are.
    const proof = proofOfLife(
      file.events,
      sourceInfo(
        new Map(file.testimonies.map((x) => [x.id, x])),
        new Map(file.documents.map((x) => [x.id, x])),
        file.persons,
      ),
    );
    const seen = proof.last;
    sections.push({
      id: 'lastSeen',
      heading: t('print.sections.lastSeen'),
      blocks: seen
        ? [
            {
              kind: 'fields',
              rows: [
                { label: t('print.when'), value: date(seen.date) },
                { label: t('print.where'), value: place(seen.placeId) },
                { label: t('print.how'), value: t(`eventKind.${seen.kind}`) },
                {
                  label: t('print.proof.sources'),
                  value: t('print.proof.count', {
                    // Only sources this member could read and tell apart: an unreadable one might be a witness
                    // already counted.
                    count: seen.byKind.testimony + seen.byKind.document,
                    testimony: seen.byKind.testimony,
                    document: seen.byKind.document,
                  }),
                },
              ],
            },
            ...proof.contradictions.map((c): Block => ({
              kind: 'paragraph',
              text: t(`proofOfLife.contradiction.${c.kind}`, { date: date(c.date) }),
            })),
          ]
        : [{ kind: 'paragraph', text: t('print.nothingKnown') }],
    });
  }

  if (on.has('arrest')) {
    const arrests = sortedEvents.filter((e) => e.kind === 'arrest');
    sections.push({
      id: 'arrest',
      heading: t('print.sections.arrest'),
      blocks: arrests.length
        ? [{ kind: 'list', items: arrests.map((e) => `${date(e.date)} — ${place(e.placeId)}`) }]
        : [{ kind: 'paragraph', text: t('print.nothingKnown') }],
    });
    if (!on.has('eventDetails') && arrests.some((e) => e.description.trim()))
      withheld.push(t('print.withheld.eventDetails'));
  }

  if (on.has('timeline')) {
    sections.push({
      id: 'timeline',
      heading: t('print.sections.timeline'),
      blocks: timeline.periods.length
        ? [
            {
              kind: 'table',
              head: [t('print.where'), t('print.from'), t('print.to'), t('print.then')],
              rows: timeline.periods.map((p) => [
                place(p.placeId),
                date(p.from),
                p.to ? date(p.to) : '—',
                t(`timeline.end.${p.end}`),
              ]),
            },
            // Where the record is silent, the print says so, as the case page does.
            ...timeline.gaps.map((g): Block => ({
              kind: 'paragraph',
              text: t('timeline.gap', { from: date(g.from), to: date(g.to) }),
            })),
          ]
        : [{ kind: 'paragraph', text: t('print.nothingKnown') }],
    });
  }

  if (on.has('events')) {
    const docName = new Map(file.documents.map((d) => [d.id, d]));
    const testimony = new Map(file.testimonies.map((x) => [x.id, x]));
    const sourceLabel = (id: string): string => {
      const d = docName.get(id);
      if (d) return t('print.sourceDocument', { name: d.originalName, hash: d.sha256.slice(0, 16) });
      const x = testimony.get(id);
      if (x)
        return t('print.sourceTestimony', { witness: witnessLabel(x.witnessId), date: x.date ? date(x.date) : '' });
      return t('print.sourceOther');
    };
    const rows = sortedEvents.map((e) => [
      date(e.date),
      t(`eventKind.${e.kind}`),
      place(e.placeId),
      on.has('eventDetails') ? e.description : '',
      on.has('eventSources')
        ? e.sources.map((s) => `${sourceLabel(s.recordId)}${s.reliability ? ` (${s.reliability})` : ''}`).join('; ')
        : '',
    ]);
    sections.push({
      id: 'events',
      heading: t('print.sections.events'),
      blocks: rows.length
        ? [
            {
              kind: 'table',
              head: [t('print.date'), t('print.event'), t('print.where'), t('print.details'), t('print.sources')],
              rows,
            },
          ]
        : [{ kind: 'paragraph', text: t('print.nothingKnown') }],
    });
  }

  function witnessLabel(personId: string): string {
    const w = file.persons.get(personId);
    if (!w) return t('print.unknownWitness');
    if (on.has('witnessIdentity'))
      return `${nameIn(lang, w.nameAr, w.nameLatin)}${w.pseudonym ? ` — ${w.pseudonym}` : ''}`;
    return w.pseudonym || t('print.unnamedWitness');
  }

  if (on.has('witnesses')) {
    sections.push({
      id: 'witnesses',
      heading: t('print.sections.witnesses'),
      blocks: file.testimonies.length
        ? [
            {
              kind: 'table',
              head: [t('print.witness'), t('print.date'), t('print.where'), t('print.consent')],
              rows: file.testimonies.map((x) => [
                witnessLabel(x.witnessId),
                x.date ? date(x.date) : '—',
                place(x.placeId),
                x.consent.withdrawnAt ? t('print.consentWithdrawn') : t(`print.consentScope.${x.consent.scope}`),
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: t('print.none') }],
    });
    if (!on.has('witnessIdentity') && file.testimonies.length)
      withheld.push(t('print.withheld.witnessIdentity', { count: file.testimonies.length }));
  } else if (file.testimonies.length)
    withheld.push(t('print.withheld.testimonies', { count: file.testimonies.length }));

  if (on.has('evidence')) {
    sections.push({
      id: 'evidence',
      heading: t('print.sections.evidence'),
      blocks: file.documents.length
        ? [
            {
              kind: 'table',
              head: [t('print.file'), t('print.size'), 'SHA-256', t('print.custody')],
              rows: file.documents.map((d) => {
                const verified = [...d.custody].reverse().find((c) => c.action === 'verified');
                const custody = t('print.custodySummary', {
                  count: d.custody.length,
                  acquired: d.acquiredAt ? date(d.acquiredAt) : d.createdAt.slice(0, 10),
                  verified: verified
                    ? `${verified.at.slice(0, 10)} ${verified.hashOk === false ? t('print.hashMismatch') : t('print.hashOk')}`
                    : t('print.notVerified'),
                });
                return [d.originalName, `${Math.max(1, Math.round(d.size / 1024))} KiB`, d.sha256, custody];
              }),
            },
          ]
        : [{ kind: 'paragraph', text: t('print.none') }],
    });
  } else if (file.documents.length) withheld.push(t('print.withheld.evidence', { count: file.documents.length }));

  if (on.has('contacts')) {
    sections.push({
      id: 'contacts',
      heading: t('print.sections.contacts'),
      blocks: file.contacts.length
        ? file.contacts.map((c): Block => ({
            kind: 'fields',
            rows: [
              { label: t('print.contactName'), value: `${c.name} (${c.relationship})` },
              ...(on.has('safetyNotes') && c.safetyNotes
                ? [{ label: t('print.safetyNotes'), value: c.safetyNotes }]
                : []),
              { label: t('print.phones'), value: c.phones.join(', ') || '—' },
              ...(c.address ? [{ label: t('print.address'), value: c.address }] : []),
            ],
          }))
        : [{ kind: 'paragraph', text: t('print.none') }],
    });
    if (!on.has('safetyNotes') && file.contacts.some((c) => c.safetyNotes))
      withheld.push(t('print.withheld.safetyNotes'));
  } else if (file.contacts.length) withheld.push(t('print.withheld.contacts', { count: file.contacts.length }));

  const notes = plainText(record.summary);
  if (on.has('internalNotes')) {
    if (notes)
      sections.push({
        id: 'internalNotes',
        heading: t('print.sections.internalNotes'),
        blocks: [{ kind: 'paragraph', text: notes }],
      });
  } else if (notes) withheld.push(t('print.withheld.internalNotes'));
  if (!on.has('events') && file.events.length) withheld.push(t('print.withheld.events', { count: file.events.length }));

  if (on.has('actions') && o.actionsText.trim())
    sections.push({
      id: 'actions',
      heading: t('print.sections.actions'),
      blocks: [{ kind: 'paragraph', text: o.actionsText.trim() }],
    });
  if (on.has('caseworker') && o.caseworkerText.trim())
    sections.push({
      id: 'caseworker',
      heading: t('print.sections.caseworker'),
      blocks: [{ kind: 'paragraph', text: o.caseworkerText.trim() }],
    });

  if (withheld.length)
    sections.push({
      id: 'withheld',
      heading: t('print.sections.withheld'),
      blocks: withheld.map((text) => ({ kind: 'withheld', text })),
    });
  return {
    language: lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    title: nameIn(lang, subject.nameAr, subject.nameLatin),
    reference: record.reference,
    profileLabel: t(`print.profiles.${o.profile}`),
    sections,
    photoDocumentId:
      on.has('photo') &&
      o.photoDocumentId &&
      file.documents.some((d) => d.id === o.photoDocumentId && d.mediaType.startsWith('image/'))
        ? o.photoDocumentId
        : null,
    footer: {
      reference: record.reference,
      printedAt: now.toISOString().slice(0, 10),
      confidential: o.confidentialFooter,
    },
  };
}

/** The most cases printed in one document (the case list's batch print). */
export const MAX_BATCH = 200;
