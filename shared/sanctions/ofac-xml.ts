import { dateFromParts, listedDate } from './list-dates';
import {
  checked,
  clean,
  ListFormatError,
  scriptOf,
  type Designation,
  type ListedDocument,
  type ListSink,
} from './designation';
import { kid, kids, readXmlEntries, textOf, type XmlNode } from './xml-entries';

/**
 * OFAC's SDN list in its XML form (sdn.xml): a root `sdnList` in the namespace below, a `publshInformation`
 * (sic) with `Publish_Date` as MM/DD/YYYY, then one `sdnEntry` per designation with its `uid`, names, `akaList`,
 * `idList`, `addressList`, `nationalityList`, `citizenshipList`, `dateOfBirthList`, `placeOfBirthList` and
 * `programList`. It states no listing date; its reasons are in `remarks`. The root's namespace has changed over
 * the years (tempuri.org, then the Sanctions List Service's), so only its local name is checked.
 */
export async function parseOfacSdnXml(chunks: AsyncIterable<string>, sink: ListSink, signal?: AbortSignal) {
  let announced = false;
  const announce = (publishedOn: Designation['listedOn']): void => {
    if (announced) return;
    announced = true;
    sink.meta({ format: 'ofac-sdn-xml', authority: 'us', publishedOn });
  };
  await readXmlEntries(chunks, {
    root: 'sdnList',
    entries: ['publshInformation', 'sdnEntry'],
    signal,
    onEntry: (n) => {
      if (n.name === 'publshInformation') {
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(textOf(n, 'Publish_Date'));
        announce(m ? dateFromParts(m[3]!, m[1], m[2]) : null);
        return;
      }
      announce(null);
      sink.designation(sdnEntry(n), n.line);
    },
  });
}

const ID_KIND = (type: string): ListedDocument['kind'] =>
  /passport/i.test(type) ? 'passport' : /national id|identification|cedula|id no/i.test(type) ? 'national-id' : 'other';

function sdnEntry(n: XmlNode): Designation {
  const uid = textOf(n, 'uid');
  if (!uid) throw new ListFormatError('missing-field', { line: n.line, element: 'sdnEntry', field: 'uid' });
  const person = /individual/i.test(textOf(n, 'sdnType'));
  const nameOf = (x: XmlNode): string => clean(`${textOf(x, 'firstName')} ${textOf(x, 'lastName')}`);
  const full = nameOf(n);
  if (!full) throw new ListFormatError('missing-field', { line: n.line, element: 'sdnEntry', field: 'lastName' });
  const aka = kids(kid(n, 'akaList'), 'aka').flatMap((a) => {
    const name = nameOf(a);
    if (!name) return [];
    const type = textOf(a, 'type').toLowerCase();
    return [
      {
        full: name,
        type: type.startsWith('f') ? ('former' as const) : ('alias' as const),
        strength: /weak/i.test(textOf(a, 'category')) ? ('weak' as const) : ('strong' as const),
        script: scriptOf(name),
      },
    ];
  });
  const address = (a: XmlNode): string =>
    ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country']
      .map((k) => textOf(a, k))
      .filter(Boolean)
      .join(', ');
  return checked(
    {
      authority: 'us',
      ref: uid,
      kind: person
        ? 'person'
        : /vessel/i.test(textOf(n, 'sdnType'))
          ? 'vessel'
          : /aircraft/i.test(textOf(n, 'sdnType'))
            ? 'aircraft'
            : 'entity',
      names: [{ full, type: 'primary', strength: null, script: scriptOf(full) }, ...aka],
      birthDates: kids(kid(n, 'dateOfBirthList'), 'dateOfBirthItem').map((d) => listedDate(textOf(d, 'dateOfBirth'))),
      birthPlaces: kids(kid(n, 'placeOfBirthList'), 'placeOfBirthItem')
        .map((p) => textOf(p, 'placeOfBirth'))
        .filter(Boolean),
      nationalities: [
        ...new Set(
          [...kids(kid(n, 'nationalityList'), 'nationality'), ...kids(kid(n, 'citizenshipList'), 'citizenship')]
            .map((c) => textOf(c, 'country'))
            .filter(Boolean),
        ),
      ],
      documents: kids(kid(n, 'idList'), 'id').flatMap((d) => {
        const number = textOf(d, 'idNumber');
        const type = textOf(d, 'idType');
        if (!number) return [];
        return [
          { kind: ID_KIND(type), number, country: textOf(d, 'idCountry'), note: ID_KIND(type) === 'other' ? type : '' },
        ];
      }),
      addresses: kids(kid(n, 'addressList'), 'address').map(address).filter(Boolean),
      programmes: kids(kid(n, 'programList'), 'program')
        .map((p) => textOf(p))
        .filter(Boolean),
      positions: [textOf(n, 'title')].filter(Boolean),
      gender: null,
      listedOn: null,
      reasons: '',
      remarks: textOf(n, 'remarks'),
    },
    n.line,
    'sdnEntry',
  );
}
