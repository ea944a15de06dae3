import { describe, expect, it } from 'vitest';
import { recipientInstructions } from '@shared/package/instructions';

const facts = {
  packageFile: 'athar-export-20261201-1000.tar.gpg',
  bagName: 'athar-export-20261201-1000',
  passphrase: false,
};
const details = {
  organisation: 'Test Documentation Centre <evidence@test-org.example>',
  signerFingerprint: 'ABCD1234ABCD1234ABCD1234ABCD1234ABCD1234',
  recipient: 'Test Mechanism',
  exportedAt: '2026-12-01T10:00:00.000Z',
  payloadFiles: 12,
  payloadBytes: 3456789,
};

describe('the recipient’s instructions', () => {
  it('beside the package, in clear, name neither sender nor recipient nor what it holds', () => {
    const outside = recipientInstructions(facts);
    for (const leak of [
      'Test Documentation Centre',
      'test-org',
      'Test Mechanism',
      'ABCD 1234',
      '3456789',
      '2026-12-01T10',
    ])
      expect(outside).not.toContain(leak);
    expect(outside).toContain(`gpg --output athar-export-20261201-1000.tar --decrypt ${facts.packageFile}`);
  });

  it('inside the package, add who sent it, to whom, when and what it holds', () => {
    const inside = recipientInstructions({ ...facts, details });
    for (const fact of [
      'Test Documentation Centre',
      'Test Mechanism',
      'ABCD 1234 ABCD',
      '3456789 bytes',
      '2026-12-01T10',
    ])
      expect(inside).toContain(fact);
  });
});
