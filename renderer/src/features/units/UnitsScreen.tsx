import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Unit } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { useFormatDate } from '../../components/use-format-date';
import { randomId } from '../../db/webcrypto-key';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { blankUnitDraft, unitChange, unitDraftFrom, type UnitDraft } from './unit-draft';
import {
  blankPerpetratorDraft,
  perpetratorChange,
  perpetratorDraftFrom,
  type PerpetratorDraft,
} from './perpetrator-draft';
import { RecordLinks } from '../links/RecordLinks';
import { UnitDialog } from './UnitDialog';
import { CommandGraph } from './CommandGraph';
import { PerpetratorDialog } from './PerpetratorDialog';

/** Security branches, military units and armed groups as a hierarchy, and the people suspected of crimes with their units over time. */
export function UnitsScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const { records: units } = useRecords(session.units, () => true, []);
  const { records: perps } = useRecords(session.persons, (p) => p.role === 'perpetrator', []);
  const [unitDraft, setUnitDraft] = useState<UnitDraft | null>(null);
  const [perp, setPerp] = useState<PerpetratorDraft | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { records: everyone } = useRecords(session.persons, () => true, []);
  const { records: events } = useRecords(session.events, () => true, []);
  // Perpetrators are linked from any case; name the other end without opening that case (witnesses by pseudonym).
  const labelOf = (table: string, id: string): string => {
    if (table === 'units') return unitName(id);
    if (table === 'persons') {
      const x = everyone?.find((q) => q.id === id);
      return x ? (x.role === 'witness' ? x.pseudonym : displayName(x.nameAr, x.nameLatin, language)) : id.slice(0, 8);
    }
    if (table === 'events') {
      const e = events?.find((q) => q.id === id);
      return e ? `${t(`eventKind.${e.kind}`)} ${fmt(e.date)}` : id.slice(0, 8);
    }
    return id.slice(0, 8);
  };
  const unitName = (id: string | null): string => {
    const u = units?.find((x) => x.id === id);
    return u ? displayName(u.nameAr, u.nameEn, language) : t('common.none');
  };
  const children = (parentId: string | null): Unit[] =>
    (units ?? [])
      .filter((u) => u.parentId === parentId)
      .sort((a, b) => unitName(a.id).localeCompare(unitName(b.id), language));
  const tree = (parentId: string | null): ReactNode => {
    const kids = children(parentId);
    if (!kids.length) return null;
    return (
      <ul style={{ margin: 0, paddingInlineStart: parentId ? '1.4em' : 0, listStyle: parentId ? 'disc' : 'none' }}>
        {kids.map((u) => (
          <li key={u.id}>
            {/* The name opens the unit; its accessible name says so and still contains the visible name. */}
            <Button
              size="compact-sm"
              variant="subtle"
              dir="auto"
              aria-label={t('units.editNamed', { name: unitName(u.id) })}
              title={t('units.edit')}
              onClick={() => {
                setError(null);
                setUnitDraft(unitDraftFrom(u));
              }}
            >
              {unitName(u.id)}
            </Button>
            {u.notes && (
              <Text span size="sm" c="dimmed">
                {' '}
                — {u.notes}
              </Text>
            )}
            {tree(u.id)}
          </li>
        ))}
      </ul>
    );
  };

  const commitPlanned = useCommitPlanned(setError);
  const saveUnit = async (): Promise<void> => {
    if (!unitDraft) return;
    const ctx = { units: units ?? [], actor: session.actor, now: new Date(), newId: randomId };
    const existing = unitDraft.id ? await session.units.get(unitDraft.id) : undefined;
    if (await commitPlanned(unitChange(unitDraft, { ...ctx, existing }))) setUnitDraft(null);
  };
  const savePerp = async (): Promise<void> => {
    if (!perp) return;
    const existing = perp.id ? await session.persons.get(perp.id) : undefined;
    if (
      await commitPlanned(perpetratorChange(perp, { existing, actor: session.actor, now: new Date(), newId: randomId }))
    )
      setPerp(null);
  };

  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: unitName(u.id) }));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('units.title')}
      </Title>
      <Paper withBorder p="md" component="section" aria-labelledby="units-h">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="units-h">
            {t('units.unitsTitle')}
          </Title>
          <Button
            onClick={() => {
              setError(null);
              setUnitDraft(blankUnitDraft());
            }}
          >
            {t('units.addUnit')}
          </Button>
        </Group>
        {units && units.length === 0 && <Text c="dimmed">{t('units.unitsEmpty')}</Text>}
        <nav aria-label={t('units.unitsTitle')}>{tree(null)}</nav>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="perps-h">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="perps-h">
            {t('units.perpetratorsTitle')}
          </Title>
          <Button
            onClick={() => {
              setError(null);
              setPerp(blankPerpetratorDraft());
            }}
          >
            {t('units.addPerpetrator')}
          </Button>
        </Group>
        {perps && perps.length === 0 && <Text c="dimmed">{t('units.perpetratorsEmpty')}</Text>}
        <Stack gap="xs">
          {(perps ?? []).map((p) => {
            const name = displayName(p.nameAr, p.nameLatin, language);
            return (
              <Paper key={p.id} withBorder p="sm" component="article" aria-label={name}>
                <Group justify="space-between" align="start">
                  <Stack gap={2}>
                    <Text fw={600}>
                      <Anchor component={Link} to={`/perpetrators/${p.id}`} dir="auto">
                        {name}
                      </Anchor>
                      {p.rank ? ` · ${p.rank}` : ''}
                    </Text>
                    {p.memberships.map((m, i) => (
                      <Text key={i} size="sm">
                        {t(m.commands ? 'units.commandLine' : 'units.membershipLine', {
                          unit: unitName(m.unitId),
                          // A commander's line reads whole without a role; a member's says it has none.
                          role: m.commands ? (m.role ? ` · ${m.role}` : '') : m.role || t('common.none'),
                          from: fmt(m.from),
                          to: m.to ? fmt(m.to) : '…',
                        })}
                      </Text>
                    ))}
                    {p.sanctionsRefs.length > 0 && (
                      <Text size="sm" c="dimmed">
                        {t('units.sanctions')}: {p.sanctionsRefs.join(', ')}
                      </Text>
                    )}
                    <RecordLinks table="persons" id={p.id} labelOf={labelOf} />
                  </Stack>
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('units.editNamed', { name })}
                    onClick={() => {
                      setError(null);
                      setPerp(perpetratorDraftFrom(p));
                    }}
                  >
                    {t('units.edit')}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </Paper>

      <CommandGraph />
      <UnitDialog
        draft={unitDraft}
        setDraft={setUnitDraft}
        unitOptions={unitOptions}
        error={error}
        onSave={() => void saveUnit()}
        onClose={() => setUnitDraft(null)}
      />
      <PerpetratorDialog
        draft={perp}
        setDraft={setPerp}
        unitOptions={unitOptions}
        error={error}
        onSave={() => void savePerp()}
        onClose={() => setPerp(null)}
      />
    </Stack>
  );
}
