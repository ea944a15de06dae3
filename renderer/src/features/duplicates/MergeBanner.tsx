import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { errorMessage } from '../../session/error-message';
import type { PersonRef } from '../../search/search-protocol';

/**
 * A merge, seen from either side: "this person is recorded as the same
 * person as …" on the merged record, "also recorded as …" on the other, each
 * with Undo. Undoing clears the mark; nothing else ever changed.
 */
export function MergeBanner({ personId }: { personId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const [into, setInto] = useState<PersonRef | null>(null);
  const [others, setOthers] = useState<PersonRef[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => session.persons.subscribe(() => setVersion((v) => v + 1)), [session]);
  useEffect(() => {
    let live = true;
    void session.search.mergeInfo(personId).then((info) => {
      if (live) {
        setInto(info.into);
        setOthers(info.others);
      }
    });
    return () => {
      live = false;
    };
  }, [personId, session, version]);

  const unmerge = async (id: string): Promise<void> => {
    try {
      const p = await session.store.get('persons', id);
      if (p) await session.persons.put({ ...p, mergedInto: null, updatedAt: new Date().toISOString() });
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  if (!into && !others.length) return null;
  return (
    <Alert color="grape" role="region" aria-label={t('duplicates.mergeRegion')}>
      <Stack gap={6}>
        {into && (
          <Group gap="xs">
            <Text size="sm">{t('duplicates.mergedInto')}</Text>
            {into.caseId ? (
              <Anchor component={Link} to={`/cases/${into.caseId}`} size="sm" dir="auto">
                {displayName(into.nameAr, into.nameLatin, language)}
              </Anchor>
            ) : (
              <Text size="sm" dir="auto">
                {displayName(into.nameAr, into.nameLatin, language)}
              </Text>
            )}
            {into.reference && (
              <Text size="sm" ff="monospace" dir="ltr">
                {into.reference}
              </Text>
            )}
            <Button size="compact-xs" variant="light" onClick={() => void unmerge(personId)}>
              {t('duplicates.undo')}
            </Button>
          </Group>
        )}
        {others.map((o) => (
          <Group gap="xs" key={o.id}>
            <Text size="sm">{t('duplicates.alsoRecorded')}</Text>
            {o.caseId ? (
              <Anchor component={Link} to={`/cases/${o.caseId}`} size="sm" dir="auto">
                {displayName(o.nameAr, o.nameLatin, language)} {o.reference && `(${o.reference})`}
              </Anchor>
            ) : (
              <Text size="sm" dir="auto">
                {displayName(o.nameAr, o.nameLatin, language)}
              </Text>
            )}
            <Button size="compact-xs" variant="light" onClick={() => void unmerge(o.id)}>
              {t('duplicates.undo')}
            </Button>
          </Group>
        ))}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
