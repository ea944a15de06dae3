import { describe, expect, it } from 'vitest';
import { detectListFormat, parseList, type ParsedList } from '@shared/sanctions/read-list';
import { ListFormatError, type Designation } from '@shared/sanctions/designation';
import { chunked, csvRows, fixture, fixtureBytes, xlsxRows } from './list-input';

const officer = (list: ParsedList): Designation => list.designations.find((d) => /testkhoury/i.test(d.names[0]!.full))!;
const names = (d: Designation) => d.names.map((n) => [n.full, n.type, n.script]);

describe('each authority’s list, read into designations', () => {
  it('OFAC SDN XML: names, aliases with their strength, several birth dates, passport, programmes', async () => {
    const list = await parseList({ format: 'ofac-sdn-xml', chunks: chunked(fixture('ofac-sdn.xml')) });
    expect(list.meta).toEqual({
      format: 'ofac-sdn-xml',
      authority: 'us',
      publishedOn: { precision: 'day', year: 2026, month: 11, day: 28 },
    });
    expect(list.designations.map((d) => [d.ref, d.kind])).toEqual([
      ['90001', 'person'],
      ['90002', 'entity'],
      ['90003', 'person'],
    ]);
    const d = officer(list);
    expect(names(d)).toEqual([
      ['Jamil TESTKHOURY', 'primary', 'latin'],
      ['Jameel TESTKHOURI', 'alias', 'latin'],
      ['ABU TEST', 'alias', 'latin'],
    ]);
    expect(d.names.map((n) => n.strength)).toEqual([null, 'strong', 'weak']);
    expect(d.birthDates).toEqual([
      { text: '01 Jan 1961', date: { precision: 'day', year: 1961, month: 1, day: 1 } },
      { text: '1962', date: { precision: 'year', year: 1962 } },
    ]);
    expect(d.documents).toEqual([{ kind: 'passport', number: 'N0000111', country: 'Syria', note: '' }]);
    expect(d.programmes).toEqual(['SYRIA', 'SYRIA-EO13894']);
    expect(d.birthPlaces).toEqual(['Testville, Syria']);
    expect(list.designations[1]!.names[1]!.type).toBe('former');
    expect(list.designations[2]!.birthDates[0]!.date).toEqual({ precision: 'approximate', year: 1970 });
  });

  it('OFAC SDN CSV with alt.csv and add.csv: the same facts, read out of Remarks', async () => {
    const list = await parseList({
      format: 'ofac-sdn-csv',
      files: { sdn: fixture('sdn.csv'), alt: fixture('alt.csv'), add: fixture('add.csv') },
    });
    const d = officer(list);
    expect(names(d)).toEqual([
      ['Jamil TESTKHOURY', 'primary', 'latin'],
      ['Jameel TESTKHOURI', 'alias', 'latin'],
      ['ABU TEST', 'alias', 'latin'],
    ]);
    expect(d.birthDates.map((b) => b.date)).toEqual([
      { precision: 'day', year: 1961, month: 1, day: 1 },
      { precision: 'year', year: 1962 },
    ]);
    expect(d.documents).toEqual([{ kind: 'passport', number: 'N0000111', country: 'Syria', note: '' }]);
    expect(d).toMatchObject({ gender: 'male', nationalities: ['Syria'], addresses: ['Testville, Syria'] });
    expect(d.programmes).toEqual(['SYRIA', 'SYRIA-EO13894']);
    expect(list.designations.map((x) => x.ref)).toEqual(['90001', '90002', '90003']);
  });

  it('EU FSF XML: an Arabic-script alias, a circa birth date, the listing date and the reasons', async () => {
    const list = await parseList({ format: 'eu-fsf-xml', chunks: chunked(fixture('eu-fsf.xml'), 31) });
    expect(list.meta.publishedOn).toEqual({ precision: 'day', year: 2026, month: 11, day: 30 });
    const d = officer(list);
    expect(d.ref).toBe('9000101');
    expect(names(d)).toEqual([
      ['Jamil Testkhoury', 'primary', 'latin'],
      ['جميل تستخوري', 'alias', 'arabic'],
      ['Abu Test', 'alias', 'latin'],
    ]);
    expect(d.names[2]!.strength).toBe('weak');
    expect(d.birthDates.map((b) => b.date)).toEqual([
      { precision: 'day', year: 1961, month: 1, day: 1 },
      { precision: 'approximate', year: 1962 },
    ]);
    expect(d).toMatchObject({
      kind: 'person',
      gender: 'male',
      listedOn: { precision: 'day', year: 2011, month: 5, day: 23 },
      programmes: ['SYR'],
      positions: ['Head of Test Branch 000'],
      nationalities: ['SYRIAN ARAB REPUBLIC'],
      reasons: 'Synthetic test entry; not a real person.',
    });
    expect(d.documents[0]).toMatchObject({ kind: 'passport', number: 'N0000111' });
    // Without its own designation date, the first regulation's publication is the listing.
    expect(list.designations[1]!.listedOn).toEqual({ precision: 'day', year: 2012, month: 2, day: 27 });
  });

  it('UK Sanctions List CSV: rows of one Unique ID are one designation, with its non-Latin name', async () => {
    const list = await parseList({ format: 'uk-csv', table: csvRows(fixture('uk-sanctions-list.csv')) });
    expect(list.meta.publishedOn).toEqual({ precision: 'day', year: 2026, month: 11, day: 29 });
    expect(list.designations.map((d) => d.ref)).toEqual(['SYR9001', 'SYR9002']);
    const d = officer(list);
    expect(names(d)).toEqual([
      ['Jamil TESTKHOURY', 'primary', 'latin'],
      ['جميل تستخوري', 'variant', 'arabic'],
      ['Jameel TESTKHOURI', 'alias', 'latin'],
    ]);
    expect(d.birthDates.map((b) => b.date)).toEqual([
      { precision: 'day', year: 1961, month: 1, day: 1 },
      { precision: 'year', year: 1962 },
    ]);
    expect(d).toMatchObject({
      listedOn: { precision: 'day', year: 2011, month: 5, day: 9 },
      reasons: 'Head of Test Branch 000, responsible for the synthetic repression of test civilians.',
      gender: 'male',
      birthPlaces: ['Testville, Syria'],
    });
    expect(d.documents).toEqual([{ kind: 'passport', number: 'N0000111', country: '', note: 'Syrian passport' }]);
  });

  it('Canada SEMA XML: aliases from one text, the schedule and item as its reference', async () => {
    const list = await parseList({ format: 'ca-xml', chunks: chunked(fixture('ca-sema.xml')) });
    const d = officer(list);
    expect(d.ref).toBe('Syria / Syrie / 1, Part 1 / 901');
    expect(names(d)).toEqual([
      ['Jamil Testkhoury', 'primary', 'latin'],
      ['Jameel Testkhouri', 'alias', 'latin'],
      ['Abu Test', 'alias', 'latin'],
      ['جميل تستخوري', 'alias', 'arabic'],
    ]);
    expect(d).toMatchObject({
      listedOn: { precision: 'day', year: 2011, month: 5, day: 24 },
      positions: ['Brigadier General'],
      programmes: ['Syria / Syrie'],
    });
    expect(list.designations[1]!.kind).toBe('entity');
  });

  it('Australia DFAT XLSX: a reference and its lettered aliases are one designation, the original script kept', async () => {
    const list = await parseList({
      format: 'au-xlsx',
      table: await xlsxRows(fixtureBytes('au-dfat-consolidated.xlsx')),
    });
    const d = officer(list);
    expect(d.ref).toBe('9001');
    expect(names(d)).toEqual([
      ['Jamil TESTKHOURY', 'primary', 'latin'],
      ['Jameel TESTKHOURI', 'alias', 'latin'],
      ['Abu Test', 'alias', 'latin'],
      ['جميل تستخوري', 'variant', 'arabic'],
    ]);
    expect(d.names[2]!.strength).toBe('weak');
    // "a) 01/01/1961 b) 1962": two dates in one cell.
    expect(d.birthDates.map((b) => b.date)).toEqual([
      { precision: 'day', year: 1961, month: 1, day: 1 },
      { precision: 'year', year: 1962 },
    ]);
    expect(d.programmes).toEqual(['Autonomous (Syria)']);
    expect(d.listedOn).toEqual({ precision: 'day', year: 2011, month: 5, day: 24 });
  });

  it('SECO XML: name parts with their Arabic spellings, places by reference, a de-listed target left out', async () => {
    const list = await parseList({ format: 'ch-xml', chunks: chunked(fixture('ch-seco.xml'), 53) });
    expect(list.meta.publishedOn).toEqual({ precision: 'day', year: 2026, month: 11, day: 27 });
    expect(list.designations.map((d) => d.ref)).toEqual(['99001']);
    const d = officer(list);
    expect(names(d)).toEqual([
      ['Jamil Testkhoury', 'primary', 'latin'],
      ['جميل تستخوري', 'variant', 'arabic'],
      ['Abu Test', 'alias', 'latin'],
    ]);
    expect(d).toMatchObject({
      birthPlaces: ['Testville, Syria'],
      addresses: ['Testville, Syria'],
      nationalities: ['Syria'],
      programmes: ['Ordinance on measures against Syria'],
      gender: 'male',
      listedOn: { precision: 'day', year: 2011, month: 5, day: 24 },
    });
    expect(d.documents).toEqual([{ kind: 'passport', number: 'N0000111', country: 'Syria', note: '' }]);
  });

  it('France’s register of freezes (JSON): fields by their TypeChamp', async () => {
    const list = await parseList({ format: 'fr-json', text: fixture('fr-gels.json') });
    const d = officer(list);
    expect(names(d)).toEqual([
      ['Jamil TESTKHOURY', 'primary', 'latin'],
      ['Jameel Testkhouri', 'alias', 'latin'],
      ['جميل تستخوري', 'alias', 'arabic'],
    ]);
    expect(d).toMatchObject({
      gender: 'male',
      programmes: ['Règlement (UE) 36/2012 (Syrie)'],
      reasons: 'Entrée synthétique de test ; personne fictive.',
    });
    expect(d.birthDates.map((b) => b.date)).toEqual([
      { precision: 'day', year: 1961, month: 1, day: 1 },
      { precision: 'year', year: 1962 },
    ]);
  });

  it('knows each file by its name and first bytes', () => {
    expect(detectListFormat('sdn.xml', fixture('ofac-sdn.xml'))).toBe('ofac-sdn-xml');
    expect(detectListFormat('sdn.csv', fixture('sdn.csv'))).toBe('ofac-sdn-csv');
    expect(detectListFormat('x.xml', fixture('eu-fsf.xml'))).toBe('eu-fsf-xml');
    expect(detectListFormat('UK.csv', fixture('uk-sanctions-list.csv'))).toBe('uk-csv');
    expect(detectListFormat('sema-lmes.xml', fixture('ca-sema.xml'))).toBe('ca-xml');
    expect(detectListFormat('consolidated.xml', fixture('ch-seco.xml'))).toBe('ch-xml');
    expect(detectListFormat('gels.json', fixture('fr-gels.json'))).toBe('fr-json');
    expect(detectListFormat('regulation8_consolidated.xlsx', '')).toBe('au-xlsx');
    expect(detectListFormat('notes.txt', 'hello')).toBeNull();
    expect(detectListFormat('other.xml', '<?xml version="1.0"?><html>')).toBeNull();
  });
});

