import type { Testimony } from './records';

/** A mechanism is always a recipient record: consent names it by id, never by a name someone typed at export. */
export type Recipient = { kind: 'internal' } | { kind: 'mechanism'; id: string; name: string } | { kind: 'public' };

/** How a name typed by an older version is read against a recipient's recorded name. */
export const sameRecipientName = (a: string, b: string): boolean =>
  a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();

/**
 * Whether a testimony's consent lets it go to this recipient. Scopes widen in
 * order: internal < named mechanisms < public (anonymised). A withdrawal
 * covers nothing from its date on: every later export leaves the testimony out.
 */
export function consentCovers(consent: Testimony['consent'], recipient: Recipient): boolean {
  if (consent.withdrawnAt) return false;
  switch (recipient.kind) {
    case 'internal':
      return true;
    case 'mechanism':
      if (consent.scope === 'public-anonymised') return true;
      if (consent.scope !== 'mechanisms') return false;
      if (consent.recipientIds.includes(recipient.id)) return true;
      // Consent recorded before recipients were records: the recipient's own recorded name must be the one given.
      return recipient.name.trim() !== '' && consent.mechanisms.some((m) => sameRecipientName(m, recipient.name));
    case 'public':
      return consent.scope === 'public-anonymised';
  }
}

/** Mentions (@person, @place, @event) in a ProseMirror document, as [table, id] pairs. */
export function mentionsIn(doc: unknown): Array<{ table: string; id: string }> {
  const out = new Map<string, { table: string; id: string }>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; attrs?: { id?: unknown }; content?: unknown[] };
    if (n.type === 'mention' && typeof n.attrs?.id === 'string') {
      const [table, ...rest] = n.attrs.id.split(':');
      const id = rest.join(':');
      if (table && id) out.set(n.attrs.id, { table, id });
    }
    n.content?.forEach(walk);
  };
  walk(doc);
  return [...out.values()];
}
