import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';

export interface Submit {
  busy: boolean;
  /** The translated failure of the last try, or null. */
  error: string | null;
  submit: (e?: FormEvent) => void;
}

/**
 * A form's submit: the page does not reload, the button is busy while the
 * work runs, and a failure becomes its translated message (after `onError`,
 * e.g. clearing a wrong passphrase). One pattern for every vault and settings form.
 */
export function useSubmit(work: () => Promise<void>, onError?: () => void): Submit {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = useCallback(
    (e?: FormEvent) => {
      e?.preventDefault();
      setError(null);
      setBusy(true);
      work().then(
        () => setBusy(false),
        (err: unknown) => {
          onError?.();
          setError(errorMessage(t, err));
          setBusy(false);
        },
      );
    },
    [work, onError, t],
  );
  return { busy, error, submit };
}
