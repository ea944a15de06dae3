import { useTranslation } from 'react-i18next';
import { useSession } from '../session/VaultProvider';
import { useRecords } from '../session/use-records';
import { useSettings } from '../settings/settings-store';
import { placeLabel } from './place-label';

/** A place's name in the interface language by its id, "place unknown" for none or one not in the gazetteer. */
export function usePlaceName(): (id: string | null) => string {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const { records: places } = useRecords(session.places, () => true, []);
  return (id) =>
    placeLabel(
      places?.find((p) => p.id === id),
      language,
      t('timeline.unknownPlace'),
    );
}
