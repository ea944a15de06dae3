import { useTranslation } from 'react-i18next';
import { formatPartialDate, type PartialDate } from '@shared/domain/partial-date';
import { useSettings } from '../settings/settings-store';

export function useFormatDate(): (d: PartialDate | null) => string {
  const { t } = useTranslation();
  const s = useSettings();
  return (d) => (d ? formatPartialDate(d, s.language, { arabicDigits: s.arabicDigits }) : t('timeline.unknownDate'));
}
