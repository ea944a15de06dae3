import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import type { CaseStatus } from '@shared/domain/records';

const COLORS: Record<CaseStatus, string> = {
  open: 'blue',
  detained: 'orange',
  disappeared: 'red',
  released: 'teal',
  deceased: 'dark',
  found: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: CaseStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light">
      {t(`caseStatus.${status}`)}
    </Badge>
  );
}
