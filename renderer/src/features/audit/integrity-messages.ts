import type { TFunction } from 'i18next';
import type { HeadProblem, RecordProblem } from '@shared/crypto/integrity';

/** One translated sentence for what the unlock found of the chain's head. */
export function headProblemMessage(t: TFunction, p: HeadProblem): string {
  if (p.kind === 'head-unreadable') return t('integrity.head.head-unreadable');
  if (p.kind === 'replaced') return t('integrity.head.replaced', { seq: p.seq + 1 });
  if (p.kind === 'head-signature') return t('integrity.head.head-signature', { seq: p.seq + 1 });
  return t(`integrity.head.${p.kind}`, { expected: p.expected + 1, found: p.found + 1 });
}

/** The same, from the entry the unlock wrote into the chain (`integrity:<kind>[:expected:found | :seq]`). */
export function integrityFieldMessage(t: TFunction, field: string): string {
  const [, kind, expected, found] = field.split(':');
  if (kind === 'truncated' || kind === 'rolled-back')
    return headProblemMessage(t, { kind, expected: Number(expected), found: Number(found) });
  // Entries written before the position was recorded carry none: a question mark, never a guess.
  const seq = expected !== undefined && /^\d+$/.test(expected) ? Number(expected) + 1 : '?';
  if (kind === 'replaced') return t('integrity.head.replaced', { seq });
  if (kind === 'head-signature') return t('integrity.head.head-signature', { seq });
  return t('integrity.head.head-unreadable');
}

export function recordProblemMessage(t: TFunction, p: RecordProblem): string {
  const table = t(`audit.table.${p.table}`, { defaultValue: p.table });
  return t(`integrity.record.${p.kind}`, { table, id: p.id, seq: 'seq' in p ? p.seq + 1 : '' });
}
