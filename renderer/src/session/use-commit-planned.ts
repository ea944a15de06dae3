import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Change } from '../db/record-store';
import { useSession } from './VaultProvider';
import { errorMessage } from './error-message';

/**
 * What a feature's draft model makes of a Save: the changes to write, or a problem code under `errors.*`, with the
 * row it is in when the form has rows (counted from 0, shown from 1).
 */
export type Planned =
  { ok: true; change: Change } | { ok: true; changes: Change[] } | { ok: false; problem: string; row?: number };

/**
 * Writes what a draft model planned as one commit, or shows its problem; a
 * storage failure becomes its translated message. Resolves true if written.
 */
export function useCommitPlanned(setError: (message: string | null) => void): (planned: Planned) => Promise<boolean> {
  const { t } = useTranslation();
  const session = useSession();
  return useCallback(
    async (planned: Planned) => {
      if (!planned.ok) {
        setError(t(`errors.${planned.problem}`, planned.row === undefined ? {} : { row: planned.row + 1 }));
        return false;
      }
      try {
        await session.commit('change' in planned ? [planned.change] : planned.changes);
        setError(null);
        return true;
      } catch (e) {
        setError(errorMessage(t, e));
        return false;
      }
    },
    [session, setError, t],
  );
}
