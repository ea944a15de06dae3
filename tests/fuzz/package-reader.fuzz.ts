import fc from 'fast-check';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCancelled } from '@shared/cancelled';
import { RecordsProblem } from '@shared/package/merge-plan';
import { parseBackup } from '@shared/package/backup-format';
import { generateSigningKey } from '../../renderer/src/package/openpgp-keys';
import { bytesEntry, memorySink, writePackage } from '../../renderer/src/package/package-writer';
import { bytesStream, PackageRefused, readPackage, type ReadOptions } from '../../renderer/src/package/package-reader';
import { backupReadPassphrase, newRecoveryPhrase } from '../../renderer/src/package/backup-key';
import { produceBackup } from '../../renderer/src/features/backup/backup';
import { AtharDb } from '../../renderer/src/db/schema';
import { Vault } from '../../renderer/src/db/vault';
import { VaultStorage } from '../../renderer/src/db/vault-storage';
import { mutated, params, within } from './fuzz';

let pkg: Uint8Array;
let trusted: ReadOptions;
let backup: Uint8Array;
let backupPassphrase: string;

beforeAll(async () => {
  const org = await generateSigningKey('Test Documentation Centre', 'evidence@test-org.example');
  const recipient = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Test Mechanism' }],
    format: 'armored',
  });
  const sink = memorySink();
  await writePackage(
    {
      bagName: 'athar-export-20261201-1000',
      signingKeyArmored: org.armoredPrivate,
      target: { recipientKeys: [recipient.publicKey] },
      bagInfo: [['Source-Organization', 'Test Documentation Centre']],
      payload: [
        bytesEntry('data/records.json', JSON.stringify([{ nameAr: 'شخص اختبار', nameLatin: 'Test Person' }])),
        bytesEntry(
          'data/files/doc-1/scan.pdf',
          new Uint8Array(3000).map((_, i) => i & 0xff),
        ),
      ],
    },
    sink,
  );
  pkg = sink.bytes();
  trusted = {
    decryptionKeys: [recipient.privateKey],
    trustedKeys: [{ armored: org.armoredPublic, label: 'Colleague office' }],
    requireSignature: true,
  };

  // A real backup of a small vault, and what its recovery phrase makes of its salt.
  const db = new AtharDb(`fuzz-backup-${Math.random()}`);
  const pass = 'fuzz vault passphrase';
  const storage = await VaultStorage.open(db, await new Vault({ db }).create(pass, pass));
  await storage.cases.seedGazetteer();
  const phrase = newRecoveryPhrase();
  const out = memorySink();
  await produceBackup(storage, {
    recoveryPhrase: phrase,
    signingKey: null,
    includeKeySecret: false,
    bagName: 'athar-backup-fuzz',
    openSink: async () => out,
  });
  backup = out.bytes();
  backupPassphrase = (await backupReadPassphrase(backup, phrase))!;
}, 120_000);

/** A package read ends in an opened bag or a typed refusal, within five seconds, whatever the bytes. */
async function refusedOrOpened(
  bytes: Uint8Array,
  o: ReadOptions,
): Promise<Awaited<ReturnType<typeof readPackage>> | null> {
  const files: string[] = [];
  try {
    return await within(
      readPackage(bytesStream(bytes, 997), {
        ...o,
        onFile: async (path) => {
          files.push(path);
          return { write: async () => undefined, close: async () => undefined };
        },
      }),
    );
  } catch (e) {
    if (!(e instanceof PackageRefused) && !isCancelled(e)) throw e;
    return null;
  }
}

describe('package reader, fuzzed', () => {
  it('refuses every damaged or spliced package with a typed reason, never opening a changed one', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(pkg), async (bytes) => {
        const opened = await refusedOrOpened(bytes, trusted);
        // A change the reader let through would have to leave the signed content intact.
        if (opened) expect(opened.texts.get('data/records.json')).toContain('Test Person');
      }),
      params(),
    );
  });

  it('refuses arbitrary bytes, with a key or with a passphrase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), async (bytes, withKey) => {
        expect(
          await refusedOrOpened(
            bytes,
            withKey ? trusted : { passphrase: 'x', trustedKeys: [], requireSignature: false },
          ),
        ).toBeNull();
      }),
      params(),
    );
  });
});

describe('backup reader, fuzzed', () => {
  it('refuses a damaged backup with a typed reason (package or records), never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(backup), async (bytes) => {
        const opened = await refusedOrOpened(bytes, {
          passphrase: backupPassphrase,
          trustedKeys: [],
          requireSignature: false,
        });
        if (!opened) return;
        try {
          parseBackup(opened.texts, opened.entries, opened.bagInfo);
        } catch (e) {
          expect(e).toBeInstanceOf(RecordsProblem);
        }
      }),
      params(),
    );
  });

  it('refuses records that were rewritten inside a backup (any JSON in any page) as a records problem', async () => {
    const opened = (await refusedOrOpened(backup, {
      passphrase: backupPassphrase,
      trustedKeys: [],
      requireSignature: false,
    }))!;
    expect(() => parseBackup(opened.texts, opened.entries, opened.bagInfo)).not.toThrow();
    const pages = [...opened.texts.keys()].filter((p) => p.startsWith('data/vault/'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pages), fc.oneof(fc.json(), fc.string()), async (page, replacement) => {
        const texts = new Map(opened.texts);
        texts.set(page, replacement);
        try {
          parseBackup(texts, opened.entries, opened.bagInfo);
        } catch (e) {
          expect(e).toBeInstanceOf(RecordsProblem);
        }
      }),
      params(),
    );
  });
});
