import { dateFromParts, listDate, listedDate } from './list-dates';
import {
  checked,
  clean,
  ListFormatError,
  scriptOf,
  type Designation,
  type ListedName,
  type ListSink,
} from './designation';
import { attr, kid, kids, readXmlEntries, textOf, type XmlNode } from './xml-entries';

/**
 * Switzerland's consolidated list (SECO, swiss-sanctions-list): `sanctions-program` entries name each
 * programme; each `target` (ssid, sanctions-set-id) holds an `individual` or `entity` whose `identity` has
 * `name`s (name-type, quality) of `name-part`s with a `value` and `spelling-variant`s in other scripts,
 * `day-month-year` birth dates, `place-of-birth` and `address` that point to `place` entries (location,
 * country) by id, `nationality`, `identification-document`; then `justification`, `other-information` and
 * `modification`s (listed, amended, de-listed). Places may come after the targets that point to them, so
 * targets are finished once the whole file is read.
 */
export async function parseChXml(chunks: AsyncIterable<string>, sink: ListSink, signal?: AbortSignal) {
  const places = new Map<string, string>();
  const programmes = new Map<string, string>();
  const targets: XmlNode[] = [];
  await readXmlEntries(chunks, {
    root: 'swiss-sanctions-list',
    entries: ['sanctions-program', 'target', 'place'],
    signal,
    onRoot: (a) => sink.meta({ format: 'ch-xml', authority: 'ch', publishedOn: listDate((a.date ?? '').slice(0, 10)) }),
    onEntry: (n) => {
      if (n.name === 'place') {
        const where = [textOf(n, 'location'), textOf(n, 'area'), textOf(n, 'country')].filter(Boolean).join(', ');
        places.set(attr(n, 'ssid'), where);
      } else if (n.name === 'sanctions-program') {
        const name = kids(n, 'program-name').find((p) => attr(p, 'lang') === 'eng') ?? kid(n, 'program-name');
        for (const set of kids(n, 'sanctions-set')) programmes.set(attr(set, 'ssid'), textOf(name));
      } else targets.push(n);
    },
  });
  for (const t of targets) {
    // De-listed targets stay in the file: one whose latest change is its de-listing is no longer designated, and
    // a re-import shows it as de-listed. The file lists changes newest first; their dates decide, where given.
    if (attr(latest(kids(t, 'modification')), 'modification-type') === 'de-listed') continue;
    sink.designation(target(t, places, programmes), t.line);
  }
}

const when = (m: XmlNode): string =>
  attr(m, 'effective-date') || attr(m, 'publication-date') || attr(m, 'enactment-date');
const latest = (mods: XmlNode[]): XmlNode | undefined =>
  mods.reduce<XmlNode | undefined>((best, m) => (!best || when(m) > when(best) ? m : best), undefined);

const NAME_TYPE: Record<string, ListedName['type']> = {
  'primary-name': 'primary',
  alias: 'alias',
  'formerly-known-as': 'former',
  'spelling-variant': 'variant',
};

function target(t: XmlNode, places: Map<string, string>, programmes: Map<string, string>): Designation {
  const ref = attr(t, 'ssid');
  if (!ref) throw new ListFormatError('missing-field', { line: t.line, element: 'target', field: 'ssid' });
  const subject = kid(t, 'individual') ?? kid(t, 'entity') ?? kid(t, 'object');
  if (!subject) throw new ListFormatError('missing-field', { line: t.line, element: 'target', field: 'individual' });
  const identities = kids(subject, 'identity');
  const names: ListedName[] = [];
  for (const id of identities)
    for (const name of kids(id, 'name')) {
      const parts = kids(name, 'name-part').sort((a, b) => Number(attr(a, 'order')) - Number(attr(b, 'order')));
      const full = clean(parts.map((p) => textOf(p, 'value')).join(' '));
      if (!full) continue;
      const strength = attr(name, 'quality') === 'low' ? 'weak' : attr(name, 'quality') === 'good' ? 'strong' : null;
      names.push({ full, type: NAME_TYPE[attr(name, 'name-type')] ?? 'alias', strength, script: scriptOf(full) });
      // The same name in another script: each part's spelling in it, in the parts' order.
      const scripts = new Set(parts.flatMap((p) => kids(p, 'spelling-variant').map((v) => attr(v, 'script'))));
      for (const script of scripts) {
        const variant = clean(
          parts.map((p) => textOf(kids(p, 'spelling-variant').find((v) => attr(v, 'script') === script))).join(' '),
        );
        if (variant) names.push({ full: variant, type: 'variant', strength, script: scriptOf(variant) });
      }
    }
  if (!names.length) throw new ListFormatError('missing-field', { line: t.line, element: 'name', field: 'value' });
  const all = (tag: string): XmlNode[] => identities.flatMap((id) => kids(id, tag));
  const place = (n: XmlNode): string =>
    places.get(attr(n, 'place-id')) ?? [textOf(n, 'location'), textOf(n, 'country')].filter(Boolean).join(', ');
  const listed = kids(t, 'modification').find((m) => attr(m, 'modification-type') === 'listed');
  const listedOn = listed
    ? listDate(attr(listed, 'publication-date') || attr(listed, 'effective-date') || attr(listed, 'enactment-date'))
    : null;
  const sex = attr(subject, 'sex');
  return checked(
    {
      authority: 'ch',
      ref,
      kind:
        subject.name === 'individual'
          ? 'person'
          : subject.name === 'entity'
            ? 'entity'
            : attr(subject, 'object-type') === 'vessel'
              ? 'vessel'
              : 'other',
      names,
      birthDates: all('day-month-year').map((d) => {
        const text = [attr(d, 'day'), attr(d, 'month'), attr(d, 'year')].filter(Boolean).join('/');
        return listedDate(text, dateFromParts(attr(d, 'year'), attr(d, 'month'), attr(d, 'day')));
      }),
      birthPlaces: all('place-of-birth').map(place).filter(Boolean),
      nationalities: [
        ...new Set(
          all('nationality')
            .map((n) => textOf(n, 'country') || attr(n, 'country'))
            .filter(Boolean),
        ),
      ],
      documents: all('identification-document').flatMap((d) => {
        const number = textOf(d, 'number');
        if (!number) return [];
        const type = attr(d, 'document-type');
        return [
          {
            kind:
              type === 'passport'
                ? ('passport' as const)
                : type === 'id-card'
                  ? ('national-id' as const)
                  : ('other' as const),
            number,
            country: textOf(d, 'issuer') || attr(kid(d, 'issuer'), 'code'),
            note: type === 'passport' || type === 'id-card' ? '' : type,
          },
        ];
      }),
      addresses: all('address').map(place).filter(Boolean),
      // The set is an element in the files SECO publishes; an attribute is read too.
      programmes: [...new Set([attr(t, 'sanctions-set-id'), ...kids(t, 'sanctions-set-id').map((s) => textOf(s))])]
        .map((id) => programmes.get(id))
        .filter((p): p is string => !!p),
      positions: kids(subject, 'identity')
        .flatMap((id) => kids(id, 'position'))
        .map((p) => textOf(p))
        .filter(Boolean),
      gender: sex === 'male' ? 'male' : sex === 'female' ? 'female' : null,
      listedOn,
      reasons: clean(
        kids(subject, 'justification')
          .map((j) => textOf(j))
          .join(' '),
      ),
      remarks: clean(
        kids(subject, 'other-information')
          .map((o) => textOf(o))
          .join(' '),
      ),
    },
    t.line,
    'target',
  );
}
