import Papa from 'papaparse';
import { deriveTimeline } from '../domain/timeline';
import { formatPartialDate, type PartialDate } from '../domain/partial-date';
import { z } from 'zod';
import {
  caseSchema,
  documentSchema,
  eventSchema,
  linkSchema,
  familyContactSchema,
  personSchema,
  placeSchema,
  testimonySchema,
  type Person,
} from '../domain/records';
import type { CaseFile } from '../print/summary';
import type { ExportPlan } from './export-plan';

/**
 * The records of an evidence package, as files under data/: JSON for
 * machines (records as stored, minus what the plan leaves out, witnesses
 * pseudonymised), CSV views for analysts, and a static index.html (no
 * scripts) to browse them. Original evidence files are added by the writer
 * from the vault, byte for byte; their entries here carry the intake hashes.
 */
export interface ContentFile {
  path: string;
  text: string;
}

const date = (d: PartialDate | null): string => (d ? formatPartialDate(d, 'en') : '');
// A cell that starts with = + - @ (a name from an imported list, say) is quoted with ' so a spreadsheet never runs it.
const csv = (rows: Array<Record<string, string | number>>): string =>
  `\uFEFF${Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true })}\r\n`;
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A witness as the package shows them: pseudonym only, unless the plan keeps identities. */
function witnessView(w: Person | undefined, pseudonymise: boolean): Record<string, unknown> {
  if (!w) return { pseudonym: 'unknown' };
  if (pseudonymise)
    return { id: w.id, pseudonym: w.pseudonym || `witness-${w.id.slice(0, 8)}`, protectionLevel: w.protectionLevel };
  return { ...w };
}

