/**
 * Print profiles: named, reviewable rules for what a printed summary may
 * contain. A profile lists the sections it allows and which are on by
 * default; what it does not allow cannot be switched on, whatever the user
 * picks. The family summary is the strict default: paper handed to a family
 * must never carry a witness's identity, a relative's contact details, a
 * safety note or internal notes.
 */
export const PRINT_SECTIONS = [
  'subject',
  'photo',
  'status',
  'lastSeen',
  'arrest',
  'timeline',
  'events',
  'eventDetails',
  'eventSources',
  'witnesses',
  'witnessIdentity',
  'evidence',
  'contacts',
  'safetyNotes',
  'internalNotes',
  'actions',
  'caseworker',
] as const;
export type PrintSection = (typeof PRINT_SECTIONS)[number];

export const PRINT_PROFILES = ['family', 'legal', 'internal'] as const;
export type PrintProfileId = (typeof PRINT_PROFILES)[number];

export interface PrintProfile {
  id: PrintProfileId;
  /** Sections this profile may ever contain. */
  allowed: readonly PrintSection[];
  /** Sections on unless the user turns them off. */
  defaults: readonly PrintSection[];
}

export const PROFILES: Record<PrintProfileId, PrintProfile> = {
  family: {
    id: 'family',
    allowed: ['subject', 'photo', 'status', 'lastSeen', 'arrest', 'timeline', 'actions', 'caseworker'],
    defaults: ['subject', 'status', 'lastSeen', 'arrest', 'timeline', 'actions', 'caseworker'],
  },
  legal: {
    id: 'legal',
    allowed: [
      'subject',
      'photo',
      'status',
      'lastSeen',
      'arrest',
      'timeline',
      'events',
      'eventDetails',
      'eventSources',
      'witnesses',
      'evidence',
      'internalNotes',
      'caseworker',
    ],
    defaults: [
      'subject',
      'status',
      'lastSeen',
      'timeline',
      'events',
      'eventDetails',
      'eventSources',
      'witnesses',
      'evidence',
      'caseworker',
    ],
  },
  internal: {
    id: 'internal',
    allowed: PRINT_SECTIONS,
    defaults: PRINT_SECTIONS.filter((s) => s !== 'actions' && s !== 'photo'),
  },
};

export interface PrintOptions {
  profile: PrintProfileId;
  language: 'en' | 'ar';
  sections: PrintSection[];
  confidentialFooter: boolean;
  /** Typed for this print only (not stored): what is being done and the next steps, and how to reach the caseworker. */
  actionsText: string;
  caseworkerText: string;
  /** An image from the case's evidence to show beside the person's details, when 'photo' is on. */
  photoDocumentId: string | null;
}

/** The sections that will print: what the user chose, cut to what the profile allows. */
export function effectiveSections(o: Pick<PrintOptions, 'profile' | 'sections'>): Set<PrintSection> {
  const allowed = new Set(PROFILES[o.profile].allowed);
  return new Set(o.sections.filter((s) => allowed.has(s)));
}

export function defaultOptions(profile: PrintProfileId, language: 'en' | 'ar', caseworkerText = ''): PrintOptions {
  return {
    profile,
    language,
    sections: [...PROFILES[profile].defaults],
    confidentialFooter: profile !== 'family',
    actionsText: '',
    caseworkerText,
    photoDocumentId: null,
  };
}

/** How a print is described in the audit log: profile, language and every section, on or off. */
export function auditFields(o: PrintOptions): string[] {
  const on = effectiveSections(o);
  return [
    `profile:${o.profile}`,
    `language:${o.language}`,
    `confidential:${o.confidentialFooter ? 'yes' : 'no'}`,
    ...PROFILES[o.profile].allowed.map((s) => `${s}:${on.has(s) ? 'on' : 'off'}`),
  ];
}
