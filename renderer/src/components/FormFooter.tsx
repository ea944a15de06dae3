import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group } from '@mantine/core';

/** The end of every form dialog: the error, if any, then Cancel and Save (the form's submit). */
export function FormFooter({
  error,
  onCancel,
  saveDisabled = false,
}: {
  error: string | null;
  onCancel: () => void;
  saveDisabled?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
        <Button type="submit" disabled={saveDisabled}>
          {t('actions.save')}
        </Button>
      </Group>
    </>
  );
}