const refusal = async (p: Promise<unknown>): Promise<ListFormatError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ListFormatError);
  return e as ListFormatError;
};

describe('a malformed list is refused with the line and element named', () => {
  it('an XML list cut short, an entry without its id, a root of another format, a DOCTYPE', async () => {
    const sdn = fixture('ofac-sdn.xml');
    const cut = await refusal(parseList({ format: 'ofac-sdn-xml', chunks: chunked(sdn.slice(0, sdn.length - 200)) }));
    expect(cut.problem).toBe('malformed');
    const noUid = sdn.replace('<uid>90003</uid>', '');
    const e = await refusal(parseList({ format: 'ofac-sdn-xml', chunks: chunked(noUid) }));
    expect(e).toMatchObject({ problem: 'missing-field', at: { element: 'sdnEntry', field: 'uid' } });
    const entries = noUid.split('\n').flatMap((l, i) => (l.includes('<sdnEntry>') ? [i + 1] : []));
    expect(e.at.line).toBe(entries[2]);
    const wrong = await refusal(parseList({ format: 'eu-fsf-xml', chunks: chunked(sdn) }));
    expect(wrong).toMatchObject({ problem: 'not-this-format', at: { element: 'sdnList' } });
    const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><sdnList>&a;</sdnList>';
    expect((await refusal(parseList({ format: 'ofac-sdn-xml', chunks: chunked(bomb) }))).problem).toBe('malformed');
  });

  it('a birth date out of range, a duplicate reference, and a CSV row missing its columns', async () => {
    const eu = fixture('eu-fsf.xml').replace('logicalId="9000202"', 'logicalId="9000101"');
    const dup = await refusal(parseList({ format: 'eu-fsf-xml', chunks: chunked(eu) }));
    expect(dup).toMatchObject({ problem: 'duplicate-ref', at: { detail: '9000101' } });
    const sdn = fixture('sdn.csv').replace('90003,"TESTHADDAD, Rana",individual,', '90003,"TESTHADDAD, Rana"');
    const short = await refusal(parseList({ format: 'ofac-sdn-csv', files: { sdn } }));
    expect(short).toMatchObject({ problem: 'malformed', at: { line: 3, element: 'sdn.csv' } });
    const uk = fixture('uk-sanctions-list.csv').replace(',SYR9002,', ',,');
    expect(await refusal(parseList({ format: 'uk-csv', table: csvRows(uk) }))).toMatchObject({
      problem: 'missing-field',
      at: { line: 5, field: 'Unique ID' },
    });
    const fr = fixture('fr-gels.json').replace('"IdRegistre": 90002,', '"IdRegistre": null,');
    expect(await refusal(parseList({ format: 'fr-json', text: fr }))).toMatchObject({
      problem: 'bad-value',
      at: { line: 2, element: 'PublicationDetail' },
    });
    const broken = await refusal(
      parseList({ format: 'fr-json', text: fixture('fr-gels.json').replace('"Nom": "TESTCO', '"Nom" "TESTCO') }),
    );
    expect(broken.problem).toBe('malformed');
    expect(broken.at.line).toBeGreaterThan(20);
  });

  it('every other importer names the line and what is missing too', async () => {
    const ca = fixture('ca-sema.xml').replace('<Item>902</Item>', '');
    const caRefusal = await refusal(parseList({ format: 'ca-xml', chunks: chunked(ca) }));
    expect(caRefusal).toMatchObject({ problem: 'missing-field', at: { element: 'record', field: 'Item' } });
    expect(caRefusal.at.line).toBe(ca.split('\n').findLastIndex((l) => l.includes('<record>')) + 1);
    const ch = fixture('ch-seco.xml').replace('<target ssid="99001">', '<target>');
    const chRefusal = await refusal(parseList({ format: 'ch-xml', chunks: chunked(ch) }));
    expect(chRefusal).toMatchObject({ problem: 'missing-field', at: { element: 'target', field: 'ssid' } });
    expect(chRefusal.at.line).toBe(ch.split('\n').findIndex((l) => l.includes('<target>')) + 1);
    const table = await xlsxRows(fixtureBytes('au-dfat-consolidated.xlsx'));
    table.rows[3]![0] = 'see 9001';
    expect(await refusal(parseList({ format: 'au-xlsx', table }))).toMatchObject({
      problem: 'bad-value',
      at: { line: 4, field: 'Reference' },
    });
    const noHeader = { rows: table.rows.slice(1), lines: table.lines.slice(1) };
    expect((await refusal(parseList({ format: 'au-xlsx', table: noHeader }))).problem).toBe('not-this-format');
  });

  it('an entry holding more names than any list gives is refused as too large', async () => {
    const many = Array.from(
      { length: 600 },
      (_, i) => `<aka><uid>${i}</uid><type>a.k.a.</type><category>weak</category><lastName>N${i}</lastName></aka>`,
    ).join('');
    const sdn = fixture('ofac-sdn.xml').replace('<akaList>', `<akaList>${many}`);
    expect((await refusal(parseList({ format: 'ofac-sdn-xml', chunks: chunked(sdn, 4096) }))).problem).toBe(
      'too-large',
    );
  });

  it('refuses nesting deeper than any list, and a group of rows larger than any designation, at once', async () => {
    const deep = `<sdnList>${'<a>'.repeat(5000)}`;
    const t0 = performance.now();
    expect(await refusal(parseList({ format: 'ofac-sdn-xml', chunks: chunked(deep, 4096) }))).toMatchObject({
      problem: 'too-large',
      at: { detail: 'depth' },
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    const uk = fixture('uk-sanctions-list.csv').trim().split('\n');
    const many = [...uk.slice(0, 3), ...Array.from({ length: 600 }, () => uk[3]!)].join('\n');
    expect(await refusal(parseList({ format: 'uk-csv', table: csvRows(many) }))).toMatchObject({
      problem: 'too-large',
      at: { field: 'Unique ID' },
    });
  });

  it('can be cancelled while it reads', async () => {
    const ctl = new AbortController();
    async function* slow() {
      yield fixture('ofac-sdn.xml').slice(0, 500);
      ctl.abort();
      yield fixture('ofac-sdn.xml').slice(500);
    }
    await expect(parseList({ format: 'ofac-sdn-xml', chunks: slow() }, ctl.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
