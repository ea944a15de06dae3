import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Anchor, Button, List, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEntry } from '@shared/domain/records';
import type { EntryStanding, SignaturesVerdict } from '@shared/crypto/signatures';
import { useRecords } from '../../session/use-records';
import type { IntegrityReport } from '../../db/record-store';
import type { AppliedEntry } from '../../db/remote-chains';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { headProblemMessage, recordProblemMessage } from './integrity-messages';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { AuditTable } from './AuditTable';

const SHOWN = 200;

export function AuditScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [entries, setEntries] = useState<Array<AuditEntry | null> | null>(null);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [standings, setStandings] = useState<Map<number, EntryStanding> | undefined>(undefined);
  const { records: members } = useRecords(session.members, () => true, []);
  const names = new Map((members ?? []).map((m) => [m.id, m.name]));

  useEffect(() => {
    let live = true;
    session.store.auditEntries().then(
      async (e) => {
        if (!live) return;
        setEntries(e);
        // Who signed what: judged over the whole chain, shown beside the newest entries.
        const verdict = await session.store.verifySignatures(e);
        if (live) setStandings(standingMap(e, verdict));
      },
      (e: unknown) => {
        if (live) setError(errorMessage(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [session, t]);

  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await session.store.verifyIntegrity();
      setReport(r);
      setStandings(standingMap(await session.store.auditEntries(), r.signatures));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const recent = (entries ?? []).slice(-SHOWN).reverse();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      <Text maw={760}>{t('audit.intro')}</Text>
      <Button onClick={() => void verify()} loading={busy} style={{ alignSelf: 'start' }}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </Button>
      {report && <IntegrityResult report={report} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {entries && entries.length === 0 && <Text>{t('audit.empty')}</Text>}
      {recent.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('audit.recent', { n: recent.length })}
          </Text>
          <AuditTable entries={recent} label={t('audit.title')} withSeq standings={standings} names={names} />
        </>
      )}
      <OtherLaptops names={names} />
    </Stack>
  );
}

/**
 * The other laptops' chains as this laptop applied them, newest first: who did what, elsewhere. They are kept
 * apart from this laptop's own chain, which records only what was done here.
 */
function OtherLaptops({ names }: { names: ReadonlyMap<string, string> }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const [applied, setApplied] = useState<AppliedEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    session.store.remote.all().then(
      (r) => {
        if (live) setApplied(r.applied);
      },
      () => {
        if (live) setApplied([]);
      },
    );
    return () => {
      live = false;
    };
  }, [session]);
  if (!applied?.length) return null;
  const recent = applied.slice(-SHOWN).reverse();
  return (
    <Stack gap="xs" component="section" aria-labelledby="others-h">
      <Title order={2} size="h4" id="others-h">
        {t('audit.othersTitle', { count: applied.length })}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t('audit.othersIntro', { n: recent.length, count: applied.length })}
      </Text>
      <Table striped withTableBorder aria-labelledby="others-h">
        <Table.Thead>
          <Table.Tr>
            {(['at', 'actor', 'action', 'record', 'fields', 'here'] as const).map((c) => (
              <Table.Th key={c}>{t(`audit.col.${c}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recent.map(({ device, entry: e, aside }) => (
            <Table.Tr key={`${device}/${e.seq}`}>
              <Table.Td>{formatTimestamp(e.at, settings)}</Table.Td>
              <Table.Td dir="auto">{(e.by && names.get(e.by)) || e.actor || t('common.localUser')}</Table.Td>
              <Table.Td>{t(`audit.action.${e.action}`)}</Table.Td>
              <Table.Td>{t(`audit.table.${e.table}`, { defaultValue: e.table })}</Table.Td>
              <Table.Td dir="ltr">{e.action === 'update' ? e.fields.join(', ') : t('common.none')}</Table.Td>
              <Table.Td>{aside ? t('audit.here.aside') : t('audit.here.applied')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const LISTED = 50;

function standingMap(entries: Array<AuditEntry | null>, verdict: SignaturesVerdict): Map<number, EntryStanding> {
  const out = new Map<number, EntryStanding>();
  entries.forEach((e, i) => {
    if (e && verdict.standings[i]) out.set(e.seq, verdict.standings[i]);
  });
  return out;
}

function IntegrityResult({ report }: { report: IntegrityReport }): ReactNode {
  const { t } = useTranslation();
  const { chain, records, head, clockBackwards, signatures, others } = report;
  const c = signatures.counts;
  const badSignatures = c.invalid + c['not-permitted'] + c.unsigned + c.unreadable;
  const othersBroken = others.problems.length + others.unreadable;
  const whole =
    chain.ok && head.length === 0 && records.problems.length === 0 && badSignatures === 0 && othersBroken === 0;
  return (
    <Stack gap="xs" maw={900}>
      {whole && (
        <Alert color="teal" role="status">
          {t('audit.ok', { count: chain.count })} {t('integrity.recordsOk', { count: records.checked })}{' '}
          {t('integrity.signaturesOk', { count: c.verified })}
        </Alert>
      )}
      {badSignatures > 0 && (
        <Alert color="red" role="alert" title={t('integrity.signaturesBroken', { count: badSignatures })}>
          {t('integrity.signaturesDetail', {
            invalid: c.invalid,
            notPermitted: c['not-permitted'],
            unsigned: c.unsigned + c.unreadable,
          })}
        </Alert>
      )}
      {others.devices > 0 && othersBroken === 0 && (
        <Text size="sm">
          {t('integrity.othersOk', { devices: others.devices, count: others.entries })}{' '}
          {others.beforeMembers > 0 && t('integrity.othersBeforeMembers', { count: others.beforeMembers })}
        </Text>
      )}
      {othersBroken > 0 && <OtherChainsBroken others={others} />}
      {c['before-members'] > 0 && (
        <Text size="sm" c="dimmed">
          {t('integrity.beforeMembers', { count: c['before-members'] })}
        </Text>
      )}
      {!chain.ok && (
        <Alert color="red" role="alert">
          {t('audit.broken', {
            at: chain.brokenAt + 1,
            count: chain.count,
            reason: t(`audit.reason.${chain.reason}`),
          })}
        </Alert>
      )}
      {head.map((p) => (
        <Alert key={p.kind} color="red" role="alert">
          {headProblemMessage(t, p)}
        </Alert>
      ))}
      {records.problems.length > 0 && (
        <Alert color="red" role="alert" title={t('integrity.recordsBroken', { count: records.problems.length })}>
          <List size="sm" aria-label={t('integrity.recordsBroken', { count: records.problems.length })}>
            {records.problems.slice(0, LISTED).map((p) => (
              <List.Item key={`${p.kind}/${p.table}/${p.id}`}>
                <bdi>{recordProblemMessage(t, p)}</bdi>{' '}
                {p.table === 'cases' && p.kind !== 'missing' && (
                  <Anchor component={Link} to={`/cases/${p.id}`}>
                    {t('integrity.openCase')}
                  </Anchor>
                )}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {clockBackwards.length > 0 && (
        <Alert color="orange" role="note">
          {t('integrity.clock', {
            count: clockBackwards.length,
            list: clockBackwards
              .slice(0, 10)
              .map((s) => s + 1)
              .join(', '),
          })}
        </Alert>
      )}
      {records.unbound > 0 && (
        <Text size="sm" c="dimmed">
          {t('integrity.unbound', { count: records.unbound })}
        </Text>
      )}
    </Stack>
  );
}

function OtherChainsBroken({ others }: { others: IntegrityReport['others'] }): ReactNode {
  const { t } = useTranslation();
  const title = t('integrity.othersBroken', { count: others.problems.length + others.unreadable });
  return (
    <Alert color="red" role="alert" title={title}>
      <List size="sm" aria-label={title}>
        {others.problems.slice(0, LISTED).map((p) => (
          <List.Item key={`${p.device}/${p.seq}/${p.kind}`}>
            {t('integrity.othersProblem', {
              device: p.device.slice(0, 8),
              seq: p.seq + 1,
              reason: p.kind === 'chain' ? t(`audit.reason.${p.reason}`) : t(`integrity.othersStanding.${p.standing}`),
            })}
          </List.Item>
        ))}
        {others.unreadable > 0 && (
          <List.Item>{t('integrity.othersUnreadable', { count: others.unreadable })}</List.Item>
        )}
      </List>
    </Alert>
  );
}
