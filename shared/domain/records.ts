import { REFERENCE_PATTERN } from './reference-code';
import { z } from 'zod';
import { partialDateSchema } from './partial-date';
import { canonicalJson } from '../crypto/canonical-json';
import { ROLES } from './permissions';
import { AUTHORITIES, designationSchema, LIST_FORMATS } from '../sanctions/designation';

/**
 * The record model (docs/architecture.md). Every record has a random UUID, timestamps
 * and author. These schemas describe the decrypted content; what is stored
 * is an encrypted envelope of it (see shared/crypto/envelope.ts).
 */
export const uuid = z.string().uuid();
const iso = z.string().datetime({ offset: true });
const text = z.string().max(20_000);
const shortText = z.string().max(500);

/** How sure the office is of a position or a period: established by documents, probable, or only possible. */
export const CERTAINTIES = ['confirmed', 'probable', 'possible'] as const;
export type Certainty = (typeof CERTAINTIES)[number];
/** The testimonies and documents that say so. */
const sourceRefs = z.array(z.object({ recordId: uuid })).max(50);

export const baseRecord = z.object({
  id: uuid,
  createdAt: iso,
  updatedAt: iso,
  author: shortText,
});

export const CASE_KINDS = ['arbitrary-detention', 'enforced-disappearance', 'missing', 'death-in-custody'] as const;
export const CASE_STATUSES = ['open', 'detained', 'disappeared', 'released', 'deceased', 'found', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CONFIDENTIALITY = ['standard', 'restricted', 'strict'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const PERSON_ROLES = ['subject', 'witness', 'family', 'perpetrator', 'other'] as const;

export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** A rich-text document as ProseMirror JSON (what Tiptap's getJSON() returns). */
export const richTextSchema = z
  .object({ type: z.literal('doc'), content: z.array(z.unknown()).optional() })
  .passthrough();
export type RichText = z.infer<typeof richTextSchema>;
// A document must hold at least one block: an empty one leaves the editor without a place for the caret (and its pending marks).
export const EMPTY_DOC: RichText = { type: 'doc', content: [{ type: 'paragraph' }] };

export const personIdSchema = z.object({ kind: shortText, value: shortText, issuer: shortText.default('') });

/** What describes a person, without the record's id, timestamps and role; every field has a default. */
export const personFieldsSchema = z.object({
  nameAr: shortText.default(''),
  nameLatin: shortText.default(''),
  aliases: z.array(shortText).max(100).default([]),
  fatherName: shortText.default(''),
  motherName: shortText.default(''),
  sex: z.enum(SEXES).default('unknown'),
  birthDate: partialDateSchema.nullable().default(null),
  birthPlaceId: z.string().max(200).nullable().default(null),
  ids: z.array(personIdSchema).max(50).default([]),
  nationality: shortText.default(''),
  occupation: shortText.default(''),
  description: text.default(''),
  // Perpetrators
  rank: shortText.default(''),
  sanctionsRefs: z.array(shortText).default([]),
  /** Positions over time: which unit, in what role, from when to when, and what says so (shared/domain/command.ts). */
  memberships: z
    .array(
      z.object({
        unitId: uuid,
        role: shortText.default(''),
        from: partialDateSchema.nullable().default(null),
        to: partialDateSchema.nullable().default(null),
        // Optional rather than defaulted, so that memberships written before them keep their stored form and digest.
        /** In command of the unit in this period, not only a member of it. */
        commands: z.boolean().optional(),
        /** The rank held in this period, which may differ from the person's rank today. */
        rank: shortText.optional(),
        certainty: z.enum(CERTAINTIES).optional(),
        sources: sourceRefs.optional(),
      }),
    )
    .max(500)
    .default([]),
  // Witnesses
  protectionLevel: z.enum(['none', 'standard', 'high']).default('none'),
  pseudonym: shortText.default(''),
  /** Set when a person decided this record describes the same person as another: hidden from lists, every link kept, reversible. */
  mergedInto: uuid.nullable().default(null),
});
export type PersonFields = z.infer<typeof personFieldsSchema>;

export const personSchema = baseRecord
  .extend({ role: z.enum(PERSON_ROLES) })
  .extend(personFieldsSchema.shape)
  .refine((p) => p.nameAr.trim() !== '' || p.nameLatin.trim() !== '', {
    message: 'name-required',
    path: ['nameLatin'],
  });
export type Person = z.infer<typeof personSchema>;

export const statusChangeSchema = z.object({
  status: z.enum(CASE_STATUSES),
  at: iso,
  by: shortText,
  reason: text,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const caseSchema = baseRecord.extend({
  reference: z.string().regex(REFERENCE_PATTERN),
  subjectId: uuid,
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  statusHistory: z.array(statusChangeSchema).min(1),
  priority: z.enum(PRIORITIES),
  assignee: shortText.default(''),
  confidentiality: z.enum(CONFIDENTIALITY),
  tags: z.array(z.string().min(1).max(60)).max(50).default([]),
  summary: richTextSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const familyContactSchema = baseRecord.extend({
  caseId: uuid,
  personId: uuid.nullable().default(null),
  name: shortText,
  relationship: shortText,
  phones: z.array(shortText).default([]),
  messaging: z.array(shortText).default([]),
  address: text.default(''),
  language: shortText.default(''),
  consentToContact: z.boolean().default(false),
  consentToShare: z.array(shortText).default([]),
  safetyNotes: text.default(''),
  dnaSample: z
    .object({ given: z.boolean(), to: shortText.default(''), date: partialDateSchema.nullable().default(null) })
    .nullable()
    .default(null),
  log: z
    .array(
      z.object({
        at: iso,
        channel: shortText,
        by: shortText,
        notes: text,
        followUp: z.string().date().nullable().default(null),
      }),
    )
    .default([]),
});
export type FamilyContact = z.infer<typeof familyContactSchema>;

export const consentScopeSchema = z.object({
  scope: z.enum(['internal', 'mechanisms', 'public-anonymised']),
  /** The recipients (records in `recipients`) the witness agreed to; an export to any other leaves it out. */
  recipientIds: z.array(uuid).max(100).default([]),
  /**
   * Names typed before recipients were records. Never added to: each still covers any recipient whose recorded
   * name is the same, until a person removes it (or swaps it for the recipient of that name) in the form.
   */
  mechanisms: z.array(shortText).default([]),
  obtainedAt: partialDateSchema.nullable().default(null),
  how: shortText.default(''),
  withdrawnAt: z.string().date().nullable().default(null),
});

export const testimonySchema = baseRecord.extend({
  caseId: uuid.nullable().default(null),
  witnessId: uuid,
  date: partialDateSchema.nullable().default(null),
  placeId: z.string().max(200).nullable().default(null),
  interviewer: shortText.default(''),
  language: shortText.default(''),
  interpreter: shortText.default(''),
  recordedHow: shortText.default(''),
  content: richTextSchema,
  consent: consentScopeSchema,
  attachmentIds: z.array(uuid).default([]),
});
export type Testimony = z.infer<typeof testimonySchema>;

export const custodyEntrySchema = z.object({
  at: iso,
  by: shortText,
  action: z.enum(['acquired', 'viewed', 'copied', 'exported', 'verified', 'imported', 'restored']),
  detail: text.default(''),
  hashOk: z.boolean().nullable().default(null),
  /** The member who added it, and their Ed25519 signature over it (shared/crypto/custody-signatures.ts). */
  member: uuid.optional(),
  sig: z
    .string()
    .regex(/^[0-9a-f]{128}$/)
    .optional(),
});

export const documentSchema = baseRecord.extend({
  caseId: uuid.nullable().default(null),
  originalName: z.string().max(1000),
  mediaType: shortText,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sha512: z.string().regex(/^[0-9a-f]{128}$/),
  chunkCount: z.number().int().nonnegative(),
  derivedFromId: uuid.nullable().default(null),
  source: text.default(''),
  acquiredHow: shortText.default(''),
  acquiredAt: partialDateSchema.nullable().default(null),
  acquiredBy: shortText.default(''),
  documentDate: partialDateSchema.nullable().default(null),
  docType: shortText.default(''),
  language: shortText.default(''),
  description: text.default(''),
  authenticity: text.default(''),
  custody: z.array(custodyEntrySchema).default([]),
});
export type EvidenceDocument = z.infer<typeof documentSchema>;

export const EVENT_KINDS = [
  'arrest',
  'detention',
  'transfer',
  'sighting',
  'interrogation',
  'torture',
  'trial',
  'death',
  'release',
  'disappearance',
  // Kinds an incident of many cases may have beside the custody ones (a mass arrest is an arrest, a convoy a transfer).
  'massacre',
  'chemical-attack',
  'other',
] as const;

export const eventSchema = baseRecord.extend({
  /** Null for an incident: an event of many cases, tied to each by a `concerns` link (shared/domain/incidents.ts). */
  caseId: uuid.nullable().default(null),
  kind: z.enum(EVENT_KINDS),
  // Optional rather than defaulted, so that events written before it keep their stored form and digest.
  /** An incident's name as people know it ("the Daraya checkpoint arrests"). */
  title: shortText.optional(),
  date: partialDateSchema.nullable().default(null),
  placeId: z.string().max(200).nullable().default(null),
  description: text.default(''),
  persons: z
    .array(z.object({ personId: uuid, role: z.enum(['victim', 'witness', 'perpetrator', 'family']) }))
    .default([]),
  unitIds: z.array(uuid).default([]),
  sources: z.array(z.object({ recordId: uuid, reliability: text.default('') })).default([]),
});
export type DetentionEvent = z.infer<typeof eventSchema>;

export const PLACE_KINDS = ['governorate', 'town', 'facility', 'other'] as const;
export const placeSchema = baseRecord.extend({
  // Seeded places keep the gazetteer's stable slug; user places get a UUID.
  id: z.string().min(1).max(200),
  kind: z.enum(PLACE_KINDS),
  nameEn: shortText,
  nameAr: shortText,
  parentId: z.string().max(200).nullable().default(null),
  operatorEn: shortText.default(''),
  operatorAr: shortText.default(''),
  // Optional rather than defaulted: a place written before them (the shipped gazetteer in every office) keeps
  // the same stored form, and so the same digest, everywhere.
  /** Other names and spellings, in either script: every one of them finds the place. */
  aliases: z.array(shortText).max(50).optional(),
  /** Where it is, when known, and how that was established (a satellite image, a witness's sketch). */
  coordinates: z
    .object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      how: shortText.default(''),
    })
    .optional(),
  /** The units that ran it, each from when to when as far as known, and what says so. Optional, as above. */
  runBy: z
    .array(
      z.object({
        unitId: uuid,
        from: partialDateSchema.nullable().default(null),
        to: partialDateSchema.nullable().default(null),
        sources: z
          .array(z.object({ recordId: uuid }))
          .max(50)
          .default([]),
      }),
    )
    .max(100)
    .optional(),
  notes: text.default(''),
});
export type Place = z.infer<typeof placeSchema>;

export const unitSchema = baseRecord.extend({
  nameEn: shortText,
  nameAr: shortText,
  /** The unit it is part of in the tree; at a date, only while it has no dated `parents` (those are the whole story). */
  parentId: uuid.nullable().default(null),
  /** Written by earlier versions only: commanders are now positions on the person (`memberships`, `commands`). */
  commanders: z
    .array(z.object({ personId: uuid, from: partialDateSchema.nullable(), to: partialDateSchema.nullable() }))
    .default([]),
  /** What it was part of when, as far as known, and what says so; optional, so units written before keep their digest. */
  parents: z
    .array(
      z.object({
        unitId: uuid,
        from: partialDateSchema.nullable().default(null),
        to: partialDateSchema.nullable().default(null),
        sources: sourceRefs.default([]),
      }),
    )
    .max(100)
    .optional(),
  notes: text.default(''),
});
export type Unit = z.infer<typeof unitSchema>;

export const LINK_TYPES = [
  'mentions',
  'corroborates',
  'contradicts',
  'relative-of',
  'member-of',
  'witnessed',
  'supports',
  'derived-from',
  'concerns',
] as const;
export const linkSchema = baseRecord.extend({
  type: z.enum(LINK_TYPES),
  fromTable: shortText,
  fromId: z.string().max(200),
  toTable: shortText,
  toId: z.string().max(200),
  note: text.default(''),
});
export type Link = z.infer<typeof linkSchema>;

export const MATCH_DECISIONS = ['match', 'not-match', 'unsure'] as const;
export type MatchDecision = (typeof MATCH_DECISIONS)[number];

/** A family's request to trace a missing person, matched against everyone on file; only a person decides. */
export const tracingRequestSchema = baseRecord
  .extend({
    nameAr: shortText.default(''),
    nameLatin: shortText.default(''),
    aliases: z.array(shortText).max(50).default([]),
    fatherName: shortText.default(''),
    motherName: shortText.default(''),
    sex: z.enum(SEXES).default('unknown'),
    birthYear: z.number().int().min(1880).max(2100).nullable().default(null),
    placeId: z.string().max(200).nullable().default(null),
    lastSeenDate: partialDateSchema.nullable().default(null),
    lastSeenPlaceId: z.string().max(200).nullable().default(null),
    nationalIds: z.array(shortText).max(10).default([]),
    requester: z.object({ name: shortText, relationship: shortText.default(''), contact: text.default('') }),
    receivedAt: z.string().date(),
    notes: text.default(''),
    status: z.enum(['open', 'closed']).default('open'),
    decisions: z
      .array(
        z.object({
          personId: uuid,
          decision: z.enum(MATCH_DECISIONS),
          score: z.number(),
          by: shortText,
          at: iso,
          note: text.default(''),
        }),
      )
      .default([]),
  })
  .refine((r) => r.nameAr.trim() !== '' || r.nameLatin.trim() !== '', {
    message: 'name-required',
    path: ['nameLatin'],
  });
export type TracingRequest = z.infer<typeof tracingRequestSchema>;

/** An OpenPGP public key as Athar keeps it: the armoured key and what was read from it when it was added. */
export const publicKeySchema = z.object({
  armored: z.string().max(200_000),
  fingerprint: z.string().regex(/^[0-9A-F]{40,64}$/),
  userIds: z.array(shortText).max(20),
  algorithm: shortText,
  created: iso,
  expires: iso.nullable(),
});

/** A mechanism or unit that receives evidence packages, with the public key(s) packages are encrypted to. */
export const recipientSchema = baseRecord.extend({
  name: z.string().min(1).max(500),
  contact: text.default(''),
  notes: text.default(''),
  keys: z.array(publicKeySchema).max(10).default([]),
});
export type Recipient = z.infer<typeof recipientSchema>;

/** The organisation's signing key. Its secret lives only here, inside the encrypted vault. */
export const signingKeySchema = baseRecord.extend({
  armoredPrivate: z.string().max(200_000),
  public: publicKeySchema,
  origin: z.enum(['generated', 'imported']),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

const publicKeyHex = z.string().regex(/^[0-9a-f]{64}$/);
export const MEMBER_STATUSES = ['active', 'removed'] as const;

/** What the audit chain must know of a member to judge their signatures: carried in every entry that changes it. */
export const memberGrantSchema = z.object({
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  status: z.enum(MEMBER_STATUSES),
  /** Ed25519 and X25519 public keys, raw, in hex. */
  signingKey: publicKeyHex,
  agreementKey: publicKeyHex,
});
export type MemberGrant = z.infer<typeof memberGrantSchema>;

/** A person who unlocks this vault with their own passphrase and signs what they do. */
export const memberSchema = baseRecord.extend({
  name: z.string().trim().min(1).max(200),
  ...memberGrantSchema.shape,
  /** Signing keys a reset replaced: what the member signed before still verifies against them. */
  formerSigningKeys: z.array(publicKeyHex).max(100).default([]),
});
export type Member = z.infer<typeof memberSchema>;

const hexBytes = z
  .string()
  .regex(/^(?:[0-9a-f]{2})*$/)
  .max(400);
/** A key wrapped to one member's X25519 key (renderer/src/db/key-grants.ts), in hex. */
export const wrappedKeySchema = z.object({
  member: uuid,
  /** The X25519 key it was wrapped to: a member reset since (a new key) no longer opens it. */
  agreementKey: z.string().regex(/^[0-9a-f]{64}$/),
  epk: hexBytes,
  iv: hexBytes,
  ct: hexBytes,
});
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

export const COMPARTMENT_LEVELS = ['restricted', 'strict'] as const;

/**
 * A restricted or strict case's own key, wrapped to each member who may read it. The case's records, summary
 * and originals are sealed with that key instead of the vault's data key (docs/team.md, "Compartments"); this
 * record itself is sealed with the data key, so every member sees that the case exists, its reference, and who
 * is assigned, and nothing else.
 */
export const compartmentSchema = baseRecord.extend({
  caseId: uuid,
  /** The case's subject, whose person record is sealed with the case. */
  subjectId: uuid,
  reference: z.string().regex(REFERENCE_PATTERN),
  level: z.enum(COMPARTMENT_LEVELS),
  /** Starts at 1; a new key (a member unassigned or removed) is the next generation. */
  generation: z.number().int().min(1).max(1_000_000),
  /** The members assigned to the case (administrators may hold the key without being assigned). */
  assigned: z.array(uuid).max(500),
  /** This generation's key, wrapped to every member who holds it. */
  grants: z.array(wrappedKeySchema).max(1000),
  /**
   * While the case's rows are re-sealed after a rotation: the previous generation's key, wrapped to the new
   * holders only, so that what is not re-sealed yet stays readable to them. Null once every row is.
   */
  previous: z
    .object({ generation: z.number().int().min(1), grants: z.array(wrappedKeySchema).max(1000) })
    .nullable()
    .default(null),
  /** The case went back to standard: its rows are being re-sealed with the data key, then this record goes. */
  releasing: z.boolean().default(false),
  /** The case was standard before: its older records are still to be moved in from the data key. */
  gathering: z.boolean().default(false),
  /**
   * A member gave up their own grant (they unassigned themselves): the next holder to unlock makes a new key,
   * as for any member unassigned or removed.
   */
  rotationDue: z.boolean().default(false),
});
export type Compartment = z.infer<typeof compartmentSchema>;

/**
 * A new key for what laptops send one another (renderer/src/db/team-keys.ts), made when a member is removed and
 * wrapped to every member still active. Each is a record of its own, made once and never changed: two made
 * apart are both kept, and every laptop picks the same one to seal with (the higher generation, then the
 * greater id). It is sealed with the key before it, so the members who had that key learn of it, and only
 * those it is wrapped to can open it.
 */
export const teamKeySchema = baseRecord.extend({
  generation: z.number().int().min(1).max(1_000_000),
  grants: z.array(wrappedKeySchema).min(1).max(1000),
});

export const REVIEW_SUBJECTS = ['cases', 'testimonies', 'exports'] as const;
export const REVIEW_STATES = ['submitted', 'returned', 'approved', 'withdrawn'] as const;
export const REVIEW_ACTIONS = ['submitted', 'returned', 'approved', 'withdrawn'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
const digestHex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A case, a testimony or an export put to a reviewer. Each step is one signed commit adding one entry to
 * `history`; the rules of who may take which step are shared/domain/reviews.ts, applied by the record store.
 */
export const reviewSchema = baseRecord.extend({
  subject: z.enum(REVIEW_SUBJECTS),
  /** The case's or testimony's id; for an export, the id of the export it plans. */
  subjectId: z.string().min(1).max(200),
  /** The case it belongs to (a restricted case's reviews are sealed with it). */
  caseId: uuid.nullable().default(null),
  /** What an export would send, and to whom: an approval holds for exactly this. */
  exportPlan: z
    .object({ recipientId: uuid, caseIds: z.array(uuid).min(1).max(5000) })
    .nullable()
    .default(null),
  submittedBy: uuid,
  state: z.enum(REVIEW_STATES),
  /** The digest of the version submitted, so an approval is of that version and no later one. */
  digest: digestHex.nullable().default(null),
  history: z
    .array(
      z.object({
        at: iso,
        by: uuid,
        action: z.enum(REVIEW_ACTIONS),
        comment: text.default(''),
        digest: digestHex.nullable().default(null),
      }),
    )
    .min(1)
    .max(1000),
});
export type Review = z.infer<typeof reviewSchema>;

/** The organisation's rules for the whole vault (one record, id `organisation`). */
export const policySchema = baseRecord.extend({
  id: z.literal('organisation'),
  /** No package leaves for a recipient without an approved review of exactly that export. */
  requireExportReview: z.boolean().default(false),
});

export const auditEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: iso,
  actor: shortText,
  action: z.enum(['create', 'update', 'delete', 'vault', 'print', 'export', 'import']),
  table: shortText,
  recordId: z.string().max(200),
  /** The case the record belongs to, so a case's history still shows records that were deleted. */
  caseId: z.string().max(200).nullable().default(null),
  fields: z.array(z.string()).default([]),
  /** SHA-256 of the record version a create or update wrote; absent on deletes, events and older entries. */
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /**
   * On an update: the digest of the version it was made from, as the laptop that made it held it. Another laptop
   * holding a different version then knows the two were made apart: a conflict, kept for a person to settle.
   */
  base: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** On an update that settles a conflict: the digests of the other laptops' versions it chose between. */
  resolves: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(20)
    .optional(),
  /** The member who did it (absent on entries from before the vault had members). */
  by: uuid.optional(),
  /** On a change to the members table: what the member may do from this entry on, and their public keys. */
  member: memberGrantSchema.optional(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * On the last entry of a commit: the member's Ed25519 signature over the commit, entries `from` to this
   * one (shared/crypto/signatures.ts). Outside the hash, which it signs.
   */
  sig: z
    .object({
      from: z.number().int().nonnegative(),
      value: z.string().regex(/^[0-9a-f]{128}$/),
    })
    .optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * A sanctions list as imported: which authority's, from which file (its SHA-256, so the very file can be shown
 * again), published when, and what the import changed. The designations themselves are records of their own.
 */
export const sanctionsListSchema = baseRecord.extend({
  authority: z.enum(AUTHORITIES),
  format: z.enum(LIST_FORMATS),
  fileName: shortText,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedOn: partialDateSchema.nullable(),
  counts: z.object({
    designations: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    delisted: z.number().int().nonnegative(),
    relisted: z.number().int().nonnegative(),
  }),
});
export type SanctionsList = z.infer<typeof sanctionsListSchema>;

/**
 * One authority's designation of one person or entity, as its latest imported list gave it. Its id is derived
 * from the authority and reference, so two offices importing the same list make the same record. A designation
 * missing from a newer list is kept, with the date it was found gone (`delistedOn`), since "designated until"
 * is part of the history an investigator or advocate needs.
 */
export const designationRecordSchema = baseRecord.extend({
  ...designationSchema.shape,
  /** The import that last set it. */
  listId: uuid,
  /** First and latest list it was seen in, by publication date (or import date where the list states none). */
  firstSeen: partialDateSchema.nullable(),
  delistedOn: partialDateSchema.nullable(),
});
export type DesignationRecord = z.infer<typeof designationRecordSchema>;

/**
 * A person's decision on a proposed match: this designation is (or is not) the perpetrator on file, or another
 * authority's designation of the same person. Nothing is matched without one. The explanation the person saw
 * (each field's agreement and weight) is kept with the decision, so it can be shown again as it was.
 */
export const designationMatchSchema = baseRecord.extend({
  designationId: uuid,
  personId: uuid.nullable(),
  otherDesignationId: uuid.nullable(),
  decision: z.enum(['same', 'different']),
  score: z.number().finite(),
  fields: z
    .array(
      z.object({
        field: z.string().max(40),
        agreement: z.enum(['agree', 'partial', 'disagree', 'missing']),
        weight: z.number().finite(),
        detail: z.string().max(200).optional(),
      }),
    )
    .max(20),
  note: shortText,
});
export type DesignationMatch = z.infer<typeof designationMatchSchema>;

/** Which schema describes each encrypted table's content. */
export const RECORD_SCHEMAS = {
  cases: caseSchema,
  persons: personSchema,
  contacts: familyContactSchema,
  testimonies: testimonySchema,
  documents: documentSchema,
  events: eventSchema,
  places: placeSchema,
  units: unitSchema,
  links: linkSchema,
  tracing: tracingRequestSchema,
  recipients: recipientSchema,
  keys: signingKeySchema,
  members: memberSchema,
  compartments: compartmentSchema,
  reviews: reviewSchema,
  policies: policySchema,
  teamKeys: teamKeySchema,
  sanctionsLists: sanctionsListSchema,
  designations: designationRecordSchema,
  designationMatches: designationMatchSchema,
} as const;
export type RecordTable = keyof typeof RECORD_SCHEMAS;
export type RecordOf<T extends RecordTable> = z.infer<(typeof RECORD_SCHEMAS)[T]>;

const comparable = (v: unknown): string | undefined => (v === undefined ? undefined : canonicalJson(v));

/** Top-level fields that differ between two versions of a record, for the audit log. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    if (k === 'updatedAt') continue;
    // Key order is not a change: a record read back from storage and the same record as typed compare equal.
    if (comparable(before?.[k]) !== comparable(after[k])) out.push(k);
  }
  return out.sort();
}
