import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Box, Group, Loader, Modal, Progress, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { useSearchIndexState } from './use-search-index';
import { RESULT_KINDS, type SearchHit } from '../../search/search-index';
import { Highlight } from './Highlight';
import classes from './Search.module.css';

/**
 * One search box for everything (Ctrl/Cmd+K): persons in any spelling,
 * cases by reference, testimonies and documents by their words, places and
 * units. Results are grouped by kind and read as a listbox: arrows move,
 * Enter opens, Escape closes.
 */
export function SearchDialog({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { language } = useSettings();
  const indexState = useSearchIndexState();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const latest = useRef(0);
  const listId = useId();

  useEffect(() => {
    if (!opened) return;
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const n = ++latest.current;
    void session.search.search(q).then((found) => {
      if (n !== latest.current) return;
      setHits(found);
      setActive(0);
    });
  }, [query, opened, session, indexState.phase]);

  // Grouped by kind in a fixed order; the flat order is what the arrows walk.
  const ordered = useMemo(() => RESULT_KINDS.flatMap((k) => hits.filter((h) => h.kind === k)), [hits]);

  const open = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    if (hit.caseId) void navigate(`/cases/${hit.caseId}/${hit.tab ?? 'overview'}`);
    else if (hit.route) void navigate(hit.route);
    else return;
    onClose();
    setQuery('');
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(ordered.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(ordered[active]);
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const title = (h: SearchHit): { main: string; other: string } => {
    const [main, other] = language === 'ar' ? [h.titleAr, h.titleLatin] : [h.titleLatin, h.titleAr];
    return { main: main || other, other: main && other !== main ? other : '' };
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('search.title')} size="xl" yOffset="8vh" trapFocus returnFocus>
      <Stack gap="sm">
        <TextInput
          data-autofocus
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          role="combobox"
          aria-expanded={ordered.length > 0}
          aria-controls={listId}
          aria-activedescendant={ordered.length ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          dir="auto"
        />
        {indexState.phase === 'building' && (
          <Box role="status">
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('search.building', { done: indexState.done, total: indexState.total })}
              </Text>
            </Group>
            <Progress
              value={indexState.total ? (100 * indexState.done) / indexState.total : 0}
              size="xs"
              mt={4}
              aria-hidden
            />
          </Box>
        )}
        {indexState.phase === 'failed' && (
          <Text size="sm" c="red" role="alert">
            {t('search.failed')}
          </Text>
        )}
        <Box id={listId} role="listbox" aria-label={t('search.results')} className={classes.results}>
          {RESULT_KINDS.map((kind) => {
            const group = ordered.filter((h) => h.kind === kind);
            if (!group.length) return null;
            return (
              <Box key={kind} role="group" aria-labelledby={`${listId}-${kind}`} mb="xs">
                <Text id={`${listId}-${kind}`} size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
                  {t(`search.kinds.${kind}`)}
                </Text>
                {group.map((h) => {
                  const i = ordered.indexOf(h);
                  const { main, other } = title(h);
                  return (
                    <UnstyledButton
                      key={h.id}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === active}
                      tabIndex={-1}
                      className={classes.option}
                      data-active={i === active || undefined}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => open(h)}
                    >
                      <Text size="sm" fw={500} dir="auto">
                        <Highlight text={main} terms={h.terms} />
                        {other && (
                          <Text span c="dimmed" size="sm">
                            {' '}
                            (<Highlight text={other} terms={h.terms} />)
                          </Text>
                        )}
                      </Text>
                      {(h.subtitle || h.snippet) && (
                        <Text size="xs" c="dimmed" dir="auto">
                          {h.kind === 'place'
                            ? t('search.placeCases', { count: Number(h.subtitle) })
                            : subtitleOf(h, t)}
                          {h.snippet && (
                            <>
                              {' '}
                              — <Highlight text={h.snippet} terms={h.terms} />
                            </>
                          )}
                        </Text>
                      )}
                    </UnstyledButton>
                  );
                })}
              </Box>
            );
          })}
        </Box>
        {/* Outside the listbox: a listbox may hold only options and their groups. */}
        {query.trim() && indexState.phase === 'ready' && ordered.length === 0 && (
          <Text size="sm" c="dimmed" role="status">
            {t('search.none')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('search.keys')}
        </Text>
      </Stack>
    </Modal>
  );
}

function subtitleOf(h: SearchHit, t: (k: string) => string): string {
  if (h.kind !== 'person') return h.subtitle;
  const [role, ...rest] = h.subtitle.split(' · ');
  return [t(`personRoles.${role}`), ...rest].join(' · ');
}
