import type { Page } from '@playwright/test';
import { nextAuditEntry } from '@shared/crypto/audit-chain';
import { openJson, sealJson, type AeadKey, type Envelope } from '@shared/crypto/envelope';
import { commitMessage } from '@shared/crypto/signatures';
import { dataKeyContext, deriveKek, slotAad, type VaultHeader } from '@shared/crypto/vault-header';
import { fromHex, fromUtf8 } from '@shared/crypto/bytes';
import type { AuditEntry } from '@shared/domain/records';
import { openGrant } from '../../renderer/src/db/key-grants';
import { generateMemberKeys, importMemberKeys, signWith } from '../../renderer/src/db/member-keys';
import { aesGcmKey, randomBytes } from '../../renderer/src/db/webcrypto-key';

/*
 * The forger of the team spec: someone who learnt a member's passphrase (or kept the data key after leaving) and
 * writes an audit entry straight into the browser's IndexedDB, claiming that member, but can only sign it with a
 * key of their own. It works as an attacker would, from the bytes on disk: Argon2id of the passphrase opens the
 * slot, the slot's X25519 key opens the data key, and the entry is sealed under it. Runs in the test's Node
 * process with the app's own crypto modules; the page exposes nothing for it.
 */

type Wire = unknown;

/** Uint8Arrays do not survive page.evaluate as themselves: carried as {u8: hex} both ways. */
const encode = (v: unknown): Wire =>
  v instanceof Uint8Array
    ? { u8: Buffer.from(v).toString('hex') }
    : Array.isArray(v)
      ? v.map(encode)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]))
        : v;
const decode = (v: Wire): unknown =>
  Array.isArray(v)
    ? v.map(decode)
    : v && typeof v === 'object'
      ? 'u8' in v && typeof (v as { u8: unknown }).u8 === 'string'
        ? new Uint8Array(Buffer.from((v as { u8: string }).u8, 'hex'))
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]))
      : v;

async function readRaw(
  page: Page,
  seq?: number,
): Promise<{ header: VaultHeader; row: { seq: number; enc: Envelope } }> {
  const wire = await page.evaluate(async (at) => {
    const enc = (v: unknown): unknown =>
      v instanceof Uint8Array
        ? { u8: Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') }
        : Array.isArray(v)
          ? v.map(enc)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]))
            : v;
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('athar-vault');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const get = <T>(req: IDBRequest<T>): Promise<T> =>
      new Promise((res, rej) => {
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
    const tx = db.transaction(['meta', 'audit']);
    const header = ((await get(tx.objectStore('meta').get('vault'))) as { value: unknown }).value;
    const audit = tx.objectStore('audit');
    const row = at === null ? (await get(audit.openCursor(null, 'prev')))?.value : await get(audit.get(at));
    db.close();
    return enc({ header, row });
  }, seq ?? null);
  return decode(wire) as { header: VaultHeader; row: { seq: number; enc: Envelope } };
}

/** The data key, as anyone holding a member's passphrase and the disk can open it. */
async function openDataKey(header: VaultHeader, label: string, passphrase: string): Promise<AeadKey> {
  const slot = header.slots.find((s) => s.label === label);
  if (!slot) throw new Error(`no slot labelled ${label}: ${header.slots.map((s) => s.label).join(', ')}`);
  const kek = await aesGcmKey(await deriveKek(passphrase, slot.kdf));
  const sealed = JSON.parse(fromUtf8(await kek.decrypt(slot.sealed.iv, slotAad(slot), slot.sealed.ct))) as {
    signing: string;
    agreement: string;
  };
  const keys = await importMemberKeys(
    { signing: fromHex(sealed.signing), agreement: fromHex(sealed.agreement) },
    slot.signingKey,
    slot.agreementKey,
  );
  const raw = await openGrant(slot.grant, keys.agreement, slot.agreementKey, dataKeyContext(header.vaultId, slot.id));
  if (!raw) throw new Error('the grant did not open');
  return aesGcmKey(raw);
}

/** Writes an audit row straight into the browser's IndexedDB: added, or put over the one with its seq. */
async function writeAuditRow(page: Page, entry: AuditEntry, key: AeadKey, mode: 'add' | 'put'): Promise<void> {
  const row = encode({ seq: entry.seq, enc: await sealJson(key, randomBytes, 'audit', entry.seq, entry) });
  await page.evaluate(
    async ([wire, how]) => {
      const dec = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(dec)
          : v && typeof v === 'object'
            ? 'u8' in v
              ? new Uint8Array(((v as { u8: string }).u8.match(/../g) ?? []).map((h) => parseInt(h, 16)))
              : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dec(x)]))
            : v;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('athar-vault');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      await new Promise<void>((res, rej) => {
        const tx = db.transaction('audit', 'readwrite');
        const store = tx.objectStore('audit');
        if (how === 'add') store.add(dec(wire));
        else store.put(dec(wire));
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    },
    [row, mode] as const,
  );
}

/**
 * Appends one audit entry that claims to be by the member with `label`, made with that member's passphrase but
 * signed by a newly made key that belongs to no member. Returns the entry's position as the log shows it (from 1).
 */
export async function forgeAuditEntry(page: Page, label: string, passphrase: string): Promise<number> {
  const { header, row } = await readRaw(page);
  const slot = header.slots.find((s) => s.label === label)!;
  const dataKey = await openDataKey(header, label, passphrase);
  const previous = await openJson<AuditEntry>(dataKey, 'audit', row.seq, row.enc);
  const entry: AuditEntry = nextAuditEntry(previous, {
    at: new Date().toISOString(),
    actor: previous.actor,
    action: 'delete',
    table: 'cases',
    recordId: crypto.randomUUID(),
    caseId: null,
    fields: [],
    by: slot.id,
  });
  const stranger = (await generateMemberKeys()).keys;
  entry.sig = { from: entry.seq, value: await signWith(stranger.signing, commitMessage(entry.seq, entry)) };
  await writeAuditRow(page, entry, dataKey, 'add');
  return entry.seq + 1;
}

/**
 * Rewrites the entry with `seq` in place with another actor's name, keeping its stored hash and signature: an edit
 * on disk by someone with a member's passphrase, which only recomputing the entry's hash can see.
 */
export async function editAuditEntry(page: Page, label: string, passphrase: string, seq: number): Promise<void> {
  const { header, row } = await readRaw(page, seq);
  const dataKey = await openDataKey(header, label, passphrase);
  const entry = await openJson<AuditEntry>(dataKey, 'audit', row.seq, row.enc);
  await writeAuditRow(page, { ...entry, actor: `${entry.actor} (edited)` }, dataKey, 'put');
}
