import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { errorMessage } from '../../session/error-message';
import { POLICY_ID } from '../reviews/export-review';

/** The organisation's rules for every member (a signed record; only an administrator changes them). */
export function OrganisationPolicy(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { records } = useRecords(session.policies, (p) => p.id === POLICY_ID, []);
  const policy = records?.[0];
  const [error, setError] = useState<string | null>(null);
  const admin = session.member.roles.includes('administrator');
  const set = async (requireExportReview: boolean): Promise<void> => {
    setError(null);
    const now = new Date().toISOString();
    try {
      await session.policies.put(
        policy
          ? { ...policy, requireExportReview, updatedAt: now }
          : { id: POLICY_ID, createdAt: now, updatedAt: now, author: session.actor, requireExportReview },
      );
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="policy-h">
      <Stack gap="xs">
        <Title order={2} size="h4" id="policy-h">
          {t('settings.policy.title')}
        </Title>
        <Checkbox
          label={t('settings.policy.requireExportReview')}
          description={t('settings.policy.requireExportReviewHelp')}
          checked={policy?.requireExportReview ?? false}
          disabled={!admin || records === null}
          onChange={(e) => void set(e.currentTarget.checked)}
        />
        {!admin && (
          <Text size="sm" c="dimmed">
            {t('settings.policy.adminOnly')}
          </Text>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
