import { describe, expect, it } from 'vitest';
import { packageContent } from '@shared/package/content';
import { DEFAULT_EXPORT_OPTIONS, planExport } from '@shared/package/export-plan';
import {
  checkFileAgainstRecord,
  checkTiesAgainstVault,
  planMerge,
  recordsFromPackage,
  RecordsProblem,
  resolvedRecord,
  tiesOfKeptIncidents,
  type IncomingRecord,
} from '@shared/package/merge-plan';
import { sampleCaseFile, SECRET } from '../../../fixtures/print/case-file';
import { recordDigest } from '@shared/crypto/audit-chain';

// A recipient on record that no testimony's consent names by id: only the names typed before recipients were records decide.
const RECIPIENT_ID = '7d3f0c2a-9b1e-4f6a-8c5d-2e4b6a8c0d1f';

const source = { label: 'Colleague office', packageId: 'athar-export-1', at: '2026-12-01T10:00:00.000Z', by: 'Rania' };

/** records.json and custody.json as an export of the sample case writes them. */
function exported(options = DEFAULT_EXPORT_OPTIONS): {
  records: string;
  custody: string;
  file: ReturnType<typeof sampleCaseFile>;
} {
  const file = sampleCaseFile();
  const plan = planExport([file], { recipientId: RECIPIENT_ID, recipientName: 'IIIM', ...options });
  const content = packageContent([file], plan, { recipient: 'IIIM', exportedAt: '2026-11-30', organisation: 'Org' });
  const custody = file.documents.map((d) => ({
    document: d.id,
    custody: [
      ...d.custody,
      { at: '2026-11-30T00:00:00.000Z', by: 'L', action: 'exported', detail: 'IIIM · x', hashOk: null },
    ],
  }));
  return { records: content.find((c) => c.path === 'data/records.json')!.text, custody: JSON.stringify(custody), file };
}

const asMap = (
  records: Array<{ table: string; record: { id: string } & Record<string, unknown> }>,
): Map<string, { id: string } & Record<string, unknown>> =>
  new Map(records.map((r) => [`${r.table}/${r.record.id}`, r.record]));

