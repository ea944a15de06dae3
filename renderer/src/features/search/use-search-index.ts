import { useSyncExternalStore } from 'react';
import { useSession } from '../../session/VaultProvider';
import type { IndexState } from '../../search/search-service';

/** Whether the search index is still being built after unlock, and how far along. */
export function useSearchIndexState(): IndexState {
  const session = useSession();
  return useSyncExternalStore(
    (l) => session.search.subscribe(l),
    () => session.search.current(),
  );
}
