import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../../../../renderer/src/i18n/en';
import { ar } from '../../../../renderer/src/i18n/ar';
import { integrityFieldMessage } from '../../../../renderer/src/features/audit/integrity-messages';

const t = async (lng: 'en' | 'ar') => {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { en: { translation: en }, ar: { translation: ar } } });
  return i.t.bind(i);
};

describe('the audit log’s integrity entries', () => {
  it('name the entry a replaced or unsigned head was found at, in both languages', async () => {
    const tEn = await t('en');
    expect(integrityFieldMessage(tEn, 'integrity:head-signature:47')).toContain('(48)');
    expect(integrityFieldMessage(tEn, 'integrity:replaced:9')).toContain('10');
    expect(integrityFieldMessage(tEn, 'integrity:replaced:9')).not.toContain('?');
    // Written before the position was recorded: no number is made up.
    expect(integrityFieldMessage(tEn, 'integrity:head-signature')).toContain('(?)');
    const tAr = await t('ar');
    expect(integrityFieldMessage(tAr, 'integrity:head-signature:47')).toContain('48');
  });
});
