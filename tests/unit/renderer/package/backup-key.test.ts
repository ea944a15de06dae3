import { describe, expect, it } from 'vitest';
import { KDF_DEFAULT } from '@shared/crypto/vault-header';
import {
  BACKUP_KDF,
  backupKeyPacket,
  backupReadPassphrase,
  backupSalt,
  canonicalRecoveryPhrase,
  newRecoveryPhrase,
} from '../../../../renderer/src/package/backup-key';

describe('recovery phrases', () => {
  it('are five groups of five from an alphabet without look-alikes, 125 random bits, never repeated', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = newRecoveryPhrase();
      expect(p).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(canonicalRecoveryPhrase(p)).toBe(p);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('forgive case, spaces, O for 0, I or L for 1 and Arabic-Indic digits, and refuse anything else', () => {
    expect(canonicalRecoveryPhrase('abcde fghjk-mnpqr stvwx yz01o')).toBe('ABCDE-FGHJK-MNPQR-STVWX-YZ010');
    expect(canonicalRecoveryPhrase('ilILx-00000-00000-00000-0000٩')).toBe('1111X-00000-00000-00000-00009');
    for (const bad of ['', 'ABCDE-FGHJK-MNPQR-STVWX', 'ABCDE-FGHJK-MNPQR-STVWX-YZ01U', 'correct horse battery staples'])
      expect(canonicalRecoveryPhrase(bad)).toBeNull();
  });

  it('cost a guess no less than the vault’s own passphrase does', () => {
    expect(BACKUP_KDF.memoryKiB).toBeGreaterThanOrEqual(KDF_DEFAULT.memoryKiB);
    expect(BACKUP_KDF.iterations).toBeGreaterThanOrEqual(KDF_DEFAULT.iterations);
  });
});

describe('the backup session-key packet', () => {
  it('carries a fresh printable salt each time, from which the reader finds the Argon2 passphrase', async () => {
    const phrase = newRecoveryPhrase();
    const a = await backupKeyPacket(phrase);
    const b = await backupKeyPacket(phrase);
    expect(backupSalt(a.packet)).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(backupSalt(a.packet)).not.toBe(backupSalt(b.packet));
    expect(a.sessionKey).not.toEqual(b.sessionKey);
    expect(a.sessionKey.length).toBe(32);
    const derived = await backupReadPassphrase(a.packet, phrase.toLowerCase());
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(derived).not.toBe(phrase);
    expect(await backupReadPassphrase(a.packet, 'a passphrase, not a phrase')).toBeNull();
  });

  it('leaves an older backup’s passphrase as typed: its packet is openpgp.js’s, with an encrypted session key', async () => {
    const older = Uint8Array.of(0xc3, 0x3d, 4, 9, 3, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0xe0, 0x11, 0x22);
    expect(backupSalt(older)).toBeNull();
    expect(await backupReadPassphrase(older, 'older passphrase')).toBe('older passphrase');
    expect(backupSalt(new Uint8Array(3))).toBeNull();
  });
});
