import { describe, expect, it } from 'vitest';
import { checkHeader, deriveKek, KDF_DEFAULT, wrapAad } from '@shared/crypto/vault-header';

const header = (over: Record<string, unknown> = {}) => ({
  format: 1,
  vaultId: '3f0c6d0e-2c3a-4c55-9a41-0f1e2d3c4b5a',
  createdAt: '2026-01-01T00:00:00.000Z',
  kdf: { algorithm: 'argon2id', ...KDF_DEFAULT, salt: new Uint8Array(16).fill(7), ...over },
  wrappedKey: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(48) },
});

describe('vault header', () => {
  it('accepts the default parameters (64 MiB, t=3)', () => {
    expect(checkHeader(header()).ok).toBe(true);
    expect(KDF_DEFAULT.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(KDF_DEFAULT.iterations).toBeGreaterThanOrEqual(3);
  });

  it('refuses weaker Argon2id parameters (downgrade by tampering)', () => {
    expect(checkHeader(header({ memoryKiB: 32768 }))).toEqual({ ok: false, problem: 'weak-kdf' });
    expect(checkHeader(header({ iterations: 2 }))).toEqual({ ok: false, problem: 'weak-kdf' });
  });

  it('refuses malformed headers', () => {
    expect(checkHeader({})).toEqual({ ok: false, problem: 'malformed' });
    expect(checkHeader(header({ algorithm: 'pbkdf2' }))).toEqual({ ok: false, problem: 'malformed' });
    expect(checkHeader(header({ salt: new Uint8Array(4) }))).toEqual({ ok: false, problem: 'malformed' });
    // A header that would make unlocking hang or run out of memory is not one Athar wrote.
    for (const costly of [{ memoryKiB: 4 * 1024 * 1024 }, { iterations: 100 }, { parallelism: 16 }])
      expect(checkHeader(header(costly)), JSON.stringify(costly)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkHeader(header({ memoryKiB: 1024 * 1024, iterations: 10, parallelism: 4 })).ok).toBe(true);
  });

  it('derives a stable 32-byte key and binds the parameters into the wrap', async () => {
    const kdf = header().kdf as Parameters<typeof deriveKek>[1];
    const a = await deriveKek('correct horse battery', kdf);
    const b = await deriveKek('correct horse battery', kdf);
    const c = await deriveKek('correct horse batterY', kdf);
    expect(a).toHaveLength(32);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(wrapAad('v', kdf)).not.toEqual(wrapAad('v', { ...kdf, iterations: 4 }));
  }, 20_000);
});
