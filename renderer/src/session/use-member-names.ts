import { useMemo } from 'react';
import { useSession } from './VaultProvider';
import { useRecords } from './use-records';

/**
 * Members' names by id, for a case's assignee (a member's id since members exist). An assignee that is no
 * member's id is a name typed before then, shown as it was typed.
 */
export function useMemberNames(): (assignee: string) => string {
  const session = useSession();
  const { records } = useRecords(session.members, () => true, []);
  return useMemo(() => {
    const names = new Map((records ?? []).map((m) => [m.id, m.name]));
    return (assignee: string) => names.get(assignee) ?? assignee;
  }, [records]);
}
