/**
 * The OpenPGP "quick check" (RFC 4880 §5.13): the encrypted data of a
 * version-1 SEIPD packet begins with 16 random bytes and a repeat of the
 * last two, so a session key can be tested on the first 18 bytes before
 * anything is decrypted. openpgp.js no longer makes this check (it can be an
 * oracle for a server that answers decryption requests; Athar answers
 * nobody), and, streaming, it does not always return when a wrong key turns
 * the rest into noise: a backup opened with the wrong passphrase could keep
 * the reader waiting for ever. A key that fails here is refused at once; one
 * that passes by chance (1 in 65,536) is still refused by the integrity
 * check at the end.
 */

const BLOCK = 16;

/** Where the SEIPD packet's ciphertext starts in the message's first bytes, or null if it cannot be found there. */
export function seipdCiphertext(head: Uint8Array): Uint8Array | null {
  let at = 0;
  while (at < head.length) {
    const first = head[at]!;
    if ((first & 0x80) === 0) return null;
    let tag: number;
    let bodyAt: number;
    let length: number | null;
    if (first & 0x40) {
      tag = first & 0x3f;
      const l0 = head[at + 1];
      if (l0 === undefined) return null;
      if (l0 < 192) [bodyAt, length] = [at + 2, l0];
      else if (l0 < 224) [bodyAt, length] = [at + 3, ((l0 - 192) << 8) + (head[at + 2] ?? 0) + 192];
      else if (l0 === 255)
        [bodyAt, length] = [at + 6, [...head.subarray(at + 2, at + 6)].reduce((v, b) => v * 256 + b, 0)];
      else [bodyAt, length] = [at + 2, null];
    } else {
      tag = (first >> 2) & 0x0f;
      const type = first & 3;
      const n = type === 0 ? 1 : type === 1 ? 2 : type === 2 ? 4 : 0;
      bodyAt = at + 1 + n;
      length = n ? [...head.subarray(at + 1, bodyAt)].reduce((v, b) => v * 256 + b, 0) : null;
    }
    if (tag === 18) {
      if (head[bodyAt] !== 1) return null;
      const ct = head.subarray(bodyAt + 1, bodyAt + 1 + BLOCK + 2);
      return ct.length === BLOCK + 2 ? ct : null;
    }
    if (length === null) return null;
    // Always forward: a length that does not move past this packet is not one a real message has.
    if (bodyAt + length <= at) return null;
    at = bodyAt + length;
  }
  return null;
}

/** Whether `sessionKey` decrypts the first 18 bytes of `ct` to a prefix whose last two bytes repeat. */
export async function quickCheck(sessionKey: Uint8Array, algorithm: string, ct: Uint8Array): Promise<boolean> {
  // AES-128 and AES-256 only (what WebCrypto has in every engine); other ciphers are left to the end check.
  if (!((algorithm === 'aes128' && sessionKey.length === 16) || (algorithm === 'aes256' && sessionKey.length === 32)))
    return true;
  const key = await crypto.subtle.importKey('raw', sessionKey as BufferSource, 'AES-CBC', false, ['encrypt']);
  // CFB with a zero IV: the keystream for block 1 is E(0), for block 2 E(C1); AES-CBC with a zero IV over one
  // block computes exactly E(that block).
  const e = async (block: Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(BLOCK) }, key, block as BufferSource),
    ).subarray(0, BLOCK);
  const k1 = await e(new Uint8Array(BLOCK));
  const k2 = await e(ct.subarray(0, BLOCK));
  const p14 = ct[14]! ^ k1[14]!;
  const p15 = ct[15]! ^ k1[15]!;
  return (ct[16]! ^ k2[0]!) === p14 && (ct[17]! ^ k2[1]!) === p15;
}
