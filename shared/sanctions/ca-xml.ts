import { listDate, listedDate } from './list-dates';
import { checked, clean, ListFormatError, scriptOf, type Designation, type ListSink } from './designation';
import { readXmlEntries, textOf, type XmlNode } from './xml-entries';

/**
 * Canada's Consolidated Canadian Autonomous Sanctions List (sema-lmes.xml): a root `data-set` of `record`s,
 * each with `Country` (the regulations it is listed under), `LastName`, `GivenName` or `EntityOrShip`,
 * `DateOfBirthOrShipBuildDate`, `Schedule`, `Item`, `DateOfListing` and `Aliases` (one text, names separated
 * by commas or semicolons, names in other scripts after a label such as "Arabic:"), and `TitleOrShip` (a
 * person's title or a ship's type). `Country` is the regime, in English and French ("Syria / Syrie"). A record
 * has no identifier of its own: it is known by its regime, schedule and item together.
 */
export async function parseCaXml(chunks: AsyncIterable<string>, sink: ListSink, signal?: AbortSignal) {
  sink.meta({ format: 'ca-xml', authority: 'ca', publishedOn: null });
  await readXmlEntries(chunks, {
    root: 'data-set',
    entries: ['record'],
    signal,
    onEntry: (n) => sink.designation(record(n), n.line),
  });
}

function record(n: XmlNode): Designation {
  const item = textOf(n, 'Item');
  const regime = textOf(n, 'Country');
  if (!item) throw new ListFormatError('missing-field', { line: n.line, element: 'record', field: 'Item' });
  const person = clean(`${textOf(n, 'GivenName')} ${textOf(n, 'LastName')}`);
  const entity = textOf(n, 'EntityOrShip');
  const full = person || entity;
  if (!full) throw new ListFormatError('missing-field', { line: n.line, element: 'record', field: 'LastName' });
  const aliases = textOf(n, 'Aliases')
    .replace(/\((?:a\.k\.a\.|also known as)\s*([^)]*)\)/gi, ';$1;')
    .split(/[;,]/)
    .map((a) => clean(a).replace(/^(?:ALIAS|[A-Z][a-z]+)\s*:\s*/, ''))
    .filter(Boolean);
  const born = textOf(n, 'DateOfBirthOrShipBuildDate');
  return checked(
    {
      authority: 'ca',
      ref: [regime, textOf(n, 'Schedule'), item].join(' / '),
      kind: person ? 'person' : textOf(n, 'ShipIMONumber') ? 'vessel' : 'entity',
      names: [
        { full, type: 'primary', strength: null, script: scriptOf(full) },
        ...aliases.map((a) => ({ full: a, type: 'alias' as const, strength: null, script: scriptOf(a) })),
      ],
      birthDates: born && person ? [listedDate(born)] : [],
      birthPlaces: [],
      nationalities: [],
      documents: [],
      addresses: [],
      programmes: [regime].filter(Boolean),
      positions: person ? [textOf(n, 'TitleOrShip')].filter(Boolean) : [],
      gender: null,
      listedOn: listDate(textOf(n, 'DateOfListing')),
      reasons: '',
      remarks: textOf(n, 'Schedule') ? `Schedule ${textOf(n, 'Schedule')}, item ${item}` : '',
    },
    n.line,
    'record',
  );
}
