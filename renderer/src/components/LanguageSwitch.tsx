import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SegmentedControl } from '@mantine/core';
import { updateSettings, useSettings } from '../settings/settings-store';

export function LanguageSwitch(): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  return (
    <SegmentedControl
      size="xs"
      value={language}
      aria-label={t('settings.language')}
      onChange={(v) => updateSettings({ language: v === 'ar' ? 'ar' : 'en' })}
      data={[
        { value: 'en', label: t('common.language.en') },
        { value: 'ar', label: t('common.language.ar') },
      ]}
    />
  );
}
