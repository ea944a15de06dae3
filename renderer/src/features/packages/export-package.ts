import { isCancelled } from '@shared/cancelled';
import type { EvidenceDocument, Recipient, SigningKey } from '@shared/domain/records';
import type { CaseFile } from '@shared/print/summary';
import { planExport, type ExportOptions, type ExportPlan } from '@shared/package/export-plan';
import { packageContent, packagedFilePath } from '@shared/package/content';
import { TEXT_LIMIT } from '../../package/package-reader';
import { verifyAuditChain } from '@shared/crypto/audit-chain';
import { recipientInstructions } from '@shared/package/instructions';
import type { VaultSession } from '../../session/vault-session';
import { loadCaseFile } from '../../session/load-case-file';
import { randomId } from '../../db/webcrypto-key';
import {
  bytesEntry,
  writePackage,
  type PackageSink,
  type PayloadEntry,
  type WrittenPackage,
} from '../../package/package-writer';
import { custodyMessage } from '@shared/crypto/custody-signatures';
import { memberFingerprint } from '@shared/crypto/signatures';
import { signWith } from '../../db/member-keys';
import { exportApproval, exportReviewRequired } from '../reviews/export-review';

/**
 * An evidence package from the vault, in two steps: prepare (load the
 * cases, plan what goes in; nothing is written, so the user can review it)
 * and produce (stream the package to the sink, then record an "exported to"
 * custody entry on every file and an export entry in the audit chain).
 */
export interface PreparedExport {
  files: CaseFile[];
  plan: ExportPlan;
}

export async function prepareExport(
  session: VaultSession,
  caseIds: string[],
  options: ExportOptions,
  onLoaded?: (done: number, total: number) => void,
): Promise<PreparedExport> {
  const files: CaseFile[] = [];
  for (const id of caseIds) {
    const f = await loadCaseFile(session, id, { incidents: true });
    if (f) files.push(f);
    onLoaded?.(files.length, caseIds.length);
  }
  return { files, plan: planExport(files, options) };
}

