import type { Recipient } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

export interface RecipientDraft {
  name: string;
  contact: string;
  notes: string;
  /** The keys after the one pasted or read from a file was added (checked by openpgp.js before this). */
  keys: Recipient['keys'];
}

export type RecipientProblem = 'name-required' | 'key-required';

/** The recipient as one change: new, or the stored one revised. A recipient without a key cannot receive a package. */
export function recipientChange(
  d: RecipientDraft,
  ctx: { existing: Recipient | null; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: RecipientProblem } {
  if (!d.name.trim()) return { ok: false, problem: 'name-required' };
  const keys = [...new Map(d.keys.map((k) => [k.fingerprint, k])).values()];
  if (!keys.length) return { ok: false, problem: 'key-required' };
  const fields = { name: d.name.trim(), contact: d.contact.trim(), notes: d.notes.trim(), keys };
  const recipient = ctx.existing
    ? revised(ctx.existing, fields, ctx.now)
    : newRecord('recipients', { id: ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'recipients', put: recipient } };
}
