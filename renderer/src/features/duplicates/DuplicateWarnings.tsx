import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { errorMessage } from '../../session/error-message';
import type { CandidateView, PersonLike } from '../../search/search-protocol';
import { BandBadge, MatchReasons } from '../../components/MatchReasons';

/**
 * While a person is being written, the records already on file that may be
 * the same person, with the reasons. Nothing is merged unless a person says
 * so; a merge only marks the record and can be undone.
 */
export function DuplicateWarnings({
  person,
  selfId,
  canMerge,
}: {
  person: PersonLike;
  selfId: string | null;
  canMerge: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const [candidates, setCandidates] = useState<CandidateView[]>([]);
  const [confirm, setConfirm] = useState<CandidateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(person);

  useEffect(() => {
    if (!person.nameAr.trim() && !person.nameLatin.trim()) {
      setCandidates([]);
      return;
    }
    let live = true;
    // Typing should not ask on every key: wait for a pause.
    const timer = setTimeout(() => {
      void session.search.matchPerson(person, selfId ? [selfId] : []).then((found) => {
        if (live) setCandidates(found.filter((c) => c.id !== selfId));
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, selfId, session]); // eslint-disable-line react-hooks/exhaustive-deps

  const merge = async (into: CandidateView): Promise<void> => {
    if (!selfId) return;
    try {
      const self = await session.store.get('persons', selfId);
      if (!self) return;
      await session.persons.put({ ...self, mergedInto: into.id, updatedAt: new Date().toISOString() });
      setConfirm(null);
      setCandidates([]);
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };

  if (!candidates.length) return null;
  return (
    <Alert color="orange" mt="sm" title={t('duplicates.title', { count: candidates.length })} role="region">
      <Text size="sm" mb="xs">
        {t('duplicates.intro')}
      </Text>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {candidates.slice(0, 5).map((c) => (
          <Stack key={c.id} gap={4} component="li" aria-label={displayName(c.nameAr, c.nameLatin, language)}>
            <Group justify="space-between" wrap="nowrap" align="start">
              <div>
                <Text fw={600} dir="auto">
                  {displayName(c.nameAr, c.nameLatin, language)}
                </Text>
                <Text size="xs" c="dimmed">
                  {[
                    c.reference,
                    c.birthYear && t('duplicates.born', { year: c.birthYear }),
                    c.fatherName && t('duplicates.father', { name: c.fatherName }),
                    c.motherName && t('duplicates.mother', { name: c.motherName }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </div>
              <BandBadge band={c.band} score={c.score} />
            </Group>
            <MatchReasons fields={c.fields} />
            <Group gap="xs">
              {c.caseId && (
                <Anchor component={Link} to={`/cases/${c.caseId}`} size="sm">
                  {t('duplicates.open', { reference: c.reference })}
                </Anchor>
              )}
              {canMerge && selfId && (
                <Button size="compact-xs" variant="light" color="orange" onClick={() => setConfirm(c)}>
                  {t('duplicates.merge')}
                </Button>
              )}
            </Group>
          </Stack>
        ))}
      </Stack>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('duplicates.mergeTitle')} centered>
        {confirm && (
          <Text size="sm">
            {t('duplicates.mergeBody', {
              name: displayName(confirm.nameAr, confirm.nameLatin, language),
              reference: confirm.reference ?? '',
            })}
          </Text>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirm(null)}>
            {t('actions.cancel')}
          </Button>
          <Button color="orange" onClick={() => confirm && void merge(confirm)}>
            {t('duplicates.mergeConfirm')}
          </Button>
        </Group>
      </Modal>
    </Alert>
  );
}
