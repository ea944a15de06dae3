import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, PasswordInput, Progress, Text } from '@mantine/core';
import { passphraseScore } from './passphrase-strength';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

export function StrengthMeter({ value }: { value: string }): ReactNode {
  const { t } = useTranslation();
  const score = passphraseScore(value);
  const label = t(`vault.strength.${score}`);
  return (
    <Box>
      <Progress value={value ? (score + 1) * 20 : 0} color={COLORS[score]} size="sm" aria-hidden />
      <Text size="xs" mt={4} aria-live="polite">
        {value ? t('vault.strength.label', { label }) : '\u00a0'}
      </Text>
    </Box>
  );
}

interface Props {
  /** The labels differ by screen (a new vault, a change, a restore); the behaviour does not. */
  label: string;
  confirmLabel: string;
  description?: string;
  value: string;
  confirmation: string;
  onChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Shown under the confirmation field. */
  error?: string | null;
  required?: boolean;
  autoFocus?: boolean;
}

/** A new passphrase, its strength and its confirmation: creating a vault, changing the passphrase, restoring a backup. */
export function NewPassphraseFields(p: Props): ReactNode {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('vault.showPassphrase') };
  return (
    <>
      <PasswordInput
        label={p.label}
        description={p.description}
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value)}
        autoComplete="new-password"
        required={p.required}
        data-autofocus={p.autoFocus ? true : undefined}
        autoFocus={p.autoFocus}
        visibilityToggleButtonProps={toggle}
      />
      <StrengthMeter value={p.value} />
      <PasswordInput
        label={p.confirmLabel}
        value={p.confirmation}
        onChange={(e) => p.onConfirmationChange(e.currentTarget.value)}
        autoComplete="new-password"
        required={p.required}
        error={p.error}
        visibilityToggleButtonProps={toggle}
      />
    </>
  );
}
