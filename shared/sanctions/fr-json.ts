import { z } from 'zod';
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

/**
 * France's national register of asset freezes (Registre national des gels, Direction générale du Trésor), as
 * JSON: `Publications.DatePublication` and `Publications.PublicationDetail`, one entry per designation with
 * `IdRegistre`, `Nature` ("Personne physique", "Personne morale", …), `Nom` and `RegistreDetail`: a list of
 * fields, each a `TypeChamp` (PRENOM, ALIAS, DATE_DE_NAISSANCE, LIEU_DE_NAISSANCE, NATIONALITE, PASSEPORT,
 * IDENTIFICATION, ADRESSE_PP, MOTIFS, FONDEMENT_JURIDIQUE, TITRE, SEXE, …) with its `Valeur` items.
 */
const valueItem = z.record(z.string(), z.unknown());
const entrySchema = z.object({
  IdRegistre: z.union([z.number(), z.string()]),
  Nature: z.string().optional(),
  Nom: z.string().optional(),
  RegistreDetail: z
    .array(z.object({ TypeChamp: z.string(), Valeur: z.array(valueItem).max(500) }))
    .max(500)
    .optional(),
});
const fileSchema = z.object({
  Publications: z.object({
    DatePublication: z.string().optional(),
    PublicationDetail: z.array(z.unknown()),
  }),
});

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? clean(String(v)) : '');

export function parseFrJson(text: string, sink: ListSink): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // JSON.parse names the position, not the line: turn it into one.
    const at = /position (\d+)/.exec(String(e));
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new ListFormatError('malformed', { line, detail: 'JSON' });
  }
  const file = fileSchema.safeParse(data);
  if (!file.success) throw new ListFormatError('not-this-format', { element: 'Publications' });
  sink.meta({
    format: 'fr-json',
    authority: 'fr',
    publishedOn: listDate(file.data.Publications.DatePublication?.slice(0, 10) ?? ''),
  });
  file.data.Publications.PublicationDetail.forEach((raw, i) => {
    // An entry's place in the list stands for its line: JSON has no lines worth naming once parsed.
    const at = i + 1;
    const r = entrySchema.safeParse(raw);
    if (!r.success)
      throw new ListFormatError('bad-value', {
        line: at,
        element: 'PublicationDetail',
        field: String(r.error.issues[0]?.path.join('.')),
      });
    sink.designation(entry(r.data, at), at);
  });
}

function entry(e: z.infer<typeof entrySchema>, at: number): Designation {
  const ref = str(e.IdRegistre);
  if (!ref) throw new ListFormatError('missing-field', { line: at, element: 'PublicationDetail', field: 'IdRegistre' });
  const fields = (type: string) =>
    (e.RegistreDetail ?? []).filter((f) => f.TypeChamp === type).flatMap((f) => f.Valeur);
  const given = fields('PRENOM')
    .map((v) => str(v.Prenom))
    .filter(Boolean)
    .join(' ');
  const family = str(e.Nom);
  const full = clean(`${given} ${family}`);
  if (!full) throw new ListFormatError('missing-field', { line: at, element: 'PublicationDetail', field: 'Nom' });
  const person = /physique/i.test(e.Nature ?? '');
  const aliases: ListedName[] = fields('ALIAS').flatMap((v) => {
    const a = str(v.Alias);
    return a ? [{ full: a, type: 'alias' as const, strength: null, script: scriptOf(a) }] : [];
  });
  const sex =
    fields('SEXE')
      .map((v) => str(v.Sexe))
      .find(Boolean) ?? '';
  const docs = (type: string, kind: 'passport' | 'national-id', key: string) =>
    fields(type).flatMap((v) => {
      const number = str(v[key]);
      return number ? [{ kind, number, country: str(v.Pays), note: str(v.Commentaire) }] : [];
    });
  return checked(
    {
      authority: 'fr',
      ref,
      kind: person
        ? 'person'
        : /morale/i.test(e.Nature ?? '')
          ? 'entity'
          : /navire/i.test(e.Nature ?? '')
            ? 'vessel'
            : 'other',
      names: [{ full, type: 'primary', strength: null, script: scriptOf(full) }, ...aliases],
      birthDates: fields('DATE_DE_NAISSANCE').map((v) => {
        const text = [str(v.Jour), str(v.Mois), str(v.Annee)].filter(Boolean).join('/');
        return listedDate(text, dateFromParts(str(v.Annee), str(v.Mois), str(v.Jour)));
      }),
      birthPlaces: fields('LIEU_DE_NAISSANCE')
        .map((v) => [str(v.Lieu), str(v.Pays)].filter(Boolean).join(', '))
        .filter(Boolean),
      nationalities: [
        ...new Set(
          fields('NATIONALITE')
            .map((v) => str(v.Pays))
            .filter(Boolean),
        ),
      ],
      documents: [
        ...docs('PASSEPORT', 'passport', 'NumeroPasseport'),
        ...docs('IDENTIFICATION', 'national-id', 'Identification'),
      ],
      addresses: [...fields('ADRESSE_PP'), ...fields('ADRESSE_PM')]
        .map((v) => [str(v.Adresse), str(v.Pays)].filter(Boolean).join(', '))
        .filter(Boolean),
      programmes: [
        ...new Set(
          fields('FONDEMENT_JURIDIQUE')
            .map((v) => str(v.FondementJuridiqueLabel) || str(v.FondementJuridique))
            .filter(Boolean),
        ),
      ],
      positions: fields('TITRE')
        .map((v) => str(v.Titre))
        .filter(Boolean),
      gender: /^(masculin|m)/i.test(sex) ? 'male' : /^(f[ée]minin|f)/i.test(sex) ? 'female' : null,
      listedOn: null,
      reasons: clean(
        fields('MOTIFS')
          .map((v) => str(v.Motifs))
          .join(' '),
      ),
      remarks: '',
    },
    at,
    'PublicationDetail',
  );
}
