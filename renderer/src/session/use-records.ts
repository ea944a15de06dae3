import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RecordOf, RecordTable } from '@shared/domain/records';
import type { Collection } from '../db/collection';

/** The records of a collection that match, re-read whenever the collection changes. */
export function useRecords<T extends RecordTable>(
  collection: Collection<T>,
  filter: (r: RecordOf<T>) => boolean,
  deps: unknown[],
): { records: Array<RecordOf<T>> | null; error: unknown } {
  const version = useSyncExternalStore(
    (l) => collection.subscribe(l),
    () => collection.getVersion(),
  );
  const [state, setState] = useState<{ records: Array<RecordOf<T>> | null; error: unknown }>({
    records: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    collection.where(filter).then(
      (records) => {
        if (live) setState({ records, error: null });
      },
      (error: unknown) => {
        if (live) setState({ records: [], error });
      },
    );
    return () => {
      live = false;
    };
  }, [collection, version, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
