import { dateFromParts, listDate, listedDate } from './list-dates';
import { checked, clean, ListFormatError, scriptOf, type Designation, type ListSink } from './designation';
import { attr, kids, readXmlEntries, textOf, type XmlNode } from './xml-entries';

/**
 * The EU's consolidated financial sanctions list (FSF, "xmlFullSanctionsList_1_1"): a root `export` in the
 * namespace below with its `generationDate`, then one `sanctionEntity` per designation (`logicalId`,
 * `euReferenceNumber`, `designationDate`), holding `nameAlias` (wholeName, nameLanguage, strong, function,
 * gender), `birthdate` (birthdate or year / monthOfYear / dayOfMonth, circa, city, place, country),
 * `citizenship`, `identification` (number, identificationTypeCode, country), `address`, `regulation`
 * (programme, publicationDate) and `remark`. Names in Arabic script carry nameLanguage "AR".
 */
export const EU_FSF_NS = 'http://eu.europa.ec/fpi/fsd/export';

export async function parseEuFsfXml(chunks: AsyncIterable<string>, sink: ListSink, signal?: AbortSignal) {
  await readXmlEntries(chunks, {
    root: 'export',
    namespace: EU_FSF_NS,
    entries: ['sanctionEntity'],
    signal,
    onRoot: (a) =>
      sink.meta({
        format: 'eu-fsf-xml',
        authority: 'eu',
        publishedOn: listDate((a.generationDate ?? '').slice(0, 10)),
      }),
    onEntry: (n) => sink.designation(sanctionEntity(n), n.line),
  });
}

const country = (n: XmlNode): string => attr(n, 'countryDescription') || attr(n, 'countryIso2Code');

function birth(b: XmlNode) {
  const exact = attr(b, 'birthdate');
  const circa = attr(b, 'circa') === 'true';
  const date = exact ? listDate(exact) : dateFromParts(attr(b, 'year'), attr(b, 'monthOfYear'), attr(b, 'dayOfMonth'));
  const year = date && date.precision !== 'range' ? date.year : null;
  const text = exact || [attr(b, 'dayOfMonth'), attr(b, 'monthOfYear'), attr(b, 'year')].filter(Boolean).join('/');
  return listedDate(circa ? `circa ${text}` : text, circa && year ? { precision: 'approximate', year } : date);
}

function sanctionEntity(n: XmlNode): Designation {
  const ref = attr(n, 'logicalId');
  if (!ref) throw new ListFormatError('missing-field', { line: n.line, element: 'sanctionEntity', field: 'logicalId' });
  const aliases = kids(n, 'nameAlias');
  const names = aliases.flatMap((a, i) => {
    const full =
      attr(a, 'wholeName') || clean(`${attr(a, 'firstName')} ${attr(a, 'middleName')} ${attr(a, 'lastName')}`);
    if (!full) return [];
    return [
      {
        full,
        type: i === 0 ? ('primary' as const) : ('alias' as const),
        strength: attr(a, 'strong') === 'false' ? ('weak' as const) : ('strong' as const),
        script: scriptOf(full),
      },
    ];
  });
  if (!names.length)
    throw new ListFormatError('missing-field', { line: n.line, element: 'nameAlias', field: 'wholeName' });
  const code = attr(kids(n, 'subjectType')[0], 'code');
  const gender = aliases.map((a) => attr(a, 'gender')).find(Boolean);
  const regulations = kids(n, 'regulation');
  const firstPublished = regulations
    .map((r) => attr(r, 'publicationDate'))
    .filter(Boolean)
    .sort()[0];
  const listed = attr(n, 'designationDate') || firstPublished || '';
  return checked(
    {
      authority: 'eu',
      ref,
      kind: code === 'person' ? 'person' : code === 'enterprise' ? 'entity' : 'other',
      names,
      birthDates: kids(n, 'birthdate').map(birth),
      birthPlaces: kids(n, 'birthdate')
        .map((b) => [attr(b, 'city') || attr(b, 'place'), country(b)].filter(Boolean).join(', '))
        .filter(Boolean),
      nationalities: [...new Set(kids(n, 'citizenship').map(country).filter(Boolean))],
      documents: kids(n, 'identification').flatMap((d) => {
        const number = attr(d, 'number') || attr(d, 'latinNumber');
        if (!number) return [];
        const type = attr(d, 'identificationTypeCode');
        return [
          {
            kind:
              type === 'passport'
                ? ('passport' as const)
                : type === 'id'
                  ? ('national-id' as const)
                  : ('other' as const),
            number,
            country: country(d),
            note: type === 'passport' || type === 'id' ? '' : attr(d, 'identificationTypeDescription') || type,
          },
        ];
      }),
      addresses: kids(n, 'address')
        .map((a) =>
          ['street', 'poBox', 'city', 'zipCode', 'region', 'place']
            .map((k) => attr(a, k))
            .concat(country(a))
            .filter(Boolean)
            .join(', '),
        )
        .filter(Boolean),
      programmes: [...new Set(regulations.map((r) => attr(r, 'programme')).filter(Boolean))],
      positions: [...new Set(aliases.map((a) => attr(a, 'function')).filter(Boolean))],
      gender: gender === 'M' ? 'male' : gender === 'F' ? 'female' : null,
      listedOn: listDate(listed.slice(0, 10)),
      reasons: clean(
        kids(n, 'remark')
          .map((r) => textOf(r))
          .join(' '),
      ),
      remarks: attr(n, 'euReferenceNumber') ? `EU reference ${attr(n, 'euReferenceNumber')}` : '',
    },
    n.line,
    'sanctionEntity',
  );
}
