import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './VaultProvider';
import { useRecords } from './use-records';
import { useSettings } from '../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { placeLabel } from '../components/place-label';
import { useFormatDate } from '../components/use-format-date';
import type { Case, Person } from '@shared/domain/records';

export interface RecordRef {
  table: string;
  id: string;
  label: string;
  kind: string;
  tab: string | null;
}

/**
 * Every record that belongs to a case (and the gazetteer), each with a label
 * that never shows a witness's name: witnesses are labelled by pseudonym.
 */
export function useCaseRecords(caseId: string): {
  records: RecordRef[];
  labelOf: (table: string, id: string) => string;
  byKey: Map<string, RecordRef>;
} {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const [loaded, setLoaded] = useState<{ record: Case; subject: Person } | null>(null);
  useEffect(() => {
    void session.cases.load(caseId).then(setLoaded);
  }, [caseId, session]);
  const { records: persons } = useRecords(session.persons, () => true, []);
  const { records: testimonies } = useRecords(session.testimonies, (x) => x.caseId === caseId, [caseId]);
  const { records: documents } = useRecords(session.documents, (x) => x.caseId === caseId, [caseId]);
  const { records: events } = useRecords(session.events, (x) => x.caseId === caseId, [caseId]);
  const { records: contacts } = useRecords(session.contacts, (x) => x.caseId === caseId, [caseId]);
  const { records: places } = useRecords(session.places, () => true, []);

  return useMemo(() => {
    const kind = (table: string): string => t(`links.kinds.${table}`, { defaultValue: table });
    const personLabel = (p: Person): string =>
      p.role === 'witness' ? p.pseudonym || t('common.none') : displayName(p.nameAr, p.nameLatin, language);
    const refs: RecordRef[] = [];
    if (loaded) {
      refs.push({
        table: 'cases',
        id: loaded.record.id,
        label: loaded.record.reference,
        kind: kind('cases'),
        tab: 'overview',
      });
      refs.push({
        table: 'persons',
        id: loaded.subject.id,
        label: personLabel(loaded.subject),
        kind: kind('persons'),
        tab: 'overview',
      });
    }
    for (const x of testimonies ?? []) {
      const w = persons?.find((p) => p.id === x.witnessId);
      refs.push({
        table: 'testimonies',
        id: x.id,
        label: `${w ? personLabel(w) : ''} · ${fmt(x.date)}`,
        kind: kind('testimonies'),
        tab: 'testimonies',
      });
      if (w)
        refs.push({ table: 'persons', id: w.id, label: personLabel(w), kind: kind('persons'), tab: 'testimonies' });
    }
    for (const d of documents ?? [])
      refs.push({ table: 'documents', id: d.id, label: d.originalName, kind: kind('documents'), tab: 'evidence' });
    for (const e of events ?? [])
      refs.push({
        table: 'events',
        id: e.id,
        label: `${t(`eventKind.${e.kind}`)} · ${fmt(e.date)}`,
        kind: kind('events'),
        tab: 'events',
      });
    for (const c of contacts ?? [])
      refs.push({
        table: 'contacts',
        id: c.id,
        label: `${c.name} (${c.relationship})`,
        kind: kind('contacts'),
        tab: 'contacts',
      });
    // Suspected perpetrators are not tied to one case: they can be involved in any case's events.
    for (const p of persons ?? [])
      if (p.role === 'perpetrator')
        refs.push({ table: 'persons', id: p.id, label: personLabel(p), kind: kind('persons'), tab: null });
    const caseRefs = refs.length;
    for (const p of places ?? [])
      refs.push({ table: 'places', id: p.id, label: placeLabel(p, language, p.id), kind: kind('places'), tab: null });
    const byKey = new Map(refs.map((r) => [`${r.table}:${r.id}`, r]));
    const labelOf = (table: string, id: string): string =>
      byKey.get(`${table}:${id}`)?.label ?? `${kind(table)} ${id.slice(0, 8)}`;
    return { records: refs.slice(0, caseRefs).concat(refs.slice(caseRefs)), labelOf, byKey };
  }, [loaded, persons, testimonies, documents, events, contacts, places, language, t, fmt]);
}
