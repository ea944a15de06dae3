import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Modal, Table, Text } from '@mantine/core';
import type { CaseSummary } from '../../db/case-repository';
import { displayName } from '@shared/names/display-name';
import { useSettings } from '../../settings/settings-store';
import type { CountPick } from './CountTable';

/** The cases behind a number: only cases this member may open are ever counted, so every one here opens. */
export function CasesBehind({
  picked,
  summaries,
  onClose,
}: {
  picked: CountPick | null;
  summaries: ReadonlyMap<string, CaseSummary>;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const navigate = useNavigate();
  const cases = (picked?.caseIds ?? []).flatMap((id) => summaries.get(id) ?? []);
  return (
    <Modal opened={picked !== null} onClose={onClose} title={picked?.title ?? ''} size="lg">
      <Text size="sm" mb="xs">
        {t('patterns.casesCount', { count: cases.length })}
      </Text>
      <Table striped aria-label={picked?.title ?? ''}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.col.reference')}</Table.Th>
            <Table.Th>{t('incidents.col.person')}</Table.Th>
            <Table.Th>{t('incidents.col.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => void navigate(`/cases/${c.id}`)}>
                  {c.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <bdi>{displayName(c.nameAr, c.nameLatin, language)}</bdi>
              </Table.Td>
              <Table.Td>{t(`caseStatus.${c.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
