import { useMemo } from 'react';
import { commandIndex, type CommandIndex } from '@shared/domain/command';
import type { Person, Place, Unit } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';

/** Units, places and everyone who held a position, read once, and the index that answers who commanded what then. */
export function useCommandIndex(): {
  index: CommandIndex | null;
  units: Unit[] | null;
  places: Place[] | null;
  holders: Person[] | null;
} {
  const session = useSession();
  const { records: units } = useRecords(session.units, () => true, []);
  const { records: places } = useRecords(session.places, () => true, []);
  // Everyone the index names: holders of a position, commanders written on a unit by earlier versions, and the
  // merged records a position may have to be credited through.
  const named = useMemo(() => new Set((units ?? []).flatMap((u) => u.commanders.map((c) => c.personId))), [units]);
  const { records: holders } = useRecords(
    session.persons,
    (p) => p.memberships.length > 0 || !!p.mergedInto || named.has(p.id),
    [[...named].sort().join()],
  );
  const index = useMemo(
    () => (units && places && holders ? commandIndex({ units, places, persons: holders }) : null),
    [units, places, holders],
  );
  return { index, units, places, holders };
}
