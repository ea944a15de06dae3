import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextInput } from '@mantine/core';
import { formatPartialDate, parsePartialDate } from '@shared/domain/partial-date';
import { useSettings } from '../settings/settings-store';

/**
 * A date typed as said ("2013", "March 2013" as 2013-03, "about 2013",
 * "2012 .. 2014"), shown back with its precision so the user sees how it was
 * understood. The text is the draft; it is parsed when the form is saved.
 */
const PLACEHOLDER = '2013-03 · ~2013 · 2012 .. 2014';

export function PartialDateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const parsed = value.trim() ? parsePartialDate(value) : null;
  const description = parsed?.ok
    ? t('caseEditor.datePreview', {
        text: formatPartialDate(parsed.value, settings.language, { arabicDigits: settings.arabicDigits }),
      })
    : undefined;
  const error = parsed && !parsed.ok ? t(`errors.date-${parsed.error}`) : undefined;
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={description}
      error={error}
      placeholder={PLACEHOLDER}
      // Dates are digits: left to right (so the examples read correctly in Arabic), unless Arabic words are typed (حوالي ٢٠١٣).
      dir={/[\u0600-\u06FF]/.test(value) ? 'rtl' : 'ltr'}
    />
  );
}
