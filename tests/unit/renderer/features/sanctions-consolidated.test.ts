import { describe, expect, it } from 'vitest';
import { parseList } from '@shared/sanctions/read-list';
import {
  designationMatchSchema,
  designationRecordSchema,
  sanctionsListSchema,
  type DesignationMatch,
} from '@shared/domain/records';
import { designationId } from '@shared/sanctions/designation-id';
import { consolidate, isGap, reversedDecision } from '../../../../renderer/src/features/sanctions/consolidated';
import { readSheet } from 'read-excel-file/universal';
import {
  consolidatedCsv,
  consolidatedTable,
  consolidatedXlsx,
} from '../../../../renderer/src/features/sanctions/consolidated-export';
import { chunked, csvRows, fixture } from '../../shared/sanctions/list-input';

const at = (m: number) => `2026-12-07T10:0${m}:00.000Z`;
const base = { createdAt: at(0), updatedAt: at(0), author: 'Layla' };
const PERSON = '00000000-0000-4000-8000-0000000000aa';
const record = (d: Awaited<ReturnType<typeof parseList>>['designations'][number], delistedOn: unknown = null) =>
  designationRecordSchema.parse({
    ...base,
    ...d,
    id: designationId(d.authority, d.ref),
    listId: PERSON,
    firstSeen: null,
    delistedOn,
  });
const list = (authority: string) =>
  sanctionsListSchema.parse({
    ...base,
    id: `00000000-0000-4000-8000-00000000010${authority === 'eu' ? 1 : authority === 'uk' ? 2 : 3}`,
    authority,
    format: authority === 'eu' ? 'eu-fsf-xml' : authority === 'uk' ? 'uk-csv' : 'ofac-sdn-xml',
    fileName: 'x',
    sha256: 'a'.repeat(64),
    publishedOn: null,
    counts: { designations: 1, added: 1, changed: 0, delisted: 0, relisted: 0 },
  });
const same = (designation: string, minute = 1): DesignationMatch =>
  designationMatchSchema.parse({
    ...base,
    createdAt: at(minute),
    id: `00000000-0000-4000-8000-0000000002${String(minute).padStart(2, '0')}`,
    designationId: designation,
    personId: PERSON,
    otherDesignationId: null,
    decision: 'same',
    score: 16,
    fields: [],
    note: '',
  });

describe('the consolidated view', () => {
  it('is one row for a person two authorities designated, with what each says, and flags the one that does not', async () => {
    const eu = (await parseList({ format: 'eu-fsf-xml', chunks: chunked(fixture('eu-fsf.xml')) })).designations.map(
      (d) => record(d),
    );
    const uk = (
      await parseList({ format: 'uk-csv', table: csvRows(fixture('uk-sanctions-list.csv')) })
    ).designations.map((d) => record(d));
    const lists = [list('eu'), list('uk'), list('us')];
    const matches = [same(designationId('eu', '9000101')), same(designationId('uk', 'SYR9001'), 2)];
    const rows = consolidate([...eu, ...uk], matches, lists);
    const officer = rows.find((r) => r.personId === PERSON)!;
    expect(Object.keys(officer.byAuthority).sort()).toEqual(['eu', 'uk']);
    expect(officer.designatedBy).toEqual(['eu', 'uk']);
    expect(officer.notBy).toEqual(['us']);
    expect(isGap(officer)).toBe(true);
    expect(officer.names).toContain('جميل تستخوري');
    expect(officer.documents).toContain('N0000111 SYRIAN ARAB REPUBLIC');
    expect(rows).toHaveLength(eu.length + uk.length - 1);

    // De-listed by one: still one row, designated by the other only.
    const delisted = [record({ ...eu[0]! }, { precision: 'day', year: 2027, month: 1, day: 15 }), ...eu.slice(1)];
    const after = consolidate([...delisted, ...uk], matches, lists).find((r) => r.personId === PERSON)!;
    expect(after.designatedBy).toEqual(['uk']);
    expect(after.notBy).toEqual(['us', 'eu']);
    const table = consolidatedTable(
      [after],
      ((k: string, o?: Record<string, string>) => `${k}${o ? JSON.stringify(o) : ''}`) as never,
      'en',
    );
    expect(table[1]!.join(' ')).toContain('sanctions.consolidated.delisted{"date":"15 January 2027"}');

    // A decision naming someone who is not a perpetrator on file (a victim's record, a forged id) joins nothing.
    const onlyOthers = consolidate([...eu, ...uk], matches, lists, new Set(['00000000-0000-4000-8000-0000000000bb']));
    expect(onlyOthers.some((r) => r.personId === PERSON)).toBe(false);
    expect(onlyOthers).toHaveLength(eu.length + uk.length);

    // A match undone later joins nothing.
    const undone = reversedDecision(matches[1]!, {
      actor: 'Omar',
      now: new Date('2026-12-07T11:00:00Z'),
      newId: () => '00000000-0000-4000-8000-000000000299',
    });
    const withUndo = [...matches, designationMatchSchema.parse('put' in undone ? undone.put : null)];
    expect(consolidate([...eu, ...uk], withUndo, lists).find((r) => r.personId === PERSON)!.designatedBy).toEqual([
      'eu',
    ]);
  });

  it('exports the same table as CSV and as a right-to-left sheet, never as a formula', async () => {
    const table = [
      ['Name', 'European Union'],
      ['=HYPERLINK("x")', 'Listed 23 May 2011'],
      ['جميل تستخوري', ''],
    ];
    const csvBytes = consolidatedCsv(table);
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const bytes = await consolidatedXlsx(table, 'Consolidated designations', 'ar');
    const sheet = await readSheet(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(sheet.map((r) => r.map((c) => c ?? ''))).toEqual(table);
  });
});