describe('import plan', () => {
  it('turns a package back into vault records: a pseudonymous witness, the custody chain with the import appended', () => {
    const { records, custody, file } = exported();
    const incoming = recordsFromPackage(records, custody, source);
    const tables = incoming.map((x) => x.table);
    expect(tables).toContain('cases');
    expect(tables.filter((t) => t === 'persons')).toHaveLength(2);
    const witness = incoming.find((x) => x.pseudonymOnly)!;
    expect(witness.record).toMatchObject({ role: 'witness', pseudonym: SECRET.pseudonym, nameLatin: SECRET.pseudonym });
    expect(JSON.stringify(incoming)).not.toContain(SECRET.witnessName);
    const doc = incoming.find((x) => x.table === 'documents')!;
    expect((doc.record['custody'] as Array<{ action: string }>).map((c) => c.action).slice(-2)).toEqual([
      'exported',
      'imported',
    ]);
    expect(doc.record).not.toHaveProperty('file');
    expect(incoming.find((x) => x.table === 'cases')!.absent).toEqual(['summary']);
    expect(incoming.filter((x) => x.table === 'contacts')).toHaveLength(0);
    expect(file.contacts.length).toBeGreaterThan(0);
  });

  it('takes a built-in place as identical when only the moment each vault was made differs', () => {
    const place = {
      id: 'fac-saydnaya',
      kind: 'facility',
      nameEn: 'Saydnaya Military Prison',
      nameAr: 'سجن صيدنايا العسكري',
      parentId: 'gov-rif-dimashq',
      operatorEn: '',
      operatorAr: '',
      notes: '',
      author: 'seed',
    };
    const incoming: IncomingRecord[] = [
      {
        table: 'places',
        record: { ...place, createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' },
        caseReference: '',
        absent: [],
      },
    ];
    const mine = new Map([
      [
        'places/fac-saydnaya',
        { ...place, createdAt: '2026-11-20T16:00:00.000Z', updatedAt: '2026-11-20T16:00:00.000Z' },
      ],
    ]);
    expect(planMerge(incoming, mine).map((i) => [i.disposition, i.fields])).toEqual([['identical', []]]);
  });

  it('recognises new, identical and conflicting records, and never takes what the package left out as a change', () => {
    const { records, custody, file } = exported();
    const incoming = recordsFromPackage(records, custody, source);
    expect(planMerge(incoming, new Map()).every((i) => i.disposition === 'new')).toBe(true);

    // The vault that made it: the full witness, the case with its internal notes, the file's chain without the export.
    const mine = asMap(incoming.map((x): IncomingRecord => ({ ...x, record: { ...x.record } })));
    mine.set(`persons/${file.testimonies[0]!.witnessId}`, { ...file.persons.get(file.testimonies[0]!.witnessId)! });
    mine.set(`cases/${file.record.id}`, { ...file.record });
    mine.set(`documents/${file.documents[0]!.id}`, { ...file.documents[0]! });
    const same = planMerge(incoming, mine);
    expect(same.map((i) => i.disposition)).toEqual(incoming.map(() => 'identical'));

    const subjectId = file.subject.id;
    mine.set(`persons/${subjectId}`, {
      ...mine.get(`persons/${subjectId}`)!,
      nameLatin: 'Samir K. Al-Ahmad (local spelling)',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    const plan = planMerge(incoming, mine);
    const conflict = plan.find((i) => i.disposition === 'conflict')!;
    expect(conflict).toMatchObject({ table: 'persons', id: subjectId, fields: ['nameLatin'] });
    expect(resolvedRecord(conflict, 'mine')).toBeNull();
    expect(resolvedRecord(conflict, 'theirs')).toMatchObject({ nameLatin: 'Samir Khalil Al-Ahmad' });

    // Taking theirs for a case keeps the vault's internal notes, which the package did not carry.
    mine.set(`cases/${file.record.id}`, { ...file.record, priority: 'urgent' });
    const caseItem = planMerge(incoming, mine).find((i) => i.table === 'cases')!;
    expect(caseItem.fields).toEqual(['priority']);
    expect(resolvedRecord(caseItem, 'theirs')!['summary']).toEqual(file.record.summary);
  });

  it('recognises a record whose version the team’s chains already wrote as synced, not as a conflict', () => {
    const { records, custody, file } = exported();
    const incoming = recordsFromPackage(records, custody, source);
    const subjectId = file.subject.id;
    const key = `persons/${subjectId}`;
    const subject = incoming.find((x) => x.table === 'persons' && x.record.id === subjectId)!;
    expect(subject.absent).toEqual([]);
    // The package's version is the one a chain wrote; sync has brought a later one here since.
    const mine = asMap(incoming.map((x): IncomingRecord => ({ ...x, record: { ...x.record } })));
    mine.set(key, { ...file.subject, nameLatin: 'Samir K. Al-Ahmad (later)', updatedAt: '2026-12-02T00:00:00.000Z' });
    const known = new Map([[key, new Set(['00'.repeat(32), recordDigest(file.subject)])]]);
    const item = planMerge(incoming, mine, known).find((i) => i.id === subjectId)!;
    expect(item).toMatchObject({ disposition: 'synced', fields: [] });
    expect(resolvedRecord(item, 'theirs')).toBeNull();
    // Without the chains' digests (a partner's package), the same record is a conflict for a person to settle.
    expect(planMerge(incoming, mine).find((i) => i.id === subjectId)!.disposition).toBe('conflict');
    // A version no chain wrote is not taken as synced.
    expect(
      planMerge(incoming, mine, new Map([[key, new Set(['00'.repeat(32)])]])).find((i) => i.id === subjectId)!
        .disposition,
    ).toBe('conflict');
    // What the package left out is taken as the vault holds it: a match proves the rest is that version's.
    const notesLeftOut = incoming.map((x) => (x === subject ? { ...x, absent: ['nameAr'] } : x));
    const sameNameAr = { ...mine.get(key)!, nameAr: file.subject.nameAr };
    expect(
      planMerge(notesLeftOut, new Map([...mine, [key, sameNameAr]]), known).find((i) => i.id === subjectId)!
        .disposition,
    ).toBe('synced');
    const otherNameAr = { ...sameNameAr, nameAr: 'اسم آخر' };
    expect(
      planMerge(notesLeftOut, new Map([...mine, [key, otherNameAr]]), known).find((i) => i.id === subjectId)!
        .disposition,
    ).toBe('conflict');
    // A record the vault does not hold is new, whatever the chains say.
    expect(planMerge(incoming, new Map(), known).find((i) => i.id === subjectId)!.disposition).toBe('new');
  });

  it('carries an incident of many cases with its tie to the case, and refuses a tie that reaches anything else', () => {
    const file = sampleCaseFile();
    const at = '2026-11-01T00:00:00.000Z';
    const incident = {
      ...file.events[0]!,
      id: '5a0e8a52-1111-4c1e-9e53-2f1d0c7a9b11',
      caseId: null,
      title: 'Testconvoy',
    };
    const tie = {
      id: '5a0e8a52-2222-4c1e-9e53-2f1d0c7a9b11',
      type: 'concerns' as const,
      fromTable: 'events',
      fromId: incident.id,
      toTable: 'cases',
      toId: file.record.id,
      note: '',
      createdAt: at,
      updatedAt: at,
      author: 'L',
    };
    const withIncident = { ...file, events: [...file.events, incident], ties: [tie] };
    const plan = planExport([withIncident], {
      recipientId: RECIPIENT_ID,
      recipientName: 'IIIM',
      ...DEFAULT_EXPORT_OPTIONS,
    });
    const records = packageContent([withIncident], plan, {
      recipient: 'IIIM',
      exportedAt: '2026-11-30',
      organisation: 'Org',
    }).find((c) => c.path === 'data/records.json')!.text;
    const incoming = recordsFromPackage(records, undefined, source);
    expect(incoming.find((x) => x.table === 'events' && x.record.id === incident.id)?.record).toMatchObject({
      caseId: null,
      title: 'Testconvoy',
    });
    expect(incoming.filter((x) => x.table === 'links').map((x) => x.record)).toEqual([tie]);
    // A package made before incidents travelled has no ties, and opens as before.
    const old = JSON.parse(records) as Array<Record<string, unknown>>;
    delete old[0]!['ties'];
    expect(recordsFromPackage(JSON.stringify(old), undefined, source).some((x) => x.table === 'links')).toBe(false);
    // In a vault where that id is a case's own event, the tie is refused; where it is an incident, accepted.
    const here = (caseId: string | null) => new Map([[`events/${incident.id}`, { ...incident, caseId }]]);
    expect(() => checkTiesAgainstVault(incoming, here(file.record.id))).toThrow(/not a tie of this case/);
    expect(() => checkTiesAgainstVault(incoming, here(null))).not.toThrow();
    // Where the person keeps this vault's version of the incident, its tie is not written either.
    const changed = new Map([[`events/${incident.id}`, { ...incident, title: 'Ours' }]]);
    const items = planMerge(incoming, changed);
    const conflict = items.find((i) => i.table === 'events' && i.id === incident.id)!;
    expect(conflict.disposition).toBe('conflict');
    expect([...tiesOfKeptIncidents(items, () => 'mine')]).toEqual([tie.id]);
    expect([...tiesOfKeptIncidents(items, (i) => (i.id === incident.id ? 'theirs' : undefined))]).toEqual([]);
    // Forged: an event of another case carried in this case's entry; one record in two versions.
    const foreign = JSON.parse(records) as Array<{ events: Array<Record<string, unknown>> }>;
    foreign[0]!.events[0]!['caseId'] = '5a0e8a52-4444-4c1e-9e53-2f1d0c7a9b11';
    expect(() => recordsFromPackage(JSON.stringify(foreign), undefined, source)).toThrow(/events .*of another case/);
    const twice = JSON.parse(records) as Array<Record<string, unknown> & { events: Array<Record<string, unknown>> }>;
    twice.push({
      ...twice[0]!,
      events: twice[0]!.events.map((e) => (e['id'] === incident.id ? { ...e, title: 'Other' } : e)),
    });
    expect(() => recordsFromPackage(JSON.stringify(twice), undefined, source)).toThrow(/two different versions/);
    // Forged: a tie to another case of the vault, from an event that is the case's own, or of another kind.
    for (const forged of [
      { ...tie, toId: '5a0e8a52-3333-4c1e-9e53-2f1d0c7a9b11' },
      { ...tie, fromId: file.events[1]!.id },
      { ...tie, type: 'mentions' },
      { ...tie, fromTable: 'testimonies' },
    ]) {
      const bad = JSON.parse(records) as Array<{ ties: unknown[] }>;
      bad[0]!.ties = [forged];
      expect(() => recordsFromPackage(JSON.stringify(bad), undefined, source)).toThrow(
        /links .*not a tie of this case to one of its incidents/,
      );
    }
  });

  it('refuses malformed records, naming the file and the record', () => {
    expect(() => recordsFromPackage('not json', undefined, source)).toThrow(RecordsProblem);
    expect(() => recordsFromPackage('[{"case":{}}]', undefined, source)).toThrow('data/records.json');
    const { records } = exported();
    const broken = JSON.parse(records) as Array<{ events: Array<Record<string, unknown>> }>;
    broken[0]!.events[0]!['kind'] = 'invented-kind';
    expect(() => recordsFromPackage(JSON.stringify(broken), undefined, source)).toThrow(/events .*kind/);
    expect(() => recordsFromPackage(records, '{"not":"a list"}', source)).toThrow('data/custody.json');
  });
});

describe('a packaged original against its record', () => {
  const bytes = { size: 2048, sha256: 'a'.repeat(64), sha512: 'b'.repeat(128) };
  it('accepts the file its record describes, and refuses one whose size or hashes the record misstates', () => {
    expect(() => checkFileAgainstRecord('data/files/x/a.pdf', bytes, bytes)).not.toThrow();
    for (const lie of [{ size: 999_999_999 }, { sha256: 'c'.repeat(64) }, { sha512: 'd'.repeat(128) }])
      expect(
        () => checkFileAgainstRecord('data/files/x/a.pdf', { ...bytes, ...lie }, bytes),
        JSON.stringify(lie),
      ).toThrow(RecordsProblem);
    expect(() => checkFileAgainstRecord('data/files/x/a.pdf', bytes, undefined)).toThrow(/does not match its record/);
  });
});
