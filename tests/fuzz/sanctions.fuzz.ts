import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList, type ListInput } from '@shared/sanctions/read-list';
import { designationSchema, ListFormatError } from '@shared/sanctions/designation';
import { chunked, csvRows, fixture } from '../unit/shared/sanctions/list-input';
import { mutated, params, within } from './fuzz';

const PROBLEMS = [
  'not-this-format',
  'malformed',
  'missing-field',
  'bad-value',
  'duplicate-ref',
  'too-large',
  'too-many',
  'empty',
];

/** A list is read into valid designations or refused with a typed problem: never another exception, never a hang. */
async function answered(input: ListInput): Promise<void> {
  try {
    const list = await within(parseList(input));
    for (const d of list.designations) expect(designationSchema.safeParse(d).success).toBe(true);
    expect(new Set(list.designations.map((d) => d.ref)).size).toBe(list.designations.length);
  } catch (e) {
    if (!(e instanceof ListFormatError)) throw e;
    expect(PROBLEMS).toContain(e.problem);
    if (e.at.line !== undefined) expect(e.at.line).toBeGreaterThan(0);
  }
}

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);
const bytes = (name: string): Uint8Array => new TextEncoder().encode(fixture(name));

const XML = [
  ['ofac-sdn-xml', 'ofac-sdn.xml'],
  ['eu-fsf-xml', 'eu-fsf.xml'],
  ['ca-xml', 'ca-sema.xml'],
  ['ch-xml', 'ch-seco.xml'],
] as const;

describe('sanctions lists, fuzzed', () => {
  for (const [format, file] of XML)
    it(`answers a damaged ${file} with designations or a refusal, read in pieces of any size`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(bytes(file)), fc.integer({ min: 1, max: 600 }), async (b, size) => {
          await answered({ format, chunks: chunked(decode(b), size) });
        }),
        params(),
      );
    });

  it('answers damaged OFAC CSV files and a damaged UK CSV', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(bytes('sdn.csv')), mutated(bytes('alt.csv')), async (sdn, alt) => {
        await answered({
          format: 'ofac-sdn-csv',
          files: { sdn: decode(sdn), alt: decode(alt), add: fixture('add.csv') },
        });
      }),
      params(),
    );
    await fc.assert(
      fc.asyncProperty(mutated(bytes('uk-sanctions-list.csv')), async (b) => {
        await answered({ format: 'uk-csv', table: csvRows(decode(b)) });
        await answered({ format: 'au-xlsx', table: csvRows(decode(b)) });
      }),
      params(),
    );
  });

  it('answers damaged JSON and arbitrary values where France’s register has its fields', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(bytes('fr-gels.json')), async (b) => {
        await answered({ format: 'fr-json', text: decode(b) });
      }),
      params(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 5 }), async (entries) => {
        await answered({ format: 'fr-json', text: JSON.stringify({ Publications: { PublicationDetail: entries } }) });
      }),
      params(),
    );
  });

  it('answers arbitrary text given as any format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 2000 }),
        fc.constantFrom('ofac-sdn-xml', 'eu-fsf-xml', 'ca-xml', 'ch-xml'),
        async (text, format) => {
          await answered({ format, chunks: chunked(text, 50) });
          await answered({ format: 'fr-json', text });
          await answered({ format: 'ofac-sdn-csv', files: { sdn: text } });
        },
      ),
      params(),
    );
  });
});
