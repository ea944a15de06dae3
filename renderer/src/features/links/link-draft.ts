import type { Link } from '@shared/domain/records';
import { newRecord } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** What the Add link form picks: each end as "table:id" (ids of built-in places contain no colon, UUIDs none). */
export interface LinkDraft {
  type: Link['type'];
  from: string | null;
  to: string | null;
  note: string;
}

export const blankLinkDraft = (): LinkDraft => ({ type: 'corroborates', from: null, to: null, note: '' });

export type LinkProblem = 'link-ends-required' | 'link-to-itself';

function end(value: string): { table: string; id: string } | null {
  const at = value.indexOf(':');
  return at > 0 && at < value.length - 1 ? { table: value.slice(0, at), id: value.slice(at + 1) } : null;
}

/** The new typed link, as one change. */
export function linkChange(
  d: LinkDraft,
  ctx: { actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: LinkProblem } {
  const from = d.from ? end(d.from) : null;
  const to = d.to ? end(d.to) : null;
  if (!from || !to) return { ok: false, problem: 'link-ends-required' };
  if (from.table === to.table && from.id === to.id) return { ok: false, problem: 'link-to-itself' };
  const link = newRecord(
    'links',
    {
      id: ctx.newId(),
      type: d.type,
      fromTable: from.table,
      fromId: from.id,
      toTable: to.table,
      toId: to.id,
      note: d.note.trim(),
    },
    ctx.actor,
    ctx.now,
  );
  return { ok: true, change: { table: 'links', put: link, fresh: true } };
}
