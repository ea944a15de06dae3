import { canonicalJson } from './canonical-json';
import { utf8 } from './bytes';
import type { SignatureCheck } from './signatures';

export interface SignableCustody {
  at: string;
  by: string;
  action: string;
  detail: string;
  hashOk: boolean | null;
  member?: string | undefined;
  sig?: string | undefined;
}

/**
 * What a member signs when they add an entry to a file's chain of custody: the entry, the file, its place in
 * the list, and the signature before it. So an entry cannot be moved to another file, reordered, or have an
 * earlier entry removed before it, without its signature failing.
 */
export function custodyMessage(
  documentId: string,
  index: number,
  entry: SignableCustody,
  previousSig: string,
): Uint8Array {
  return utf8(
    canonicalJson({
      v: 1,
      document: documentId,
      index,
      prev: previousSig,
      at: entry.at,
      by: entry.by,
      action: entry.action,
      detail: entry.detail,
      hashOk: entry.hashOk,
      member: entry.member ?? null,
    }),
  );
}

export type CustodyStanding =
  | { kind: 'verified'; member: string }
  | { kind: 'unsigned' }
  | { kind: 'invalid' }
  /** Signed by someone who is no member here (the entry came with a package from another vault). */
  | { kind: 'foreign' };

/**
 * Each entry's standing: signed by the member it names (with a key the members table holds for them, their
 * current one or one a reset replaced), unsigned, or invalid.
 */
export async function verifyCustody(
  documentId: string,
  entries: readonly SignableCustody[],
  signingKeysOf: (member: string) => readonly string[],
  check: SignatureCheck,
): Promise<CustodyStanding[]> {
  return Promise.all(
    entries.map(async (e, i): Promise<CustodyStanding> => {
      if (!e.sig || !e.member) return e.sig || e.member ? { kind: 'invalid' } : { kind: 'unsigned' };
      const message = custodyMessage(documentId, i, e, entries[i - 1]?.sig ?? '');
      const keys = signingKeysOf(e.member);
      if (!keys.length) return { kind: 'foreign' };
      for (const key of keys)
        if (await check.verify(key, e.sig, message)) return { kind: 'verified', member: e.member };
      return { kind: 'invalid' };
    }),
  );
}
