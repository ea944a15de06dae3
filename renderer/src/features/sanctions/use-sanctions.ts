import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import type { DesignationMatch, DesignationRecord, SanctionsList } from '@shared/domain/records';

/** The lists, designations and matching decisions on file, read together. */
export function useSanctions(): {
  lists: SanctionsList[] | null;
  designations: DesignationRecord[] | null;
  matches: DesignationMatch[] | null;
} {
  const session = useSession();
  const { records: lists } = useRecords(session.sanctionsLists, () => true, []);
  const { records: designations } = useRecords(session.designations, () => true, []);
  const { records: matches } = useRecords(session.designationMatches, () => true, []);
  return { lists, designations, matches };
}
