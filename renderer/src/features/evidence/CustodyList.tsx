import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Stack, Text } from '@mantine/core';
import type { EvidenceDocument } from '@shared/domain/records';
import { verifyCustody, type CustodyStanding } from '@shared/crypto/custody-signatures';
import { ed25519 } from '../../db/member-keys';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';

/** A file's chain of custody, each entry with who signed it: a verified member, or unsigned or invalid in red. */
export function CustodyList({ doc }: { doc: EvidenceDocument }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const { records: members } = useRecords(session.members, () => true, []);
  const byId = useMemo(() => new Map((members ?? []).map((m) => [m.id, m])), [members]);
  const [standings, setStandings] = useState<CustodyStanding[] | null>(null);
  useEffect(() => {
    if (!members) return;
    let live = true;
    void verifyCustody(
      doc.id,
      doc.custody,
      (id) => {
        const m = byId.get(id);
        return m ? [m.signingKey, ...m.formerSigningKeys] : [];
      },
      ed25519,
    ).then((s) => {
      if (live) setStandings(s);
    });
    return () => {
      live = false;
    };
  }, [doc, byId, members]);

  const signed = (s: CustodyStanding | undefined): ReactNode => {
    if (!s) return null;
    if (s.kind === 'foreign')
      return (
        <Text span size="sm" c="dimmed">
          {' · '}
          {t('evidence.custodyForeign')}
        </Text>
      );
    if (s.kind === 'verified')
      return (
        <Text span size="sm" c="dimmed">
          {' · '}
          {t('evidence.custodySigned', { name: byId.get(s.member)?.name ?? '' })}
        </Text>
      );
    return (
      <Text span size="sm" c="red" fw={600}>
        {' · '}
        {t(s.kind === 'unsigned' ? 'evidence.custodyUnsigned' : 'evidence.custodyInvalid')}
      </Text>
    );
  };

  return (
    <Stack gap={2} component="ol" style={{ margin: 0, paddingInlineStart: '1.2em' }} aria-label={t('evidence.custody')}>
      {doc.custody.map((c, i) => (
        <li key={i}>
          <Text size="sm" c={c.hashOk === false ? 'red' : undefined}>
            {t('evidence.custodyLine', {
              date: formatTimestamp(c.at, settings),
              action: t(`evidence.custodyAction.${c.action}`),
              by: c.by || t('common.localUser'),
            })}
            {c.action === 'verified'
              ? ` · ${c.hashOk ? t('evidence.custodyVerifiedOk') : t('evidence.custodyVerifiedBad', { reason: t(`evidence.mismatchReason.${c.detail}`, { defaultValue: c.detail }) })}`
              : ''}
            {c.action === 'exported' ? ` · ${t('evidence.exportedTo', { detail: c.detail })}` : ''}
            {signed(standings?.[i])}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