export interface ProduceOptions {
  recipient: Recipient | null;
  /** The recipient on record the package is for, whichever way it is encrypted (consent and review name it). */
  recipientId?: string;
  /** When there is no recipient key: the passphrase, and the recipient's name for consent. */
  passphrase?: string;
  recipientName: string;
  signingKey: SigningKey;
  /** Asked for once the package's instructions are known; null: the user cancelled (nothing is written). */
  openSink: (instructions: string) => Promise<PackageSink | null>;
  bagName: string;
  packageFile: string;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ProducedExport {
  written: WrittenPackage;
  exportId: string;
  instructions: string;
  documents: number;
  plan: ExportPlan;
}

/** The custody entry every exported file gets, also written into the package's custody log. */
function exportEntry(at: string, by: string, recipient: string, exportId: string): EvidenceDocument['custody'][number] {
  return { at, by, action: 'exported', detail: `${recipient} · ${exportId}`, hashOk: null };
}

/** The recipient's steps: beside the package they name nothing but the file; inside (`details`) the facts too. */
export function instructionsFor(
  o: Pick<ProduceOptions, 'recipientName' | 'signingKey' | 'packageFile' | 'bagName' | 'recipient'>,
  at: string,
  payload: { files: number; bytes: number } | null,
): string {
  return recipientInstructions({
    packageFile: o.packageFile,
    bagName: o.bagName,
    passphrase: !o.recipient?.keys.length,
    ...(payload
      ? {
          details: {
            organisation: o.signingKey.public.userIds[0] ?? '',
            signerFingerprint: o.signingKey.public.fingerprint,
            recipient: o.recipientName,
            exportedAt: at,
            payloadFiles: payload.files,
            payloadBytes: payload.bytes,
          },
        }
      : {}),
  });
}

export async function produceExport(
  session: VaultSession,
  prepared: PreparedExport,
  o: ProduceOptions,
): Promise<ProducedExport | null> {
  const now = o.now ?? new Date();
  const at = now.toISOString();
  const exportId = `${o.bagName}-${randomId().slice(0, 8)}`;
  const organisation = o.signingKey.public.userIds[0] ?? '';
  const { files, plan } = prepared;
  // The organisation's rule holds here, not only on the screen: without an approval of exactly this export,
  // nothing is written.
  if (await exportReviewRequired(session)) {
    const { approved } = await exportApproval(
      session,
      o.recipientId ?? o.recipient?.id ?? '',
      plan.cases.map((c) => c.caseId),
    );
    if (!approved) throw new ExportRefused('review', 'review-required');
  }
  const content = packageContent(files, plan, { recipient: o.recipientName, exportedAt: at, organisation });
  // The reader refuses record files over this size (they are held in memory before the signature is checked),
  // so a package that large would be one nobody could open.
  const tooLarge = content.find((c) => new TextEncoder().encode(c.text).length > TEXT_LIMIT);
  if (tooLarge) throw new ExportRefused(tooLarge.path);
  const byCase = new Map(plan.cases.map((c) => [c.caseId, c]));
  const documents = files.flatMap((f) =>
    f.documents.filter((d) => byCase.get(f.record.id)?.documentIds.includes(d.id)),
  );
  // Each file's "exported" entry is signed by the member now, so the package carries it as the vault will.
  const member = session.member;
  const signed = await Promise.all(
    documents.map(async (d) => {
      const entry = { ...exportEntry(at, session.actor, o.recipientName, exportId), member: member.id };
      const message = custodyMessage(d.id, d.custody.length, entry, d.custody.at(-1)?.sig ?? '');
      return { ...entry, sig: await signWith(session.storage.unlocked.keys.signing, message) };
    }),
  );
  const custody = documents.map((d, i) => ({
    document: d.id,
    file: d.originalName,
    sha256: d.sha256,
    sha512: d.sha512,
    custody: [...d.custody, signed[i]!],
  }));
  // The head a package carries is one this vault verified: never that of a chain that is broken or was cut short.
  const entries = await session.store.auditEntries();
  const chain = verifyAuditChain(entries);
  if (!chain.ok || session.store.headProblems.length) throw new ExportRefused('audit', 'audit-broken');
  const auditHead = entries.at(-1) ?? null;
  const exclusions = plan.excluded.reduce<Record<string, number>>(
    (m, x) => ({ ...m, [x.reason]: (m[x.reason] ?? 0) + 1 }),
    {},
  );
  const exportLog = {
    exportId,
    exportedAt: at,
    exportedBy: session.actor,
    // Who made it, by the key that signs their custody entries: read aloud, it tells two namesakes apart.
    member: {
      id: member.id,
      name: member.name,
      fingerprint: memberFingerprint(member),
      signingKey: member.signingKey,
    },
    organisation,
    signingKey: o.signingKey.public.fingerprint,
    recipient: {
      name: o.recipientName,
      keys: o.recipient?.keys.map((k) => k.fingerprint) ?? [],
      passphrase: !o.recipient?.keys.length,
    },
    options: {
      pseudonymiseWitnesses: plan.pseudonymiseWitnesses,
      includeContacts: plan.cases.some((c) => c.contactIds.length > 0),
      includeInternalNotes: plan.cases.some((c) => c.includeInternalNotes),
    },
    counts: plan.counts,
    // Counts only: the labels of what was left out stay in the vault.
    leftOut: exclusions,
  };
  const payload: PayloadEntry[] = [
    ...content.map((c) => bytesEntry(c.path, c.text)),
    bytesEntry('data/custody.json', `${JSON.stringify(custody, null, 2)}\n`),
    bytesEntry('data/export-log.json', `${JSON.stringify(exportLog, null, 2)}\n`),
    bytesEntry(
      'data/audit-head.json',
      `${JSON.stringify(auditHead ? { seq: auditHead.seq, at: auditHead.at, hash: auditHead.hash } : null, null, 2)}\n`,
    ),
    ...documents.map((d): PayloadEntry => ({
      path: packagedFilePath(d),
      size: d.size,
      digests: { sha256: d.sha256, sha512: d.sha512 },
      read: () => session.files.chunks(d),
    })),
  ];
  payload.unshift(
    bytesEntry(
      'data/README.txt',
      instructionsFor(o, at, { files: payload.length + 1, bytes: payload.reduce((n, p) => n + p.size, 0) }),
    ),
  );
  const instructions = instructionsFor(o, at, null);
  const sink = await o.openSink(instructions);
  if (!sink) return null;
  // Before the first byte: a crash, a full disk or a cancel part-way leaves the attempt on record.
  const logExport = (stage: 'started' | 'failed' | 'cancelled'): Promise<void> =>
    session.store.logEvent({
      action: 'export',
      table: 'vault',
      recordId: exportId,
      caseId: null,
      fields: [stage, `recipient:${o.recipientName}`, `cases:${plan.counts.cases}`, `documents:${documents.length}`],
    });
  try {
    await logExport('started');
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
  const written = await writePackage(
    {
      bagName: o.bagName,
      payload,
      signingKeyArmored: o.signingKey.armoredPrivate,
      now,
      target: o.recipient?.keys.length
        ? { recipientKeys: o.recipient.keys.map((k) => k.armored) }
        : { ...(o.passphrase ? { passphrase: o.passphrase } : {}) },
      bagInfo: [
        ['Source-Organization', organisation],
        ['Bagging-Date', at.slice(0, 10)],
        ['External-Identifier', exportId],
        ['Bag-Count', '1 of 1'],
        ['External-Description', `Evidence package for ${o.recipientName}: ${plan.counts.cases} case(s)`],
        ['Audit-Chain-Head', auditHead ? `${auditHead.seq} ${auditHead.hash}` : 'none'],
        ['Signing-Key-Fingerprint', o.signingKey.public.fingerprint],
      ],
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    },
    sink,
  ).catch(async (e: unknown) => {
    await logExport(isCancelled(e) ? 'cancelled' : 'failed').catch(() => undefined);
    throw e;
  });

  // The package is on disk: record that each file left, and the export itself, in the audit chain.
  if (documents.length) {
    await session.store.commit(
      documents.map((d) => ({
        table: 'documents' as const,
        put: { ...d, custody: [...d.custody, signed[documents.indexOf(d)]!], updatedAt: at },
      })),
    );
    session.documents.invalidate();
  }
  for (const c of plan.cases) {
    await session.store.logEvent({
      action: 'export',
      table: 'cases',
      recordId: c.caseId,
      caseId: c.caseId,
      fields: [
        `recipient:${o.recipientName}`,
        `package:${exportId}`,
        `testimonies:${c.testimonyIds.length}`,
        `documents:${c.documentIds.length}`,
      ],
    });
  }
  return { written, exportId, instructions, documents: documents.length, plan };
}

/**
 * An export that must not be written: a record file larger than any reader accepts ('too-large', export fewer
 * cases at a time), or an audit chain that does not verify ('audit-broken'), whose head a package would vouch for.
 */
export class ExportRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'too-large' | 'audit-broken' | 'review-required' = 'too-large',
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ExportRefused';
  }
}
