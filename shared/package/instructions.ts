/**
 * The plain-text instructions for a recipient: how to decrypt a package,
 * check the signature and check every file with GnuPG, tar and coreutils
 * alone. English, the working language of the mechanisms that receive
 * packages. Each step says to check the exit status: gpg writes its output
 * before it finds tampering.
 *
 * Two copies: the one written beside the package, in clear, says nothing of
 * who sent it, to whom, or what it holds (whoever carries or seizes it reads
 * it too); the one inside the bag (data/README.txt) adds those facts.
 */
export interface InstructionFacts {
  packageFile: string;
  bagName: string;
  passphrase: boolean;
  /** Only inside the package. */
  details?: {
    organisation: string;
    signerFingerprint: string;
    recipient: string;
    exportedAt: string;
    payloadFiles: number;
    payloadBytes: number;
  };
}

const group = (fp: string): string =>
  fp
    .toUpperCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();

export function recipientInstructions(f: InstructionFacts): string {
  const tar = f.packageFile.replace(/\.gpg$/, '');
  const d = f.details;
  return `EVIDENCE PACKAGE — HOW TO OPEN AND CHECK IT
============================================

Package:        ${f.packageFile}
${
  d
    ? `For:            ${d.recipient}
From:           ${d.organisation}
Made:           ${d.exportedAt}
Contents:       ${d.payloadFiles} files, ${d.payloadBytes} bytes (before encryption)
Signing key:    ${group(d.signerFingerprint)}
`
    : `Who sent it, to whom, and what it holds are written inside the package
(data/README.txt and bag-info.txt), not here: this copy travels in clear.
The sender gives you their signing key's fingerprint by another channel.
`
}
Check the signing key's fingerprint with the sender by another channel
(a call, in person) before you trust the package. Do every step in a
terminal and look at the exit status after each one: 0 means it passed,
anything else means STOP — the package is damaged or has been altered.
(GnuPG writes its output before it discovers tampering, so a file on disk
proves nothing by itself.)

You need: GnuPG (gpg 2.2 or later), tar, and coreutils (sha256sum,
sha512sum). Nothing else.

1. Decrypt
   ${f.passphrase ? `gpg --output ${tar} --decrypt ${f.packageFile}\n   (gpg asks for the passphrase you were given separately.)` : `gpg --output ${tar} --decrypt ${f.packageFile}\n   (Uses your private key; gpg asks for its passphrase.)`}
   echo $?          # must print 0

2. Unpack
   tar -xf ${tar}
   echo $?          # must print 0
   cd ${f.bagName}

3. Check the signature on the tag manifest
   Import the sender's public key once (gpg --import sender-key.asc), then:
   gpg --verify tagmanifest-sha512.txt.asc tagmanifest-sha512.txt
   echo $?          # must print 0, and gpg must name the sender's fingerprint

4. Check the tag files, then every file of the payload
   sha512sum -c --strict --quiet tagmanifest-sha512.txt ; echo $?   # 0
   sha256sum -c --strict --quiet manifest-sha256.txt    ; echo $?   # 0
   sha512sum -c --strict --quiet manifest-sha512.txt    ; echo $?   # 0

5. Check that nothing was added
   find data -type f | sort > /tmp/present.txt
   cut -d' ' -f3- manifest-sha256.txt | sort > /tmp/listed.txt
   diff /tmp/present.txt /tmp/listed.txt ; echo $?                   # 0

What is inside (a BagIt 1.0 bag, RFC 8493):
   bag-info.txt          who made the package, when, and the audit chain head
   data/README.txt       these steps, with who sent the package, to whom and when
   data/index.html       a page to browse the contents (no scripts)
   data/records.json     the case records; schema in data/records.schema.json
   data/*.csv            the same records as tables (persons, events,
                         detention timelines, evidence list)
   data/files/           original evidence files, byte for byte; their
                         SHA-256/SHA-512 are those taken when each file
                         was first received (see data/evidence.csv)
   data/custody.json     each file's chain of custody, ending with this export
   data/export-log.json  what was exported, to whom, with which options
   data/audit-head.json  the head of the sender's audit chain at export

Witnesses appear by pseudonym unless stated otherwise in export-log.json.
Testimonies whose witness did not consent to sharing with you are not in
the package, nor are files attached only to them.
`;
}