/** A name for a file inside the package: the original name, without what a package path may not hold. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[/\\%\r\n\u0000-\u001f\u007f]/g, '_')
    .replace(/^\.+$/, '_')
    .slice(0, 180);
  return cleaned || 'file';
}

export const packagedFilePath = (d: { id: string; originalName: string }): string =>
  `data/files/${d.id}/${safeFileName(d.originalName)}`;

export function packageContent(
  files: CaseFile[],
  plan: ExportPlan,
  meta: { recipient: string; exportedAt: string; organisation: string },
): ContentFile[] {
  const byCase = new Map(plan.cases.map((c) => [c.caseId, c]));
  const records: Array<Record<string, unknown>> = [];
  const personsCsv: Array<Record<string, string | number>> = [];
  const eventsCsv: Array<Record<string, string | number>> = [];
  const timelineCsv: Array<Record<string, string | number>> = [];
  const evidenceCsv: Array<Record<string, string | number>> = [];
  for (const f of files) {
    const p = byCase.get(f.record.id);
    if (!p) continue;
    const testimonies = f.testimonies.filter((x) => p.testimonyIds.includes(x.id));
    const documents = f.documents.filter((d) => p.documentIds.includes(d.id));
    const contacts = f.contacts.filter((c) => p.contactIds.includes(c.id));
    const place = (id: string | null): string => {
      const pl = id ? f.places.get(id) : undefined;
      return pl ? `${pl.nameEn} / ${pl.nameAr}` : '';
    };
    records.push({
      case: { ...f.record, summary: p.includeInternalNotes ? f.record.summary : null },
      subject: f.subject,
      events: f.events,
      // The incidents among the events (no case of their own) are tied to this case by these links.
      ties: (f.ties ?? []).filter((l) => f.events.some((e) => e.id === l.fromId)),
      testimonies: testimonies.map((x) => ({
        ...x,
        witness: witnessView(f.persons.get(x.witnessId), plan.pseudonymiseWitnesses),
        witnessId: plan.pseudonymiseWitnesses ? undefined : x.witnessId,
      })),
      documents: documents.map((d) => ({ ...d, file: packagedFilePath(d) })),
      contacts,
      places: [...new Set([...f.events.map((e) => e.placeId), f.subject.birthPlaceId].filter((x): x is string => !!x))]
        .map((id) => f.places.get(id))
        .filter(Boolean),
    });
    personsCsv.push({
      case: f.record.reference,
      role: 'subject',
      name_ar: f.subject.nameAr,
      name_latin: f.subject.nameLatin,
      father: f.subject.fatherName,
      mother: f.subject.motherName,
      sex: f.subject.sex,
      born: date(f.subject.birthDate),
    });
    for (const x of testimonies) {
      const w = witnessView(f.persons.get(x.witnessId), plan.pseudonymiseWitnesses);
      personsCsv.push({
        case: f.record.reference,
        role: 'witness',
        name_ar: plan.pseudonymiseWitnesses ? '' : String(w.nameAr ?? ''),
        name_latin: plan.pseudonymiseWitnesses ? String(w.pseudonym) : String(w.nameLatin ?? ''),
        father: '',
        mother: '',
        sex: '',
        born: '',
      });
    }
    for (const e of f.events)
      eventsCsv.push({
        case: f.record.reference,
        event: e.id,
        kind: e.kind,
        date: date(e.date),
        place: place(e.placeId),
        sources: e.sources.length,
      });
    deriveTimeline(f.events).periods.forEach((pd, i) =>
      timelineCsv.push({
        case: f.record.reference,
        period: i + 1,
        place: place(pd.placeId),
        from: date(pd.from),
        to: date(pd.to),
        ended: pd.end,
      }),
    );
    for (const d of documents)
      evidenceCsv.push({
        case: f.record.reference,
        document: d.id,
        file: d.originalName,
        type: d.mediaType,
        bytes: d.size,
        sha256: d.sha256,
        sha512: d.sha512,
        custody_entries: d.custody.length,
      });
  }
  const index = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence package</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{border:1px solid #ccc;padding:.3em;text-align:start}table{border-collapse:collapse}</style></head><body>
<h1>Evidence package for ${esc(meta.recipient)}</h1><p>From ${esc(meta.organisation)}, exported ${esc(meta.exportedAt)}. Cases: ${plan.counts.cases}; testimonies: ${plan.counts.testimonies}; documents: ${plan.counts.documents}.</p>
<p>Records: <a href="records.json">records.json</a> (schema: <a href="records.schema.json">records.schema.json</a>). Views: <a href="persons.csv">persons.csv</a>, <a href="events.csv">events.csv</a>, <a href="timelines.csv">timelines.csv</a>, <a href="evidence.csv">evidence.csv</a>.</p>
<table><tr><th>Case</th><th>Person</th><th>Status</th></tr>${files
    .filter((f) => byCase.has(f.record.id))
    .map(
      (f) =>
        `<tr><td>${esc(f.record.reference)}</td><td dir="auto">${esc(f.subject.nameLatin)} ${esc(f.subject.nameAr)}</td><td>${esc(f.record.status)}</td></tr>`,
    )
    .join('')}</table>
</body></html>
`;
  return [
    { path: 'data/records.json', text: `${JSON.stringify(records, null, 2)}\n` },
    { path: 'data/persons.csv', text: csv(personsCsv) },
    { path: 'data/events.csv', text: csv(eventsCsv) },
    { path: 'data/timelines.csv', text: csv(timelineCsv) },
    { path: 'data/evidence.csv', text: csv(evidenceCsv) },
    { path: 'data/index.html', text: index },
    { path: 'data/records.schema.json', text: `${JSON.stringify(recordsJsonSchema(), null, 2)}\n` },
  ];
}

/** The JSON Schema of records.json, generated from the same schemas the vault validates with. */
export function recordsJsonSchema(): Record<string, unknown> {
  const one = (schema: z.ZodType): unknown => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' });
  const list = (schema: z.ZodType): unknown => ({ type: 'array', items: one(schema) });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Athar evidence package records',
    description:
      'One entry per case. Witnesses appear by pseudonym unless the exporter chose otherwise; testimonies not covered by consent, and files attached only to them, are absent.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        case: one(caseSchema),
        subject: one(personSchema),
        events: list(eventSchema),
        ties: list(linkSchema),
        testimonies: list(testimonySchema),
        documents: list(documentSchema),
        contacts: list(familyContactSchema),
        places: list(placeSchema),
      },
      required: ['case', 'subject', 'events', 'testimonies', 'documents', 'contacts', 'places'],
    },
  };
}
