import * as openpgp from 'openpgp';
import { zipSync } from 'fflate';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BAGIT_TXT, bagInfoText, manifestText, payloadOxum, SIGNATURE_FILE, unsafePath } from '../../../../shared/package/bagit';

/**
 * Writes an evidence package: a BagIt 1.0 bag (payload under data/, SHA-256
 * and SHA-512 manifests, a SHA-512 tag manifest), the tag manifest signed
 * (detached, armoured) with the organisation's key, the bag zipped
 * (stored, not compressed: evidence is mostly compressed already) and the
 * zip encrypted with OpenPGP to the recipient's keys or to a passphrase.
 * Readable with gpg, unzip and coreutils alone.
 *
 * This first version holds the package in memory; the streamed writer for
 * large files (issue 5) replaces the zip and encryption steps, not the bag.
 */
export interface PayloadFile { path: string; bytes: Uint8Array }

export interface PackageInput {
  bagName: string;
  payload: PayloadFile[];
  bagInfo: Array<[string, string]>;
  signingKeyArmored: string;
  /** Recipients' armoured public keys; or a passphrase when there are none. */
  recipientKeys: string[];
  passphrase?: string;
  now?: Date;
}

export interface WrittenPackage { encrypted: Uint8Array; files: string[]; payloadBytes: number }

const enc = new TextEncoder();
const hex = (b: Uint8Array, a: 'sha256' | 'sha512'): string => bytesToHex(a === 'sha256' ? sha256(b) : sha512(b));

export async function writePackage(input: PackageInput): Promise<WrittenPackage> {
  if (unsafePath(input.bagName) || input.bagName.includes('/')) throw new Error('unsafe bag name');
  const bag = new Map<string, Uint8Array>();
  let payloadBytes = 0;
  for (const f of input.payload) {
    if (!f.path.startsWith('data/') || unsafePath(f.path)) throw new Error(`unsafe payload path: ${f.path}`);
    if (bag.has(f.path)) throw new Error(`duplicate payload path: ${f.path}`);
    bag.set(f.path, f.bytes);
    payloadBytes += f.bytes.length;
  }
  bag.set('bagit.txt', enc.encode(BAGIT_TXT));
  bag.set('bag-info.txt', enc.encode(bagInfoText([...input.bagInfo, ['Payload-Oxum', payloadOxum(payloadBytes, input.payload.length)]])));
  for (const a of ['sha256', 'sha512'] as const) bag.set(`manifest-${a}.txt`, enc.encode(manifestText(input.payload.map((f) => ({ path: f.path, digest: hex(f.bytes, a) })))));
  const tagmanifest = enc.encode(manifestText(['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt'].map((path) => ({ path, digest: hex(bag.get(path)!, 'sha512') }))));
  bag.set('tagmanifest-sha512.txt', tagmanifest);

  const signingKey = await openpgp.readPrivateKey({ armoredKey: input.signingKeyArmored });
  const signature = await openpgp.sign({ message: await openpgp.createMessage({ binary: tagmanifest }), signingKeys: signingKey, detached: true, format: 'armored', date: input.now });
  bag.set(SIGNATURE_FILE, enc.encode(signature));

  const zipped = zipSync(Object.fromEntries([...bag].map(([p, b]) => [`${input.bagName}/${p}`, [b, { level: 0 }]])) as Record<string, [Uint8Array, { level: 0 }]>);
  const message = await openpgp.createMessage({ binary: zipped });
  let encrypted: Uint8Array;
  if (input.recipientKeys.length) {
    const encryptionKeys = await Promise.all(input.recipientKeys.map((armoredKey) => openpgp.readKey({ armoredKey })));
    encrypted = await openpgp.encrypt({ message, encryptionKeys, signingKeys: signingKey, format: 'binary', date: input.now });
  } else if (input.passphrase) {
    encrypted = await openpgp.encrypt({ message, passwords: [input.passphrase], format: 'binary', date: input.now });
  } else {
    throw new Error('no recipient key and no passphrase');
  }
  return { encrypted, files: [...bag.keys()].map((p) => `${input.bagName}/${p}`), payloadBytes };
}
