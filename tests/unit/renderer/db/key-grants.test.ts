import { describe, expect, it } from 'vitest';
import { grantTo, openGrant } from '../../../../renderer/src/db/key-grants';
import { generateMemberKeys, signWith, ed25519 } from '../../../../renderer/src/db/member-keys';
import { randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { memberFingerprint } from '@shared/crypto/signatures';
import { utf8 } from '@shared/crypto/bytes';

describe('key grants', () => {
  it('open for the member they were made for, and for no one else, in no other context', async () => {
    const a = (await generateMemberKeys()).keys;
    const b = (await generateMemberKeys()).keys;
    const secret = randomBytes(32);
    const grant = await grantTo(a.agreementKey, secret, 'vault-key/v/a');
    expect(await openGrant(grant, a.agreement, a.agreementKey, 'vault-key/v/a')).toEqual(secret);
    expect(await openGrant(grant, b.agreement, b.agreementKey, 'vault-key/v/a')).toBeNull();
    expect(await openGrant(grant, a.agreement, a.agreementKey, 'vault-key/v/b')).toBeNull();
    const altered = { ...grant, ct: grant.ct.map((x, i) => (i === 3 ? x ^ 0x80 : x)) };
    expect(await openGrant(altered, a.agreement, a.agreementKey, 'vault-key/v/a')).toBeNull();
    // A fresh ephemeral key each time: two grants of the same secret share nothing.
    const again = await grantTo(a.agreementKey, secret, 'vault-key/v/a');
    expect(Buffer.from(again.epk).equals(Buffer.from(grant.epk))).toBe(false);
  });

  it('refuses a public key that is not a point (all zeros) rather than granting to it', async () => {
    await expect(grantTo('00'.repeat(32), randomBytes(32), 'x')).rejects.toThrow();
  });
});

describe('member signatures', () => {
  it('verify for the signer only, over the exact message', async () => {
    const a = (await generateMemberKeys()).keys;
    const b = (await generateMemberKeys()).keys;
    const msg = utf8('athar/v1/audit-commit\n0\n3\nabc');
    const sig = await signWith(a.signing, msg);
    expect(await ed25519.verify(a.signingKey, sig, msg)).toBe(true);
    expect(await ed25519.verify(b.signingKey, sig, msg)).toBe(false);
    expect(await ed25519.verify(a.signingKey, sig, utf8('athar/v1/audit-commit\n0\n3\nabd'))).toBe(false);
    expect(await ed25519.verify('zz', sig, msg)).toBe(false);
    expect(await ed25519.verify(a.signingKey, 'ab', msg)).toBe(false);
  });

  it('have fingerprints in groups of four that tell two members apart', async () => {
    const a = (await generateMemberKeys()).keys;
    const b = (await generateMemberKeys()).keys;
    const fa = memberFingerprint(a);
    expect(fa).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(memberFingerprint(b)).not.toBe(fa);
    expect(memberFingerprint(a)).toBe(fa);
  });
});
