import { useTranslation } from 'react-i18next';
import { useSession } from './VaultProvider';
import { useRecords } from './use-records';
import { useFormatDate } from '../components/use-format-date';

/** Testimonies and documents this member can read, to cite for a unit, a place or a position; and their names. */
export function useSourceOptions(): Array<{ value: string; label: string }> {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormatDate();
  const { records: testimonies } = useRecords(session.testimonies, () => true, []);
  const { records: documents } = useRecords(session.documents, () => true, []);
  return [
    ...(testimonies ?? []).map((x) => ({
      value: x.id,
      label: t('proofOfLife.source.testimony', { date: fmt(x.date) }),
    })),
    ...(documents ?? []).map((x) => ({
      value: x.id,
      label: t('proofOfLife.source.document', { name: x.originalName }),
    })),
  ];
}
