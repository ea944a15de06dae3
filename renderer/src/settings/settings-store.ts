import { z } from 'zod';
import { useSyncExternalStore } from 'react';

/**
 * Interface preferences. They are needed before the vault is unlocked (the
 * unlock screen's language) and hold nothing about any case, so they live in
 * localStorage rather than in the vault.
 */
export const settingsSchema = z.object({
  language: z.enum(['en', 'ar']).catch('en'),
  theme: z.enum(['light', 'dark', 'auto']).catch('light'),
  autoLockMinutes: z.number().int().min(1).max(240).catch(10),
  arabicDigits: z.boolean().catch(false),
});
export type Settings = z.infer<typeof settingsSchema>;

const KEY = 'athar.settings.v1';
const DEFAULTS: Settings = { language: 'en', theme: 'light', autoLockMinutes: 10, arabicDigits: false };

function read(): Settings {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? settingsSchema.parse({ ...DEFAULTS, ...JSON.parse(raw) }) : DEFAULTS;
  } catch {
    return DEFAULTS;
  }
}

let current = read();
const listeners = new Set<() => void>();

export function getSettings(): Settings {
  return current;
}

export function updateSettings(patch: Partial<Settings>): Settings {
  current = settingsSchema.parse({ ...current, ...patch });
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(current));
  } catch {
    /* storage full: keep in memory for this session */
  }
  for (const l of listeners) l();
  return current;
}

// Another window of the same origin (a second browser tab of the web build) that changes a preference is followed,
// so two windows never disagree about the language they write in.
globalThis.addEventListener?.('storage', (e: StorageEvent) => {
  if (e.key !== KEY) return;
  current = read();
  for (const l of listeners) l();
});

export function useSettings(): Settings {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, getSettings);
}
