import type { Api, EventPayload } from '../../../shared/ipc/contract';

export type LockRequestReason = EventPayload<'vault:lock-requested'>['reason'];

/**
 * What the app needs from its host. In Electron this is window.api (the
 * preload bridge); in a plain browser (end-to-end tests, development) it is
 * implemented with web APIs. No other module touches window.api.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  onLockRequested(listener: (reason: LockRequestReason) => void): () => void;
  setTitle(title: string): void;
  openExternal(url: string): Promise<boolean>;
  /** The system print dialog for the current page. */
  print(): Promise<boolean>;
  /** The current page as a PDF, saved where the user chooses (in a browser: its print dialog, which offers "Save as PDF"). */
  savePdf(suggestedName: string): Promise<{ saved: boolean; path: string | null }>;
}

function electronPlatform(api: Api): Platform {
  return {
    kind: 'electron',
    onLockRequested: (listener) => api.onLockRequested((p) => listener(p.reason)),
    setTitle: (title) => { void api.setTitle({ title }); },
    openExternal: async (url) => { const r = await api.openExternal({ url }); return r.ok && r.value.opened; },
    print: async () => { const r = await api.printPage(); return r.ok && r.value.printed; },
    savePdf: async (suggestedName) => {
      const r = await api.savePdf({ suggestedName: suggestedName.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
  };
}

function browserPlatform(): Platform {
  return {
    kind: 'browser',
    onLockRequested: () => () => undefined,
    setTitle: (title) => { document.title = title; },
    openExternal: async (url) => {
      if (!/^(https|mailto):/i.test(url)) return false;
      return window.open(url, '_blank', 'noopener,noreferrer') !== null;
    },
    print: async () => { window.print(); return true; },
    savePdf: async () => { window.print(); return { saved: false, path: null }; },
  };
}

declare global {
  interface Window { api?: Api }
}

export const platform: Platform = typeof window !== 'undefined' && window.api ? electronPlatform(window.api) : browserPlatform();
