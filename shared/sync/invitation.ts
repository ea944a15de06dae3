import { z } from 'zod';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from '../crypto/bytes';
import { uuid } from '../domain/records';
import { serverAddressProblem } from './server-address';

/**
 * An administrator's invitation for a member's new laptop, given as a code (copied into a message, read from
 * a file): where the server is, the CouchDB user made for that laptop, which team and member it is for, where
 * the team began (so the laptop trusts no other founder), and a one-time secret. The secret names and seals
 * the two messages of the enrolment on the server, the laptop's request (its public keys) and the
 * administrator's answer (the data key wrapped to them), so the server, which carries both, reads neither and
 * cannot put its own keys in. What it cannot stop, someone else holding the code, the fingerprint read out by
 * phone does: the administrator wraps nothing before the fingerprints match.
 */
export const INVITATION_PREFIX = 'ATHAR-INVITE-1:';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const invitationSchema = z.object({
  server: z.string().max(500),
  database: z.string().regex(/^[a-z][a-z0-9_$()+/-]{0,127}$/),
  user: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
  vault: uuid,
  member: uuid,
  /** The prefix of the references this laptop will issue (ATH-<prefix>-<year>-<serial>). */
  prefix: z.string().regex(/^[A-Z0-9]{2,6}$/),
  origin: z.object({ device: uuid, founderKey: hex64 }),
  /** Binds the answer to the team's data key: an answer wrapping any other key is refused (dataKeyCheck). */
  keyCheck: hex64,
  secret: hex64,
  expires: z.string().datetime(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export type InvitationProblem = 'malformed' | 'expired' | 'address';

export class InvitationError extends Error {
  constructor(readonly problem: InvitationProblem) {
    super(`invitation ${problem}`);
    this.name = 'InvitationError';
  }
}

export function invitationCode(inv: Invitation): string {
  return INVITATION_PREFIX + toBase64(utf8(JSON.stringify(invitationSchema.parse(inv))));
}

/** The code as pasted (spaces and line breaks a message may have added are ignored). */
export function readInvitation(code: string, now = new Date()): Invitation {
  const compact = code.replace(/\s+/g, '');
  if (!compact.startsWith(INVITATION_PREFIX) || compact.length > 8000) throw new InvitationError('malformed');
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(fromBase64(compact.slice(INVITATION_PREFIX.length))));
  } catch {
    throw new InvitationError('malformed');
  }
  const parsed = invitationSchema.safeParse(value);
  if (!parsed.success) throw new InvitationError('malformed');
  if (serverAddressProblem(parsed.data.server)) throw new InvitationError('address');
  if (Date.parse(parsed.data.expires) <= now.getTime()) throw new InvitationError('expired');
  return parsed.data;
}

/** The database beside the team's where enrolments are exchanged (sync-server/admin.ts makes it). */
export const enrolmentDatabase = (db: string): string => `${db}-enrolment`;

/** Where each message of an enrolment lies on the server: ids only the code's holders can compute. */
export function enrolmentIds(secret: string): { request: string; answer: string } {
  const id = (what: string): string => toHex(sha256(utf8(`athar/v1/enrolment/${what}\n${secret}`)).subarray(0, 16));
  return { request: id('request'), answer: id('answer') };
}

/** The AES-256-GCM key both messages are sealed with (raw: the caller imports it, non-extractable). */
export function enrolmentKeyBytes(secret: string): Uint8Array {
  return hkdf(sha256, fromHex(secret), utf8('athar/v1/enrolment'), utf8('seal'), 32);
}

export const ENROLMENT_REQUEST = 'enrolment-request';
export const ENROLMENT_ANSWER = 'enrolment-answer';

/** The laptop's request: the public keys it made for the member. */
export const enrolmentRequestSchema = z.object({ signingKey: hex64, agreementKey: hex64 });
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(400);

/** The administrator's answer: the data key's grant to those keys, for that member of that vault. */
export const enrolmentAnswerSchema = z.object({
  vault: uuid,
  member: uuid,
  signingKey: hex64,
  agreementKey: hex64,
  grant: z.object({ v: z.literal(1), epk: b64, iv: b64, ct: b64 }),
  /** Which of the team's keys the grant is (generation 0: the one it began with), and the older ones. */
  teamKeys: z
    .object({
      newest: z.object({ generation: z.number().int().nonnegative(), id: z.string().max(100) }),
      older: z
        .array(
          z.object({
            generation: z.number().int().nonnegative(),
            id: z.string().max(100),
            grant: z.object({ v: z.literal(1), epk: b64, iv: b64, ct: b64 }),
          }),
        )
        .max(1000),
    })
    .default({ newest: { generation: 0, id: '' }, older: [] }),
});
export type EnrolmentAnswer = z.infer<typeof enrolmentAnswerSchema>;

export interface GrantBytes {
  v: 1;
  epk: Uint8Array;
  iv: Uint8Array;
  ct: Uint8Array;
}

export function grantToJson(g: GrantBytes): EnrolmentAnswer['grant'] {
  return { v: 1, epk: toBase64(g.epk), iv: toBase64(g.iv), ct: toBase64(g.ct) };
}

export function grantFromJson(g: EnrolmentAnswer['grant']): GrantBytes {
  return { v: 1, epk: fromBase64(g.epk), iv: fromBase64(g.iv), ct: fromBase64(g.ct) };
}

/**
 * A commitment to the team's data key, carried by the invitation: whoever else holds the code (it travels by
 * hand, and anyone who saw it can write to the enrolment database) cannot answer with a key of their own and so
 * read what the new laptop seals. It reveals nothing of the key (HKDF, one way).
 */
export function dataKeyCheck(dataKey: Uint8Array, vaultId: string): string {
  return toHex(hkdf(sha256, dataKey, utf8(vaultId), utf8('athar/v1/invitation-key-check'), 32));
}
